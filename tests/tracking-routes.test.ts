import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

const EASYPOST_SECRET = vi.hoisted(() => {
  // The route reads its configuration once at import, like the app at start-up.
  process.env.EASYPOST_WEBHOOK_SECRET = "ünïcode-s3cret";
  return "ünïcode-s3cret";
});

import db from "../app/db.server";
import { easyPostSignature } from "../app/integrations/tracking/easypost-webhook.server";
import { ingestTrackingUpdates, upsertShipment } from "../app/integrations/tracking/shipments.server";
import { loader as proxyPage } from "../app/routes/proxy.tracking.$token";
import { loader as trackPage } from "../app/routes/track.$token";
import { action as easypostWebhook } from "../app/routes/webhooks.easypost.$shop";
import { TEST_API_SECRET } from "./support/app-env";

const SHOP = "maison-nord.myshopify.com";
const OTHER = "other-shop.myshopify.com";
const now = new Date("2026-11-20T09:00:00Z");

async function outcome(fn: () => unknown): Promise<{ status: number; body: string; type: string | null }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, body: await result.text(), type: result.headers.get("content-type") };
    return { status: 200, body: JSON.stringify(result), type: null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), type: thrown.headers.get("content-type") };
    throw thrown;
  }
}

/** An app proxy request signed as Shopify signs one: sorted key=value pairs, concatenated, HMAC-SHA256 hex. */
function proxyRequest(token: string, params: Record<string, string>, secret = TEST_API_SECRET): URL {
  const message = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("");
  const url = new URL(`https://borderless.test/proxy/tracking/${token}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set("signature", createHmac("sha256", secret).update(message).digest("hex"));
  return url;
}
const proxyParams = (shop: string) => ({ shop, logged_in_customer_id: "", path_prefix: "/apps/track", timestamp: String(Math.floor(Date.now() / 1000)) });

async function seedShipment(shop = SHOP, trackingNumber = "1234567890") {
  const shipment = await upsertShipment(db, { shop, carrier: "dhl-express", trackingNumber, orderName: "#1042", buyerLocale: "de-DE", originCountry: "US", destinationCountry: "DE", promisedFrom: "2026-11-21", promisedBy: "2026-11-24", incoterm: "DDP", dutiesMinor: 1830, dutiesCurrency: "EUR" }, now);
  await ingestTrackingUpdates(db, [{ shop, carrier: "dhl-express", trackingNumber, checkpoints: [
    { key: "a", at: "2026-11-18T10:00:00Z", stage: "picked_up", code: "PU", description: "Shipment picked up", location: "NEWARK, NJ - USA" },
    { key: "b", at: "2026-11-19T18:00:00Z", stage: "in_customs", code: "IC", description: "Clearance processing underway", location: "LEIPZIG - GERMANY" },
    { key: "c", at: "2026-11-20T07:00:00Z", stage: "customs_held", code: "CD", description: "Clearance delay - Import", location: "LEIPZIG - GERMANY" },
  ] }], { now, source: "poll", notify: false });
  return shipment;
}

describe("app proxy tracking page", () => {
  it("GIVEN a request signed by Shopify WHEN the buyer opens the tracking page in the theme THEN the page comes back as Liquid", async () => {
    const { trackingToken } = await seedShipment();
    const url = proxyRequest(trackingToken, proxyParams(SHOP));
    const res = await outcome(() => proxyPage({ request: new Request(url), params: { token: trackingToken }, context: {} }));
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/liquid");
    expect(res.body).toContain("Ihr Paket wird vom Zoll zurückgehalten");
    expect(res.body).toMatch(/Beim Kauf bezahlt: 18,30\s€/);
    expect(res.body).toContain("Clearance delay - Import");
  });

  it("GIVEN a signed request WHEN any parameter is tampered with or the signature is missing THEN 401 and no page", async () => {
    const { trackingToken } = await db.shipment.findFirstOrThrow({ where: { shop: SHOP } });
    const tampered = proxyRequest(trackingToken, proxyParams(SHOP));
    tampered.searchParams.set("shop", OTHER);
    const unsigned = proxyRequest(trackingToken, proxyParams(SHOP));
    unsigned.searchParams.delete("signature");
    const wrongSecret = proxyRequest(trackingToken, proxyParams(SHOP), "not-the-secret");
    for (const url of [tampered, unsigned, wrongSecret]) {
      const res = await outcome(() => proxyPage({ request: new Request(url), params: { token: trackingToken }, context: {} }));
      expect(res).toMatchObject({ status: 401, body: "The app proxy signature is missing or does not match this request." });
    }
  });

  it("GIVEN another shop's storefront WHEN it asks for this shop's token THEN 404: one shop never shows another's parcel", async () => {
    const { trackingToken } = await db.shipment.findFirstOrThrow({ where: { shop: SHOP } });
    const res = await outcome(() => proxyPage({ request: new Request(proxyRequest(trackingToken, proxyParams(OTHER))), params: { token: trackingToken }, context: {} }));
    expect(res.status).toBe(404);
    expect(res.body).toContain("could not find a parcel");
  });
});

describe("standalone tracking page", () => {
  it("GIVEN a known token THEN timeline, customs status, duties and window in the buyer's language", async () => {
    const { trackingToken } = await db.shipment.findFirstOrThrow({ where: { shop: SHOP } });
    const res = await outcome(() => trackPage({ request: new Request(`https://borderless.test/track/${trackingToken}`), params: { token: trackingToken }, context: {} }));
    expect(res.status).toBe(200);
    const model = JSON.parse(res.body);
    expect(model).toMatchObject({ locale: "de", status: "customs_held", customs: { state: "held", crossesBorder: true }, returnUrl: null });
    expect(model.duties).toMatch(/^Beim Kauf bezahlt: 18,30\s€$/);
    expect(model.events.map((e: { description: string }) => e.description)).toEqual(["Clearance delay - Import", "Clearance processing underway", "Shipment picked up"]);
  });

  it.each([
    ["unknown", "A".repeat(32), "could not find a parcel"],
    ["malformed", "../../etc", "not valid"],
    ["guessed short", "1234567890", "not valid"],
  ])("GIVEN an %s token THEN 404 with a message", async (_, token, message) => {
    const res = await outcome(() => trackPage({ request: new Request(`https://borderless.test/track/${token}`), params: { token }, context: {} }));
    expect(res.status).toBe(404);
    expect(res.body).toContain(message);
  });

  it("issues unguessable tokens: 192 random bits, never repeated", async () => {
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => upsertShipment(db, { shop: OTHER, carrier: "ups", trackingNumber: `1Z${i}` }, now).then((s) => s.trackingToken)));
    expect(new Set(tokens).size).toBe(50);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe("EasyPost tracking webhook", () => {
  const body = readFileSync("app/integrations/tracking/__fixtures__/easypost-event-tracker-updated.json", "utf8");
  const post = (raw: string, signature: string | null, shop = SHOP) =>
    outcome(() => easypostWebhook({ request: new Request(`https://borderless.test/webhooks/easypost/${shop}`, { method: "POST", body: raw, headers: { "Content-Type": "application/json", ...(signature ? { "X-Hmac-Signature": signature } : {}) } }), params: { shop }, context: {} }));

  it("GIVEN a bad or missing signature THEN 401 and nothing is stored", async () => {
    await upsertShipment(db, { shop: SHOP, carrier: "easypost", trackingNumber: "EZ3000000003" }, now);
    expect((await post(body, easyPostSignature(body, "wrong"))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body.replace("out_for_delivery", "delivered"), easyPostSignature(body, EASYPOST_SECRET))).status).toBe(401);
    expect(await db.shipmentEvent.count({ where: { shipment: { trackingNumber: "EZ3000000003" } } })).toBe(0);
  });

  it("GIVEN EasyPost's signed tracker.updated WHEN delivered twice THEN the events are stored once and the parcel is out for delivery", async () => {
    const first = await post(body, easyPostSignature(body, EASYPOST_SECRET));
    const second = await post(body, easyPostSignature(body, EASYPOST_SECRET));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ ok: true, found: true, status: "out_for_delivery", applied: 3 });
    expect(JSON.parse(second.body)).toMatchObject({ ok: true, applied: 0, duplicates: 4 });
    expect(await db.shipmentEvent.count({ where: { shipment: { shop: SHOP, trackingNumber: "EZ3000000003" } } })).toBe(4);
  });

  it("GIVEN a signed body that is not an Event THEN 400; a signed event for another topic THEN acknowledged and ignored", async () => {
    const junk = "not json";
    expect(await post(junk, easyPostSignature(junk, EASYPOST_SECRET))).toMatchObject({ status: 400, body: expect.stringContaining("body is not JSON") });
    const other = JSON.stringify({ object: "Event", id: "evt_1", description: "batch.updated", result: {} });
    expect(JSON.parse((await post(other, easyPostSignature(other, EASYPOST_SECRET))).body)).toEqual({ ok: true, ignored: "event batch.updated is not about tracking" });
  });

  it("GIVEN the same tracker signed for another shop's URL THEN that shop's data only: nothing of this shop moves", async () => {
    const before = await db.shipment.findFirstOrThrow({ where: { shop: SHOP, trackingNumber: "EZ3000000003" } });
    const res = await post(body, easyPostSignature(body, EASYPOST_SECRET), OTHER);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, found: false });
    expect(await db.shipment.findFirstOrThrow({ where: { id: before.id } })).toEqual(before);
  });
});
