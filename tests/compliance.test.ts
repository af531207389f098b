import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { createWorker } from "../app/jobs/worker.server";
import { action as ordersRoute } from "../app/routes/webhooks.orders";
import { action as complianceRoute } from "../app/routes/webhooks.compliance";
import { exampleBody, signedWebhook } from "./support/webhooks";

const SHOP = "privacy-a.myshopify.com";
const OTHER = "privacy-b.myshopify.com";
const args = (request: Request) => ({ request, params: {}, context: {} });

const alice = { id: 7001, email: "alice.liddell@example.org", phone: "+447700900123", first_name: "Alice", last_name: "Liddell", address1: "7 Rabbit Hole Lane", zip: "OX1 1AA" };
const bob = { id: 7002, email: "bob.builder@example.org", phone: "+15555550199", first_name: "Bob", last_name: "Builder", address1: "99 Scaffold Street", zip: "10001" };

function orderFor(person: typeof alice, n: number, pending = false) {
  const base = JSON.parse(exampleBody("orders/create"));
  const address = { ...base.shipping_address, first_name: person.first_name, last_name: person.last_name, name: `${person.first_name} ${person.last_name}`, address1: person.address1, zip: person.zip, phone: person.phone, country_code: "GB" };
  return {
    ...base, id: 9000 + n, admin_graphql_api_id: `gid://shopify/Order/${9000 + n}`, name: `#${9000 + n}`, email: person.email, contact_email: person.email, phone: person.phone,
    updated_at: `2026-11-2${pending ? 4 : 3}T10:00:00Z`,
    customer: { ...base.customer, id: person.id, admin_graphql_api_id: `gid://shopify/Customer/${person.id}`, email: person.email, first_name: person.first_name, last_name: person.last_name, phone: person.phone },
    shipping_address: address, billing_address: address,
  };
}

async function post(route: typeof ordersRoute, shop: string, topic: string, body: unknown) {
  const response = await route(args(signedWebhook({ topic, shop, body: JSON.stringify(body), path: route === ordersRoute ? "/webhooks/orders" : "/webhooks/compliance" })));
  expect(response.status).toBe(200);
}

/** Every row of every table, as text: what "left in any table" means. */
async function everyTableAsText(): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  expect(tables.length).toBeGreaterThan(10);
  let text = "";
  for (const { name } of tables) text += JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v) => (typeof v === "bigint" ? String(v) : v));
  return text;
}

const personal = (p: typeof alice) => [p.email, p.phone, p.first_name, p.last_name, p.address1, p.zip];

describe("compliance webhooks", () => {
  it("GIVEN orders of two customers, one delivery still dead-lettered WHEN customers/redact arrives THEN none of that customer's personal data is left in any table and the other's is intact", async () => {
    await post(ordersRoute, SHOP, "orders/create", orderFor(alice, 1));
    await post(ordersRoute, SHOP, "orders/create", orderFor(alice, 2));
    await post(ordersRoute, SHOP, "orders/create", orderFor(bob, 3));
    const w = createWorker({ db, dialect: "sqlite" });
    await w.drain();
    // A later delivery about Alice that could not be applied and waits, body and all, as a dead letter.
    await post(ordersRoute, SHOP, "orders/updated", { ...orderFor(alice, 1, true), currency: "??" });
    await w.drain();
    expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "dead" } })).toBe(1);
    // Alice's parcel, followed for tracking notifications, and Bob's.
    for (const [person, n] of [[alice, 1], [bob, 3]] as const) {
      await db.shipment.create({
        data: { shop: SHOP, carrier: "dhl-express", trackingNumber: `JD0146000${n}`, trackingToken: `token-${n}`, orderShopifyId: `gid://shopify/Order/${9000 + n}`, buyerName: `${person.first_name} ${person.last_name}`, buyerEmail: person.email, buyerPhone: person.phone },
      });
    }
    await post(complianceRoute, SHOP, "customers/data_request", { shop_id: 1, shop_domain: SHOP, customer: { id: alice.id, email: alice.email, phone: alice.phone }, orders_requested: [9001, 9002], data_request: { id: 55 } });
    await w.drain();
    const request = await db.dataRequest.findFirstOrThrow({ where: { shop: SHOP } });
    const data = JSON.parse(request.data);
    expect(data.orders.map((o: { name: string }) => o.name)).toEqual(["#9001", "#9002"]);
    expect(data.orders[0].shippingAddress.address1).toBe(alice.address1);

    for (const value of personal(alice)) expect(await everyTableAsText()).toContain(value);
    await post(complianceRoute, SHOP, "customers/redact", { shop_id: 1, shop_domain: SHOP, customer: { id: alice.id, email: alice.email, phone: alice.phone }, orders_to_redact: [9001, 9002] });
    await w.drain();

    const everything = await everyTableAsText();
    for (const value of personal(alice)) expect(everything, `"${value}" is still stored`).not.toContain(value);
    for (const value of personal(bob)) expect(everything).toContain(value);
    const redacted = await db.order.findFirstOrThrow({ where: { shop: SHOP, name: "#9001" }, include: { lines: true } });
    expect([redacted.destCountryCode, redacted.lines.length > 0, redacted.totalMinor > 0, redacted.redactedAt !== null]).toEqual(["GB", true, true, true]);
    expect(await db.webhookDelivery.count({ where: { shop: SHOP, state: "dead" } })).toBe(1); // still there to retry, without the person
  });

  it("GIVEN data of two shops WHEN shop/redact arrives for one THEN all its rows are gone and the other shop's remain", async () => {
    for (const shop of [SHOP, OTHER]) {
      await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: {} });
      await post(ordersRoute, shop, "orders/create", orderFor(bob, shop === SHOP ? 10 : 20));
    }
    const w = createWorker({ db, dialect: "sqlite" });
    await w.drain();
    await post(complianceRoute, SHOP, "shop/redact", { shop_id: 1, shop_domain: SHOP });
    await w.drain();
    const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`);
    for (const { name } of tables) {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      const left = rows.filter((r) => r.shop === SHOP || r.domain === SHOP);
      // Only the shop/redact delivery itself remains, applied and emptied.
      if (name === "WebhookDelivery") expect(left.map((r) => [r.topic, r.state, r.body])).toEqual([["shop/redact", "done", ""]]);
      else expect(left, name).toEqual([]);
    }
    expect(await db.order.count({ where: { shop: OTHER } })).toBe(1);
    expect(await db.shop.count({ where: { domain: OTHER } })).toBe(1);
  });
});
