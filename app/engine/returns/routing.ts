import { money, toMajorString, type Money } from "../money";
import type { Grams } from "../units";
import { dutyOutlook, type ReliefRule } from "./duties";
import type { ItemCondition, ReturnReason } from "./policy";

/**
 * Where a returned item can go. Warehouses (local, regional hub, origin) put it back on sale;
 * a refurbisher repairs and sells it on; donation and disposal partners take what cannot be sold.
 */
export type DestinationKind = "local_warehouse" | "regional_hub" | "origin" | "refurbisher" | "donation" | "disposal";
export type Disposition = "resell" | "refurbish" | "donate" | "dispose" | "keep";

export interface ReturnDestination {
  readonly id: string;
  readonly name: string;
  readonly kind: DestinationKind;
  readonly country: string;
  readonly postcode?: string;
  /** The Shopify location where restocked units become available, for warehouses. */
  readonly locationId?: string | null;
  /** Receiving, inspection and re-packing per item, in the shop's currency. */
  readonly handling: Money;
  /** Price level of resale there against the shop's list price, percent (100 = list price). */
  readonly priceIndexPercent: number;
  /** Refurbishers: what a refurbished item sells for, percent of list price. */
  readonly recoveryPercent: number;
  /** Countries it takes returns from; empty = from anywhere. */
  readonly servesCountries: readonly string[];
  /** Product types it accepts; empty = all. */
  readonly productTypes: readonly string[];
}

export interface ReturnItem {
  readonly key: string;
  readonly title: string;
  readonly sku: string | null;
  readonly productType: string;
  /** Price paid per unit, in the shop's currency. */
  readonly unitPrice: Money;
  readonly quantity: number;
  /** Weight of one unit. */
  readonly weight: Grams;
  readonly hsCode: string | null;
  readonly originCountry: string | null;
  readonly condition: ItemCondition;
  readonly reason: ReturnReason;
  /** Import duty the shop paid on these units at sale (DDP), if any. */
  readonly dutiesPaid?: Money;
  /** Cosmetics and the like: once opened they cannot be sold again. */
  readonly hygiene?: boolean;
  /** Lithium batteries and electronics under take-back law (WEEE Directive 2012/19/EU): never left with the buyer when broken. */
  readonly controlledDisposal?: boolean;
}

export interface StockPosition {
  readonly onHand: number;
  /** Units the site should hold for expected demand. */
  readonly target: number;
}

export interface RoutingContext {
  readonly currency: string;
  readonly buyer: { readonly country: string; readonly postcode?: string | null };
  /** Country the order shipped from: decides returned goods relief. */
  readonly exportedFrom: string | null;
  readonly destinations: readonly ReturnDestination[];
  /** Price of a prepaid return label from the buyer to a destination, in the shop's currency; null when no service exists. */
  readonly labelCost: (from: { country: string; postcode?: string | null }, to: ReturnDestination, weight: Grams) => Money | null;
  /** Import duty the destination's country would charge on the item without relief, in the shop's currency. */
  readonly importDuty: (item: ReturnItem, destinationCountry: string) => Money;
  /** Stock at a destination for a SKU; undefined when the site does not carry it. */
  readonly stock: (destinationId: string, sku: string | null) => StockPosition | undefined;
  readonly keepItAllowed: boolean;
}

export interface RouteOption {
  readonly destination: ReturnDestination;
  readonly disposition: Exclude<Disposition, "keep">;
  readonly resale: Money;
  readonly label: Money;
  readonly handling: Money;
  readonly importDuty: Money;
  readonly dutyRecovered: Money;
  /** resale + duty recovered - label - handling - import duty */
  readonly net: Money;
  readonly notes: readonly string[];
  readonly dutyRules: readonly ReliefRule[];
}

export interface RoutingDecision {
  readonly itemKey: string;
  readonly disposition: Disposition;
  readonly destination: ReturnDestination | null;
  readonly chosen: RouteOption | null;
  /** What the merchant recovers by this decision (0 when the buyer keeps the item). */
  readonly net: Money;
  /** The same item sent back to the origin warehouse, for comparison; null when the origin cannot take it. */
  readonly origin: RouteOption | null;
  readonly reason: string;
  readonly options: readonly RouteOption[];
  readonly excluded: readonly { readonly destinationId: string; readonly reason: string }[];
}

const WAREHOUSE_KINDS: ReadonlySet<DestinationKind> = new Set(["local_warehouse", "regional_hub", "origin"]);
const KIND_LABEL: Record<DestinationKind, string> = {
  local_warehouse: "local warehouse", regional_hub: "regional hub", origin: "origin warehouse", refurbisher: "refurbisher", donation: "donation partner", disposal: "recycling and disposal",
};

