import { Prisma } from "@prisma/client";
import type { CustomerPrivacyRequest } from "../engine/orders";
import type { Db } from "../integrations/shopify/order-store.server";
import { redactShipmentBuyers } from "../integrations/tracking/redact.server";

/** Keys of Shopify payloads that hold a person's data; their values are removed from stored bodies. */
const PERSONAL_KEYS = new Set([
  "email", "contact_email", "phone", "first_name", "last_name", "customer", "shipping_address", "billing_address",
  "default_address", "destination", "browser_ip", "client_details", "note", "note_attributes",
]);

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, PERSONAL_KEYS.has(k) ? null : redactJson(v)]));
  }
  return value;
}

function customerOrders(shop: string, request: CustomerPrivacyRequest) {
  return {
    shop,
    OR: [
      ...(request.customerId ? [{ customerId: request.customerId }] : []),
      ...(request.email ? [{ email: request.email }] : []),
      ...(request.orderIds.length ? [{ shopifyId: { in: request.orderIds } }] : []),
    ],
  };
}

/**
 * customers/redact: the customer's personal data leaves every table of the shop: orders keep their
 * lines, amounts and destination country (needed for duties and analytics) but lose name, contact
 * and street address; stored webhook bodies that mention the customer are stripped of personal
 * fields; data requests assembled for them are deleted.
 */
export async function redactCustomer(db: Db, shop: string, request: CustomerPrivacyRequest, now: Date, exceptDeliveryId?: string): Promise<number> {
  const { count } = await db.order.updateMany({
    where: customerOrders(shop, request),
    data: {
      email: null, phone: null, customerId: null, destName: null, destCompany: null, destAddress1: null, destAddress2: null,
      destCity: null, destZip: null, destPhone: null, redactedAt: now,
    },
  });
  const needles = [request.email, request.phone, request.customerId, request.customerId?.split("/").pop()].filter((x): x is string => !!x);
  const mentions = await db.webhookDelivery.findMany({
    where: { shop, body: { not: "" }, ...(exceptDeliveryId ? { id: { not: exceptDeliveryId } } : {}), OR: needles.map((n) => ({ body: { contains: n } })) },
    select: { id: true, body: true },
  });
  for (const delivery of mentions) {
    let redacted: string;
    try {
      redacted = JSON.stringify(redactJson(JSON.parse(delivery.body)));
    } catch {
      redacted = "";
    }
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { body: redacted } });
  }
  if (request.customerId) await db.dataRequest.deleteMany({ where: { shop, customerId: request.customerId } });
  // Parcels carry the buyer's name and contact for tracking notifications.
  await redactShipmentBuyers(db, shop, { email: request.email, phone: request.phone, orderIds: request.orderIds });
  return count;
}

/** shop/redact (48 hours after uninstall): every row of every model that carries the shop goes. */
export async function redactShop(db: Db, shop: string, exceptDeliveryId?: string): Promise<void> {
  for (const model of Prisma.dmmf.datamodel.models) {
    const field = model.fields.find((f) => f.name === "shop") ? "shop" : model.name === "Shop" ? "domain" : null;
    if (!field) continue;
    const delegate = (db as unknown as Record<string, { deleteMany(args: unknown): Promise<unknown> }>)[model.name.charAt(0).toLowerCase() + model.name.slice(1)];
    const where: Record<string, unknown> = { [field]: shop };
    if (model.name === "WebhookDelivery" && exceptDeliveryId) where.id = { not: exceptDeliveryId };
    await delegate!.deleteMany({ where });
  }
}

/** customers/data_request: what the app holds about the customer, assembled for the merchant. */
export async function assembleCustomerData(db: Db, shop: string, request: CustomerPrivacyRequest): Promise<string> {
  const orders = await db.order.findMany({
    where: customerOrders(shop, request),
    include: { lines: true, shippingLines: true },
    orderBy: { shopifyCreatedAt: "asc" },
  });
  const data = {
    customer: { id: request.customerId, email: request.email, phone: request.phone },
    orders: orders.map((o) => ({
      id: o.shopifyId, name: o.name, placedAt: o.shopifyCreatedAt.toISOString(), email: o.email, phone: o.phone,
      shippingAddress: { name: o.destName, company: o.destCompany, address1: o.destAddress1, address2: o.destAddress2, city: o.destCity, provinceCode: o.destProvinceCode, zip: o.destZip, countryCode: o.destCountryCode, phone: o.destPhone },
      currency: o.currency, totalMinor: o.totalMinor,
      lines: o.lines.map((l) => ({ sku: l.sku, title: l.title, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })),
    })),
  };
  const row = await db.dataRequest.create({
    data: { shop, customerId: request.customerId ?? request.email ?? request.phone ?? "unknown", dataRequestId: request.dataRequestId, data: JSON.stringify(data) },
  });
  return row.id;
}
