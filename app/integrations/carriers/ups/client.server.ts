import { CarrierAuthError, type CallOptions, type CarrierAdapter, type RateRequest, type ShipmentRequest } from "~/engine/carriers";
import { callCarrier, type FetchLike } from "../http";
import { CARRIER_ID } from "./codes";
import { buildRateRequest, parseRateResponse, type UpsSettings } from "./rate";
import { buildShipmentRequest, parseShipmentResponse } from "./shipment";
import { parseTrackingResponse } from "./tracking";

export interface UpsConfig extends UpsSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://onlinetools.ups.com (production) or https://wwwcie.ups.com (test). */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
  /** Clock for token expiry. */
  readonly now?: () => number;
}

/** UPS with OAuth client credentials; the token is kept until a minute before it expires. */
export function createUpsAdapter(config: UpsConfig): CarrierAdapter {
  const fetchImpl = config.fetch ?? ((url, init) => fetch(url, init));
  const budget = config.timeoutMs ?? 2500;
  const now = config.now ?? Date.now;
  let token: { value: string; expiresAt: number } | null = null;

  async function bearer(options?: CallOptions): Promise<string> {
    if (token && token.expiresAt > now()) return token.value;
    const r = await callCarrier(CARRIER_ID, fetchImpl, `${config.baseUrl}/security/v1/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "x-merchant-id": config.accountNumber,
      },
      body: "grant_type=client_credentials",
    }, budget, options?.signal);
    const body = (r.body ?? {}) as { access_token?: string; expires_in?: string | number };
    if (r.status >= 400 || !body.access_token) throw new CarrierAuthError(CARRIER_ID, `no access token (HTTP ${r.status})`);
    // expires_in is a string of seconds in UPS's examples ("14399").
    token = { value: body.access_token, expiresAt: now() + (Number(body.expires_in) - 60) * 1000 };
    return token.value;
  }

  async function call(path: string, init: RequestInit, options?: CallOptions) {
    const headers = { Authorization: `Bearer ${await bearer(options)}`, "Content-Type": "application/json", transId: crypto.randomUUID().replaceAll("-", ""), transactionSrc: "borderless" };
    return callCarrier(CARRIER_ID, fetchImpl, `${config.baseUrl}${path}`, { ...init, headers }, budget, options?.signal);
  }

  return {
    carrierId: CARRIER_ID,
    capabilities: { rates: true, labels: true, tracking: true, returnLabels: true },
    async rate(req: RateRequest, options?: CallOptions) {
      const r = await call(`/api/rating/v2409/${req.serviceCode ? "Ratetimeintransit" : "Shoptimeintransit"}`, { method: "POST", body: JSON.stringify(buildRateRequest(req, config)) }, options);
      return parseRateResponse(r.status, r.body);
    },
    async createShipment(req: ShipmentRequest, options?: CallOptions) {
      const r = await call("/api/shipments/v2409/ship", { method: "POST", body: JSON.stringify(buildShipmentRequest(req, config)) }, options);
      return parseShipmentResponse(r.status, r.body);
    },
    async track(trackingNumber: string, options?: CallOptions) {
      const r = await call(`/api/track/v1/details/${encodeURIComponent(trackingNumber)}?locale=en_US&returnSignature=false`, { method: "GET" }, options);
      return parseTrackingResponse(r.status, r.body);
    },
  };
}
