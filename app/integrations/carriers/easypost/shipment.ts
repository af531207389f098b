import { fromMajor } from "~/engine/money";
import type { CarrierResult, Label } from "~/engine/carriers";
import { parseError } from "./errors";

export function buildBuy(rateId: string): Record<string, unknown> {
  return { rate: { id: rateId } };
}

interface Bought { tracking_code?: string | null; postage_label?: { label_url?: string; label_file_type?: string } | null; selected_rate?: { rate?: string; currency?: string } | null }

/** POST /v2/shipments/:id/buy response: the shipment with its postage label URL. */
export function parseBuyResponse(status: number, body: unknown): CarrierResult<Label | null> {
  if (status >= 400) return { data: null, messages: parseError(status, body) };
  const s = (body ?? {}) as Bought;
  if (!s.tracking_code) return { data: null, messages: [{ carrierId: "easypost", code: "no-tracking-code", message: "bought shipment has no tracking code", level: "error" }] };
  return {
    data: {
      trackingNumber: s.tracking_code,
      packageTrackingNumbers: [s.tracking_code],
      format: (s.postage_label?.label_file_type ?? "image/png").replace("image/", "").toUpperCase(),
      ...(s.postage_label?.label_url ? { url: s.postage_label.label_url } : {}),
      ...(s.selected_rate?.rate && s.selected_rate.currency ? { charge: fromMajor(s.selected_rate.rate, s.selected_rate.currency) } : {}),
    },
    messages: [],
  };
}