// Share of list price a warehouse gets for a returned unit by its state: an opened box sells as
// "open box" at a discount; used and damaged units are not put back on the shelf.
const WAREHOUSE_RESALE_PERCENT: Record<ItemCondition, number> = { new_unopened: 100, new_opened: 85, used: 0, damaged: 0 };
// A refurbisher pays less for a damaged unit than for a used one: more work, more parts.
const REFURB_CONDITION_PERCENT: Record<ItemCondition, number> = { new_unopened: 0, new_opened: 100, used: 100, damaged: 60 };

const pct = (amount: number, percent: number) => Math.round((amount * percent) / 100);

// Building an Intl.NumberFormat costs more than routing an item; one per currency is kept.
const FORMATS = new Map<string, Intl.NumberFormat>();
function format(m: Money): string {
  let f = FORMATS.get(m.currency);
  if (!f) FORMATS.set(m.currency, (f = new Intl.NumberFormat("en", { style: "currency", currency: m.currency })));
  return f.format(Number(toMajorString(m)));
}

/** Every destination's economics for one item, and the ones that cannot take it with why. */
export function evaluateDestinations(item: ReturnItem, ctx: RoutingContext): { options: RouteOption[]; excluded: { destinationId: string; reason: string }[] } {
  const c = ctx.currency;
  const options: RouteOption[] = [];
  const excluded: { destinationId: string; reason: string }[] = [];
  const listValue = item.unitPrice.amount * item.quantity;
  for (const d of ctx.destinations) {
    const exclude = (reason: string) => excluded.push({ destinationId: d.id, reason });
    if (d.servesCountries.length && !d.servesCountries.includes(ctx.buyer.country)) { exclude(`takes no returns from ${ctx.buyer.country}`); continue; }
    if (d.productTypes.length && !d.productTypes.some((t) => t.toLowerCase() === item.productType.toLowerCase())) { exclude(`does not take ${item.productType}`); continue; }
    const notes: string[] = [];
    let disposition: RouteOption["disposition"];
    let resale = 0;
    if (WAREHOUSE_KINDS.has(d.kind)) {
      const conditionPercent = item.hygiene && item.condition !== "new_unopened" ? 0 : WAREHOUSE_RESALE_PERCENT[item.condition];
      if (conditionPercent === 0) { exclude(`cannot resell a ${item.condition.replace(/_/g, " ")} ${item.hygiene ? "hygiene " : ""}item`); continue; }
      disposition = "resell";
      const stock = ctx.stock(d.id, item.sku);
      // Stock needs: a unit where the shelf is short sells at once; where stock already covers
      // demand it waits or is marked down; where the SKU is not carried it must move again.
      let stockPercent = 70;
      if (stock && stock.onHand < stock.target) { stockPercent = 100; notes.push(`short of ${stock.target - stock.onHand} there`); }
      else if (stock) { stockPercent = 85; notes.push("stock there already covers demand"); }
      else notes.push("not stocked there");
      resale = pct(pct(pct(listValue, d.priceIndexPercent), conditionPercent), stockPercent);
      if (conditionPercent < 100) notes.push(`resold as open box at ${conditionPercent}%`);
    } else if (d.kind === "refurbisher") {
      const conditionPercent = REFURB_CONDITION_PERCENT[item.condition];
      if (conditionPercent === 0) { exclude("new, unopened items are resold, not refurbished"); continue; }
      if (item.hygiene) { exclude("hygiene items cannot be refurbished"); continue; }
      disposition = "refurbish";
      resale = pct(pct(listValue, d.recoveryPercent), conditionPercent);
      notes.push(`refurbished and sold at ${pct(d.recoveryPercent, conditionPercent)}% of list`);
    } else if (d.kind === "donation") {
      if (item.condition === "damaged" || item.hygiene || item.controlledDisposal) { exclude("donation partners take wearable, safe goods only"); continue; }
      disposition = "donate";
    } else {
      disposition = "dispose";
    }
    const label = ctx.labelCost(ctx.buyer, d, item.weight * item.quantity);
    if (!label) { exclude(`no return service from ${ctx.buyer.country} to ${d.country}`); continue; }
    const outlook = dutyOutlook({ buyerCountry: ctx.buyer.country, destinationCountry: d.country, exportedFrom: ctx.exportedFrom, originCountry: item.originCountry, reason: item.reason });
    const importDuty = outlook.importDutyDue ? ctx.importDuty(item, d.country).amount : 0;
    const dutyRecovered = item.dutiesPaid ? pct(item.dutiesPaid.amount, outlook.repaymentPercent) : 0;
    if (importDuty > 0) notes.push(`import duty ${format(money(importDuty, c))} into ${d.country}`);
    if (dutyRecovered > 0) notes.push(`${format(money(dutyRecovered, c))} duty repaid by ${ctx.buyer.country}`);
    const handling = d.handling.amount * item.quantity;
    const net = resale + dutyRecovered - label.amount - handling - importDuty;
    options.push({
      destination: d, disposition, resale: money(resale, c), label, handling: money(handling, c), importDuty: money(importDuty, c),
      dutyRecovered: money(dutyRecovered, c), net: money(net, c), notes, dutyRules: outlook.rules,
    });
  }
  return { options, excluded };
}

