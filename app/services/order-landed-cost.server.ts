/**
 * What one order's buyer paid in duties and import taxes with the order (DDP) or will pay the
 * carrier at the door (DAP), and when it should arrive: the figures the app saved on the order's
 * parcels, for the order status block of customer accounts. That page does not see the delivery
 * option chosen at checkout, and a fresh quote days later would name other rates and other dates,
 * so the block restates what was recorded, never a new calculation.
 */
import type { PrismaClient } from "@prisma/client";
import { currencyExponent } from "../engine/money";

export interface OrderDuties {
  readonly incoterm: "DDP" | "DAP";
  readonly currency: string;
  /** Decimal places of the currency, so a client can turn minor units into an amount. */
  readonly exponent: number;
  /** Duties and import taxes in minor units of `currency`. */
  readonly amount: number;
}

export interface OrderLandedCost {
  readonly order: string;
  /** One entry per incoterm and currency, summed over the order's parcels. */
  readonly duties: readonly OrderDuties[];
  /** The window promised at checkout, or the carrier's later estimate; null once delivered or unknown. */
  readonly delivery: { readonly earliest: string; readonly latest: string; readonly estimated: boolean } | null;
}

/** A request the service cannot answer: the status and message the route returns. */
export class OrderLandedCostError extends Error {
  constructor(readonly status: 400 | 403 | 404, message: string) {
    super(message);
    this.name = "OrderLandedCostError";
  }
}

const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

/** `gid://shopify/Customer/7` and `7` name the same customer. */
function sameCustomer(a: string, b: string): boolean {
  return a.split("/").pop() === b.split("/").pop();
}

/**
 * The saved figures of `orderId` in `shop`, for `customer` (the session token's `sub`). Only the
 * customer the order belongs to is answered: the order id alone is not a secret.
 */
export async function orderLandedCost(db: Pick<PrismaClient, "order" | "shipment">, shop: string, orderId: string, customer: string | null | undefined): Promise<OrderLandedCost> {
  if (!ORDER_GID.test(orderId)) throw new OrderLandedCostError(400, "order: must be an Order GID such as gid://shopify/Order/1001");
  if (!customer) throw new OrderLandedCostError(403, "the session token names no customer (sign in to see this order)");
  const order = await db.order.findUnique({ where: { shop_shopifyId: { shop, shopifyId: orderId } }, select: { customerId: true } });
  // One answer for "no such order" and "not yours", so order ids cannot be probed.
  if (!order?.customerId || !sameCustomer(order.customerId, customer)) throw new OrderLandedCostError(404, `no order ${orderId} for this customer`);
  const parcels = await db.shipment.findMany({
    where: { shop, orderShopifyId: orderId },
    select: { incoterm: true, dutiesMinor: true, dutiesCurrency: true, promisedFrom: true, promisedBy: true, estimatedDelivery: true, deliveredAt: true },
    orderBy: { createdAt: "asc" },
  });
  const duties = new Map<string, OrderDuties>();
  for (const p of parcels) {
    if (p.dutiesMinor === null || !p.dutiesCurrency || (p.incoterm !== "DDP" && p.incoterm !== "DAP")) continue;
    const key = `${p.incoterm}:${p.dutiesCurrency}`;
    const seen = duties.get(key);
    duties.set(key, { incoterm: p.incoterm, currency: p.dutiesCurrency, exponent: currencyExponent(p.dutiesCurrency), amount: (seen?.amount ?? 0) + p.dutiesMinor });
  }
  if (duties.size === 0) throw new OrderLandedCostError(404, `no duties recorded yet for order ${orderId}`);
  return { order: orderId, duties: [...duties.values()], delivery: deliveryWindow(parcels) };
}

type Parcel = { promisedFrom: string | null; promisedBy: string | null; estimatedDelivery: string | null; deliveredAt: Date | null };

/** The whole order arrives when its last parcel does: the earliest start to the latest end. */
function deliveryWindow(parcels: readonly Parcel[]): OrderLandedCost["delivery"] {
  const open = parcels.filter((p) => !p.deliveredAt);
  if (open.length === 0) return null;
  const estimates = open.map((p) => p.estimatedDelivery?.slice(0, 10));
  if (estimates.every((e): e is string => !!e)) {
    const sorted = [...estimates].sort();
    return { earliest: sorted[0]!, latest: sorted.at(-1)!, estimated: true };
  }
  const from = open.map((p) => p.promisedFrom).filter((d): d is string => !!d).sort();
  const by = open.map((p) => p.promisedBy).filter((d): d is string => !!d).sort();
  if (from.length === 0 || by.length === 0) return null;
  return { earliest: from[0]!, latest: by.at(-1)!, estimated: false };
}
