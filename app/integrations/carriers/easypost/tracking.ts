import type { CarrierResult, TrackingDetails } from "~/engine/carriers";
import { TRACKER_STATUS } from "./codes";
import { parseError } from "./errors";

interface Detail { datetime?: string; status?: string; message?: string; tracking_location?: { city?: string | null; country?: string | null } }
interface Tracker { tracking_code?: string; status?: string; est_delivery_date?: string | null; tracking_details?: Detail[] }

export function parseTracker(status: number, body: unknown): CarrierResult<TrackingDetails | null> {
  if (status >= 400) return { data: null, messages: parseError(status, body) };
  const t = (body ?? {}) as Tracker;
  if (!t.tracking_code) return { data: null, messages: [] };
  const events = (t.tracking_details ?? []).map((d) => ({
    at: d.datetime ?? "",
    code: d.status ?? "",
    description: d.message ?? "",
    ...(d.tracking_location?.city ? { location: `${d.tracking_location.city}, ${d.tracking_location.country ?? ""}` } : {}),
    status: TRACKER_STATUS[d.status ?? ""] ?? "in_transit",
  })).sort((a, b) => a.at.localeCompare(b.at));
  const delivered = events.find((e) => e.status === "delivered");
  return {
    data: {
      trackingNumber: t.tracking_code,
      status: TRACKER_STATUS[t.status ?? ""] ?? "in_transit",
      events,
      ...(t.est_delivery_date ? { estimatedDelivery: t.est_delivery_date.slice(0, 10) } : {}),
      ...(delivered ? { deliveredAt: delivered.at } : {}),
    },
    messages: [],
  };
}