const describe = (o: RouteOption) =>
  `${o.destination.name} (${KIND_LABEL[o.destination.kind]}, ${o.destination.country}): ${o.disposition}, nets ${format(o.net)}` +
  ` = resale ${format(o.resale)}${o.dutyRecovered.amount ? ` + duty repaid ${format(o.dutyRecovered)}` : ""} - label ${format(o.label)} - handling ${format(o.handling)}${o.importDuty.amount ? ` - import duty ${format(o.importDuty)}` : ""}` +
  (o.notes.length ? ` (${o.notes.join("; ")})` : "");

/**
 * Chooses where one returned item goes: the option that recovers the most. When even the best
 * option loses money, the buyer keeps the item (if the policy allows and the law lets them).
 */
export function routeItem(item: ReturnItem, ctx: RoutingContext): RoutingDecision {
  const { options, excluded } = evaluateDestinations(item, ctx);
  const ranked = [...options].sort((a, b) => b.net.amount - a.net.amount || rankKind(a) - rankKind(b));
  const origin = options.find((o) => o.destination.kind === "origin") ?? null;
  const best = ranked[0];
  const mustCollect = item.controlledDisposal && item.condition === "damaged";
  const zero = money(0, ctx.currency);
  const base = { itemKey: item.key, origin, options: ranked, excluded };
  if (ctx.keepItAllowed && !mustCollect && (!best || best.net.amount < 0)) {
    const why = best
      ? `Keep it: returning costs more than it recovers; the best route, ${describe(best)}`
      : "Keep it: no destination can take this item back";
    return { ...base, disposition: "keep", destination: null, chosen: null, net: zero, reason: why };
  }
  if (!best) {
    return { ...base, disposition: "keep", destination: null, chosen: null, net: zero, reason: `No destination can take this item: ${excluded.map((e) => `${e.destinationId} ${e.reason}`).join("; ")}` };
  }
  const lead = mustCollect ? "Collected for controlled disposal or repair (take-back law): " : "";
  const versus = origin && origin !== best ? `; back to origin ${origin.destination.name} would net ${format(origin.net)}` : "";
  return { ...base, disposition: best.disposition, destination: best.destination, chosen: best, net: best.net, reason: `${lead}${describe(best)}${versus}` };
}

// On a tie prefer putting the item back on sale near the buyer.
function rankKind(o: RouteOption): number {
  return ["local_warehouse", "regional_hub", "origin", "refurbisher", "donation", "disposal"].indexOf(o.destination.kind);
}

export interface ReturnRouting {
  readonly decisions: readonly RoutingDecision[];
  /** What the routed return recovers in total. */
  readonly net: Money;
  /** What the same items recover sent back to the origin (null where the origin cannot take an item, counted as 0). */
  readonly originNet: Money;
  /** Label, handling and import duty less duty recovered: what the return costs before any resale. */
  readonly cost: Money;
  readonly originCost: Money;
}

const costOf = (o: RouteOption) => o.label.amount + o.handling.amount + o.importDuty.amount - o.dutyRecovered.amount;

/** Routes every item of a return and totals it against sending everything to the origin. */
export function routeReturn(items: readonly ReturnItem[], ctx: RoutingContext): ReturnRouting {
  const decisions = items.map((item) => routeItem(item, ctx));
  const c = ctx.currency;
  return {
    decisions,
    net: money(decisions.reduce((s, d) => s + d.net.amount, 0), c),
    originNet: money(decisions.reduce((s, d) => s + (d.origin?.net.amount ?? 0), 0), c),
    cost: money(decisions.reduce((s, d) => s + (d.chosen ? costOf(d.chosen) : 0), 0), c),
    originCost: money(decisions.reduce((s, d) => s + (d.origin ? costOf(d.origin) : 0), 0), c),
  };
}
