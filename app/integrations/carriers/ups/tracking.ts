import type { CarrierResult, TrackingDetails, TrackingEvent } from "~/engine/carriers";
import { ACTIVITY_STATUS, CARRIER_ID } from "./codes";
import { parseErrors } from "./errors";

interface Activity { date?: string; time?: string; status?: { type?: string; code?: string; description?: string }; location?: { address?: { city?: string; countryCode?: string } } }
interface Pkg { trackingNumber?: string; activity?: Activity[]; deliveryDate?: { type?: string; date?: string }[] }

const isoDate = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d);
const isoTime = (t: string) => (/^\d{6}$/.test(t) ? `${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}` : "00:00:00");

/** Track API v1. "Not found" comes back as HTTP 200 with a warning on the shipment, not an error. */
export function parseTrackingResponse(status: number, body: unknown): CarrierResult<TrackingDetails | null> {
  if (status >= 400) return { data: null, messages: parseErrors(status, body) };
  const shipment = ((body ?? {}) as { trackResponse?: { shipment?: { inquiryNumber?: string; package?: Pkg[]; warnings?: { code?: string; message?: string }[] }[] } }).trackResponse?.shipment?.[0];
  const warnings = (shipment?.warnings ?? []).map((w) => ({ carrierId: CARRIER_ID, code: w.code ?? "", message: w.message ?? "", level: "warning" as const }));
  const pkg = shipment?.package?.[0];
  if (!pkg) return { data: null, messages: warnings };
  const events: TrackingEvent[] = (pkg.activity ?? [])
    .map((a) => {
      // Customs release/holds arrive as ordinary activities; the description is the only tell.
      const text = a.status?.description ?? "";
      const customs = /customs/i.test(text) ? (/released|cleared/i.test(text) ? "customs_cleared" : "customs_hold") : undefined;
      return {
        at: `${isoDate(a.date ?? "")}T${isoTime(a.time ?? "")}`,
        code: a.status?.code ?? "",
        description: text,
        ...(a.location?.address?.city ? { location: `${a.location.address.city}, ${a.location.address.countryCode ?? ""}` } : {}),
        status: customs ?? ACTIVITY_STATUS[a.status?.type ?? ""] ?? "in_transit",
      } satisfies TrackingEvent;
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  const last = events[events.length - 1];
  const delivered = events.find((e) => e.status === "delivered");
  return {
    data: {
      trackingNumber: pkg.trackingNumber ?? shipment?.inquiryNumber ?? "",
      status: last?.status ?? "label_created",
      events,
      ...(delivered ? { deliveredAt: delivered.at } : {}),
    },
    messages: warnings,
  };
}
