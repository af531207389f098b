import type { PlannedShipment, RoutingDecision, RoutingOrder } from "./model";
import { distanceKm, pointOf } from "./geo";
import { createOrderEvaluator, eligibleWarehouses, shortage, sumCosts, type RouterOptions, type RoutingState } from "./router";

/**
 * Shopify's default rule, as a yardstick: ship from the nearest location that has every item,
 * else each line from the nearest location that has it; the cheapest service there. It knows
 * nothing of duties, so it shows what routing on cost is worth.
 */
export function routeNearest(order: RoutingOrder, state: RoutingState, options: RouterOptions): RoutingDecision {
  const to = pointOf(order.destination);
  const { eligible } = eligibleWarehouses(order.destination.country, options.warehouses, options.policies);
  const ranked = eligible
    .filter((w) => (state.capacity.get(w.id) ?? 0) > 0)
    .map((w) => ({ w, km: to && pointOf(w) ? distanceKm(pointOf(w)!, to) : Infinity }))
    .sort((a, b) => a.km - b.km);
  const ev = createOrderEvaluator(order, options.warehouses, options);
  const full = (1 << order.lines.length) - 1;
  const done = (shipments: PlannedShipment[], reason: string): RoutingDecision =>
    ({ orderId: order.id, status: "routed", currency: order.currency, shipments, cost: sumCosts(shipments), candidates: [], reason });

  for (const { w } of ranked) {
    if (shortage(state, w, ev.needs(full))) continue;
    const s = ev.exact(w, full);
    if (s) return done([s], `nearest warehouse with stock: ${w.name}`);
  }
  const groups = new Map<string, number>();
  for (let i = 0; i < order.lines.length; i++) {
    const pick = ranked.find(({ w }) => !shortage(state, w, ev.needs(1 << i)));
    if (!pick) return { orderId: order.id, status: "unroutable", currency: order.currency, shipments: [], cost: null, candidates: [], reason: `no warehouse has ${order.lines[i]!.sku}` };
    groups.set(pick.w.id, (groups.get(pick.w.id) ?? 0) | (1 << i));
  }
  const shipments: PlannedShipment[] = [];
  for (const [id, mask] of groups) {
    const s = ev.exact(ranked.find((r) => r.w.id === id)!.w, mask);
    if (!s) return { orderId: order.id, status: "unroutable", currency: order.currency, shipments: [], cost: null, candidates: [], reason: "no service from the nearest warehouses" };
    shipments.push(s);
  }
  return done(shipments, "nearest warehouse per line");
}
