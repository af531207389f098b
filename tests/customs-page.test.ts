import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintSessionToken } from "../app/demo/session-token.server";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { DEMO_ACCESS_TOKEN, DEMO_SHOP } from "../emulator/seed";
import type { InventoryItemRecord, ProductRecord, ProductVariantRecord } from "../emulator/records";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";

let emulator: RunningEmulator;
let route: typeof import("../app/routes/app.customs");
let hsCodes: typeof import("../app/integrations/customs/hs-codes.server");

beforeAll(async () => {
  emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
  // The app reaches the emulator through the same fetch seam as the demo.
  process.env.SHOPIFY_EMULATOR_URL = emulator.url;
  await db.session.create({ data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "x", isOnline: false, accessToken: DEMO_ACCESS_TOKEN, scope: ACCESS_SCOPES.join(",") } });
  route = await import("../app/routes/app.customs");
  hsCodes = await import("../app/integrations/customs/hs-codes.server");
});
afterAll(async () => {
  await emulator?.close();
});

async function adminRequest(form?: Record<string, string>): Promise<Request> {
  const token = await mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
  return new Request(`https://borderless.test/app/customs?embedded=1&shop=${DEMO_SHOP}`, {
    method: form ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

const load = async () => route.loader({ request: await adminRequest(), params: {}, context: {} });
async function post(items: unknown) {
  const response = (await route.action({ request: await adminRequest({ intent: "confirm", items: JSON.stringify(items) }), params: {}, context: {} })) as Response;
  return { status: response.status, body: (await response.json()) as { ok: boolean; error: { field: string; message: string } | null; confirmed: { title: string; hsCode: string; inventoryItems: number }[] } };
}

/** The seeded product and its inventory items, straight from the emulator's store. */
function product(title: string) {
  const p = (emulator.store.list(DEMO_SHOP, "Product") as unknown as ProductRecord[]).find((x) => x.title === title)!;
  const variants = (emulator.store.list(DEMO_SHOP, "ProductVariant") as unknown as ProductVariantRecord[]).filter((v) => v.productId === p.id);
  const items = variants.map((v) => emulator.store.get(DEMO_SHOP, v.inventoryItemId, "InventoryItem") as unknown as InventoryItemRecord);
  return { id: p.id, items };
}

describe("the Customs page", () => {
  it("GIVEN a product whose HS code was never entered on Shopify WHEN the page loads THEN it is not confirmed and the classifier suggests 6109 with a confidence and alternatives", async () => {
    const tee = product("Organic Cotton Tee");
    for (const item of tee.items) item.harmonizedSystemCode = null;
    const page = await load();
    const row = page.products.find((p) => p.id === tee.id)!;
    expect(row.shopifyCodes).toEqual([]);
    expect(row.status).not.toBe("confirmed");
    expect(row.candidates[0]!.from).toBe("classifier");
    expect(row.candidates[0]!.code.slice(0, 4)).toBe("6109");
    expect(row.candidates[0]!.confidence).toBeGreaterThan(row.candidates[1]!.confidence);
    expect(row.candidates.length).toBe(3);
    // Products with a code on Shopify offer it first, and labelling rules for the shop's markets come with each row.
    const sweater = page.products.find((p) => p.title === "Merino Crew Sweater")!;
    expect(sweater.candidates[0]).toMatchObject({ code: "611011", from: "shopify" });
    expect(sweater.labelling.map((w) => w.rule)).toContain("us-origin-marking");
    expect(page.counts.missing + page.counts.suggested + page.counts.confirmed).toBe(page.products.length);
  });

  it("GIVEN two products WHEN confirmed in bulk THEN every variant's inventory item on Shopify has the code and origin, the codes are stored for the shop and the page shows them confirmed", async () => {
    const tee = product("Organic Cotton Tee");
    const jeans = product("Selvedge Denim Jeans");
    const { status, body } = await post([
      { productId: tee.id, hsCode: "6109.10", originCountry: "pt" },
      { productId: jeans.id, hsCode: "620342", originCountry: "TR" },
    ]);
    expect(status).toBe(200);
    expect(body.confirmed.map((c) => [c.title, c.hsCode, c.inventoryItems])).toEqual([["Organic Cotton Tee", "610910", 4], ["Selvedge Denim Jeans", "620342", 3]]);
    for (const item of product("Organic Cotton Tee").items) expect([item.harmonizedSystemCode, item.countryCodeOfOrigin]).toEqual(["610910", "PT"]);
    for (const item of product("Selvedge Denim Jeans").items) expect([item.harmonizedSystemCode, item.countryCodeOfOrigin]).toEqual(["620342", "TR"]);
    const rows = await db.hsConfirmation.findMany({ where: { shop: DEMO_SHOP }, orderBy: { productTitle: "asc" } });
    expect(rows.map((r) => [r.productTitle, r.hsCode, r.originCountry])).toEqual([["Organic Cotton Tee", "610910", "PT"], ["Selvedge Denim Jeans", "620342", "TR"]]);
    const page = await load();
    expect(page.products.find((p) => p.id === tee.id)).toMatchObject({ status: "confirmed", confirmed: { hsCode: "610910", originCountry: "PT" } });
  });

  it("GIVEN a confirmed product WHEN someone changes a variant's code in the Shopify admin THEN the page flags it as changed on Shopify", async () => {
    const jeans = product("Selvedge Denim Jeans");
    expect((await load()).products.find((p) => p.id === jeans.id)!.drifted).toBe(false);
    jeans.items[0]!.harmonizedSystemCode = "620462";
    const row = (await load()).products.find((p) => p.id === jeans.id)!;
    expect(row).toMatchObject({ status: "confirmed", drifted: true, confirmed: { hsCode: "620342" } });
    expect(row.shopifyCodes).toEqual(["620462", "620342"]);
  });

  it("GIVEN a confirmed code WHEN a similar product is classified for that shop THEN the shop's classifier suggests it as learned, and another shop's does not", async () => {
    await post([{ productId: product("Silk Twill Scarf").id, hsCode: "621410", originCountry: "IT" }]);
    const similar = { title: "Silk twill bandana scarf", productType: "Accessories" };
    const mine = (await hsCodes.shopClassifier(db, DEMO_SHOP)).classify(similar);
    expect(mine.best).toMatchObject({ code: "621410", reason: "confirmed" });
    const other = (await hsCodes.shopClassifier(db, "another-shop.myshopify.com")).classify(similar);
    expect([other.best, ...other.alternatives].every((s) => s?.reason !== "confirmed")).toBe(true);
  });

  it.each([
    ["an HS code that is not a subheading", { hsCode: "999999", originCountry: "PT" }, "items[1].hsCode", /999999 is not an HS 2022 subheading/],
    ["a missing HS code", { hsCode: "", originCountry: "PT" }, "items[1].hsCode", /an HS code is required/],
    ["an unknown country of origin", { hsCode: "330300", originCountry: "XX" }, "items[1].originCountry", /"XX" is not an ISO 3166 country code/],
  ])("GIVEN %s in the second row WHEN confirmed THEN 400 naming the field, and neither Shopify nor the database changes", async (_name, bad, field, message) => {
    const perfume = product("Eau de Parfum 50ml");
    const mug = product("Stoneware Coffee Mug");
    const before = await db.hsConfirmation.count({ where: { shop: DEMO_SHOP } });
    const { status, body } = await post([{ productId: mug.id, hsCode: "691200", originCountry: "PT" }, { productId: perfume.id, ...bad }]);
    expect(status).toBe(400);
    expect(body.error?.field).toBe(field);
    expect(body.error?.message).toMatch(message);
    expect(await db.hsConfirmation.count({ where: { shop: DEMO_SHOP } })).toBe(before);
    expect(product("Eau de Parfum 50ml").items.map((i) => [i.harmonizedSystemCode, i.countryCodeOfOrigin])).toEqual([["330300", "FR"]]);
  });

  it("GIVEN a product id the shop does not have WHEN confirmed THEN 400 naming it and nothing is stored", async () => {
    const { status, body } = await post([{ productId: "gid://shopify/Product/999999999", hsCode: "610910" }]);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ field: "items[0].productId" });
    expect(await db.hsConfirmation.count({ where: { productId: "gid://shopify/Product/999999999" } })).toBe(0);
  });
});
