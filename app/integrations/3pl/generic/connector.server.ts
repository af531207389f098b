import type { HandoverOrder, ThirdPartyResult, ThirdPartyWarehouse } from "~/engine/fulfillment/third-party";
import { orderCancelled, orderSubmitted, type OutboundMessage } from "./messages";
import { SIGNATURE_HEADER, signMessage } from "./signature";

export interface GenericConnectorOptions {
  /** Where the 3PL receives our messages; null when it only exchanges files. */
  readonly endpointUrl: string | null;
  readonly secret: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Called with each message sent, so the caller can keep a log. */
  readonly onSent?: (message: OutboundMessage, status: number) => Promise<void> | void;
}

/**
 * The connector any 3PL can meet: we post signed JSON messages (order.submitted, order.cancelled)
 * and it pushes shipments, stock snapshots and return receipts back to our webhook, or exchanges
 * CSV files. Nothing is fetched from it: it tells us.
 */
export function createGenericConnector(options: GenericConnectorOptions): ThirdPartyWarehouse {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());

  async function send(message: OutboundMessage): Promise<ThirdPartyResult<true>> {
    if (!options.endpointUrl) return { data: null, messages: [{ code: "files-only", message: "This 3PL exchanges files only: export the order CSV for it", level: "error" }] };
    const body = JSON.stringify(message);
    let response: Response;
    try {
      response = await doFetch(options.endpointUrl, {
        method: "POST", body,
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signMessage(body, options.secret, now()) },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      return { data: null, messages: [{ code: "unreachable", message: `The 3PL's endpoint did not answer: ${error instanceof Error ? error.message : String(error)}`, level: "error" }] };
    }
    await options.onSent?.(message, response.status);
    if (!response.ok) {
      const text = (await response.text().catch(() => "")).slice(0, 300);
      return { data: null, messages: [{ code: `http-${response.status}`, message: `The 3PL refused the ${message.type} message (HTTP ${response.status})${text ? `: ${text}` : ""}`, level: "error" }] };
    }
    return { data: true, messages: [] };
  }

  const pushed = <T>(what: string): ThirdPartyResult<T> => ({ data: null, messages: [{ code: "not-supported", message: `The generic connector does not fetch ${what}: the 3PL pushes them or sends a file`, level: "error" }] });

  return {
    connector: "generic",
    capabilities: { submitOrder: !!options.endpointUrl, cancelOrder: !!options.endpointUrl, fetchShipments: false, fetchStock: false, fetchReturns: false, pushesMessages: true, files: true },
    async submitOrder(order: HandoverOrder) {
      const r = await send(orderSubmitted(order, now()));
      return { data: r.data ? { externalId: null } : null, messages: r.messages };
    },
    async cancelOrder(reference, _externalId) {
      const r = await send(orderCancelled(reference, "cancelled by the merchant", now()));
      return { data: r.data ? { cancelled: true } : null, messages: r.messages };
    },
    fetchShipments: async () => pushed("shipments"),
    fetchStock: async () => pushed("stock"),
    fetchReturns: async () => pushed("returns"),
  };
}
