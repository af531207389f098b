/**
 * Demo store only: the emulator has fulfillments but no carrier scans, so delivery dates for the
 * dashboards are simulated from each order's lane: a fixed draw per order (same order, same
 * date), transit typical of the lane's kind, and the window the demo checkout promises. Real
 * shops get delivery dates from tracked shipments.
 */
import type { DeliveryOf } from "../services/dashboards.server";

function draw(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

const EU = new Set(["AT", "BE", "DE", "DK", "ES", "FR", "IE", "IT", "NL", "SE", "CH"]);

export const simulatedDemoDelivery: DeliveryOf = ({ shopifyId, createdAt, shippedAt: scanned, fulfilled, lane }) => {
  // Days are counted from the order, so the promise covers handling as well as transit.
  // Orders synced without their fulfillment's time ship, as the demo seed has them, 1-2 days in.
  const shippedAt = scanned ?? (fulfilled ? new Date(createdAt.getTime() + (1 + draw(`${shopifyId}/ship`)) * 86_400_000) : null);
  if (!shippedAt) return null;
  const [from, to] = lane.split("-") as [string, string];
  const domestic = from === to;
  const sameBloc = EU.has(from) && EU.has(to);
  const [min, spread, promised] = domestic ? [1, 4, 5] : sameBloc ? [2, 5, 7] : [4, 9, 10];
  const transitDays = min + Math.floor(draw(shopifyId) * spread) + (draw(`${shopifyId}/late`) < 0.07 ? 3 : 0);
  const deliveredAt = new Date(shippedAt.getTime() + transitDays * 86_400_000);
  return { deliveredAt, promisedDays: promised };
};
