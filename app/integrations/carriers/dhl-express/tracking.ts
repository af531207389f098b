import type { CarrierResult, TrackingDetails, TrackingEvent, TrackingStatus } from "~/engine/carriers";
import { EVENT_STATUS } from "./codes";
import { parseError } from "./errors";

interface DhlEvent { date?: string; time?: string; typeCode?: string; description?: string; serviceArea?: { description?: string }[] }
interface DhlShipment { shipmentTrackingNumber?: string; status?: string; estimatedTimeOfDelivery?: string; events?: DhlEvent[] }

export function parseTrackingResponse(status: number, body: unknown): CarrierResult<TrackingDetails | null> {
  if (status === 404) return { data: null, messages: parseError(status, body).map((m) => ({ ...m, level: "warning" as const })) };
  if (status >= 400) return { data: null, messages: parseError(status, body) };
  const s = ((body ?? {}) as { shipments?: DhlShipment[] }).shipments?.[0];
  if (!s?.shipmentTrackingNumber) return { data: null, messages: [] };
  // DHL lists checkpoints newest first; we keep them oldest first like every other carrier here.
  const events: TrackingEvent[] = (s.events ?? [])
    .map((e) => ({
      at: `${e.date ?? ""}T${e.time ?? "00:00:00"}`,
      code: e.typeCode ?? "",
      description: e.description ?? "",
      ...(e.serviceArea?.[0]?.description ? { location: e.serviceArea[0].description } : {}),
      status: EVENT_STATUS[e.typeCode ?? ""] ?? ("in_transit" as TrackingStatus),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
  const last = events[events.length - 1];
  const delivered = events.find((e) => e.status === "delivered");
  return {
    data: {
      trackingNumber: s.shipmentTrackingNumber,
      status: last?.status ?? "label_created",
      events,
      ...(s.estimatedTimeOfDelivery ? { estimatedDelivery: s.estimatedTimeOfDelivery.slice(0, 10) } : {}),
      ...(delivered ? { deliveredAt: delivered.at } : {}),
    },
    messages: [],
  };
}
