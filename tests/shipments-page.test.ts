import { beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintSessionToken } from "../app/demo/session-token.server";
import { ingestTrackingUpdates, upsertShipment } from "../app/integrations/tracking/shipments.server";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import { loader, action } from "../app/routes/app.shipments";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";

const SHOP = "maison-nord.myshopify.com";
const OTHER = "other-shop.myshopify.com";

async function adminRequest(form?: Record<string, string | string[]>): Promise<Request> {
  const token = await mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form ?? {})) for (const x of [v].flat()) body.append(k, x);
  return new Request(`https://borderless.test/app/shipments?embedded=1&shop=${SHOP}`, {
    method: form ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? body : undefined,
  });
}
const load = async () => loader({ request: await adminRequest(), params: {}, context: {} });
async function post(form: Record<string, string | string[]>) {
  const res = (await action({ request: await adminRequest(form), params: {}, context: {} })) as Response;
  return { status: res.status, body: (await res.json()) as { ok: boolean; message: string; field?: string } };
}

beforeAll(async () => {
  for (const shop of [SHOP, OTHER]) await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", isOnline: false, accessToken: "t", scope: ACCESS_SCOPES.join(",") } });
  const now = new Date();
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();
  const track = async (shop: string, trackingNumber: string, stage: "in_transit" | "customs_held" | "exception" | "delivered", promisedBy: string) => {
    await upsertShipment(db, { shop, carrier: "dhl-express", trackingNumber, orderName: `#${trackingNumber}`, promisedBy }, now);
    await ingestTrackingUpdates(db, [{ shop, carrier: "dhl-express", trackingNumber, checkpoints: [
      { key: `${trackingNumber}-pu`, at: day(-3), stage: "picked_up", code: "PU", description: "Shipment picked up" },
      { key: `${trackingNumber}-x`, at: day(-1), stage, code: "X", description: `now ${stage}` },
    ] }], { now, source: "poll", notify: false });
  };
  await track(SHOP, "100", "delivered", day(-2).slice(0, 10));
  await track(SHOP, "101", "in_transit", day(3).slice(0, 10));
  await track(SHOP, "102", "in_transit", day(-1).slice(0, 10)); // late against its promise
  await track(SHOP, "103", "customs_held", day(4).slice(0, 10));
  await track(SHOP, "104", "exception", day(4).slice(0, 10));
  await track(OTHER, "900", "exception", day(4).slice(0, 10));
});

describe("the Shipments page", () => {
  it("GIVEN shipments of two shops WHEN the merchant opens the page THEN only their own, exception, customs hold and late first", async () => {
    const page = await load();
    const rows = page.rows.map((r) => [r.trackingNumber, r.reasons] as const);
    expect(rows.slice(0, 3)).toEqual([
      ["104", ["exception"]],
      ["103", ["customs_held"]],
      ["102", ["late"]],
    ]);
    expect(rows.slice(3).sort()).toEqual([["100", []], ["101", []]]);
    expect(page.metrics).toMatchObject({ inFlight: 4, attention: 3, delivered: 1 });
  });

  it("GIVEN a bad brand colour or an unknown stage WHEN settings are saved THEN 400 with the field and the stored settings are untouched", async () => {
    const good = { intent: "settings", emailStages: ["delivered"], smsStages: [], brandName: "Maison Nord", brandColor: "#8a1538", logoUrl: "", senderName: "Maison Nord", replyTo: "bonjour@maison-nord.fr", returnsUrl: "https://maison-nord.fr/retours" };
    expect(await post(good)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post({ ...good, brandColor: "red;background:url(x)" })).toEqual({ status: 400, body: { ok: false, intent: "settings", field: "brandColor", message: "brandColor: must be a colour like #1f5f99" } });
    expect(await post({ ...good, emailStages: ["teleported"] })).toMatchObject({ status: 400, body: { field: "emailStages" } });
    expect(await post({ ...good, returnsUrl: "javascript:alert(1)" })).toMatchObject({ status: 400, body: { field: "returnsUrl" } });
    expect(await db.trackingSettings.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({ brandColor: "#8a1538", emailStages: '["delivered"]', returnsUrl: "https://maison-nord.fr/retours" });
    expect(await db.trackingSettings.findUnique({ where: { shop: OTHER } })).toBeNull();
  });

  it("GIVEN a template WHEN saved, refused when too long for an SMS, and reset THEN the page shows what is stored", async () => {
    expect(await post({ intent: "template", stage: "delivered", channel: "email", locale: "de", subject: "{{order}} ist da", body: "Hallo {{name}}! {{url}}" })).toMatchObject({ status: 200 });
    expect((await load()).templates).toEqual([{ stage: "delivered", channel: "email", locale: "de", subject: "{{order}} ist da", body: "Hallo {{name}}! {{url}}" }]);
    expect(await post({ intent: "template", stage: "delivered", channel: "sms", locale: "de", subject: "", body: "x".repeat(481) })).toMatchObject({ status: 400, body: { field: "body" } });
    expect(await post({ intent: "template", stage: "label_created", channel: "email", locale: "de", subject: "s", body: "b" })).toMatchObject({ status: 400, body: { field: "stage" } });
    expect(await post({ intent: "reset-template", stage: "delivered", channel: "email", locale: "de" })).toMatchObject({ status: 200 });
    expect((await load()).templates).toEqual([]);
    expect(await post({ intent: "delete-everything" })).toMatchObject({ status: 400, body: { field: "intent" } });
  });
});
