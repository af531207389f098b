import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { mintSessionToken } from "../app/demo/session-token.server";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";
import { loader as dashboards } from "../app/routes/app.dashboards";
import { action as inventoryAction } from "../app/routes/app.inventory";
import { rebuildCostRollups } from "../app/services/dashboards.server";
import { TEST_API_KEY, TEST_API_SECRET } from "./support/app-env";

const A = "inventory-a.myshopify.com";
const B = "inventory-b.myshopify.com";

async function adminRequest(shop: string, path: string, form?: Record<string, string>): Promise<Request> {
  const token = await mintSessionToken({ shop, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET });
  const sep = path.includes("?") ? "&" : "?";
  return new Request(`https://borderless.test${path}${sep}embedded=1&shop=${shop}`, {
    method: form ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

async function outcome(fn: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, body: await result.text() };
    return { status: 200, body: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

const fact = (shop: string, n: number, market: string) => ({
  shop, orderShopifyId: `gid://shopify/Order/${n}`, orderName: `#${n}`, orderedAt: new Date(`2026-10-${String(10 + n).padStart(2, "0")}T12:00:00Z`), market,
  region: market === "GB" ? "UK" : "NA", productType: "Knitwear", carrier: "DHL Express", lane: `US-${market}`, currency: "USD", revenueMinor: 10000,
  shippingMinor: 1995, dutiesMinor: market === "GB" ? 2400 : 0, dutiesCollectedMinor: 0, handlingMinor: 150, storageMinor: 30, returnsMinor: 0, returned: false,
  deliveryDays: 4 + n, promisedDays: 7, onTime: 4 + n <= 7,
});

describe("inventory and dashboard routes", () => {
  it("GIVEN two shops WHEN each opens the dashboards THEN each sees only its own orders, bad filters get a 400 naming the field, and CSV downloads", async () => {
    for (const shop of [A, B]) {
      await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", isOnline: false, accessToken: `token-${shop}`, scope: ACCESS_SCOPES.join(",") } });
    }
    await db.orderCostFact.createMany({ data: [fact(A, 1, "US"), fact(A, 2, "GB"), fact(A, 3, "GB")] });
    await rebuildCostRollups(db, A, ["2026-10"]);

    const range = "/app/dashboards?from=2026-09&to=2026-11";
    const a = (await outcome(async () => dashboards({ request: await adminRequest(A, range), params: {}, context: {} }))) as { status: number; body: { figures: { orders: number; byMarket: Array<{ key: string; orders: number; duties: number }>; lanes: Array<{ lane: string; p50: number }> } } };
    const b = (await outcome(async () => dashboards({ request: await adminRequest(B, range), params: {}, context: {} }))) as { status: number; body: { figures: { orders: number } } };
    expect(a.status).toBe(200);
    expect(a.body.figures.orders).toBe(3);
    expect(a.body.figures.byMarket).toEqual([expect.objectContaining({ key: "GB", orders: 2, duties: 2400 }), expect.objectContaining({ key: "US", orders: 1, duties: 0 })]);
    expect(a.body.figures.lanes.find((l) => l.lane === "US-GB")?.p50).toBe(6);
    expect(b.body.figures.orders).toBe(0);

    expect(await outcome(async () => dashboards({ request: await adminRequest(A, "/app/dashboards?from=2026-13"), params: {}, context: {} }))).toEqual({ status: 400, body: "from must be a month written YYYY-MM" });
    expect(await outcome(async () => dashboards({ request: await adminRequest(A, "/app/dashboards?from=2026-11&to=2026-10"), params: {}, context: {} }))).toEqual({ status: 400, body: "from must not be after to" });
    expect(await outcome(async () => dashboards({ request: await adminRequest(A, "/app/dashboards?market=gbr"), params: {}, context: {} }))).toEqual({ status: 400, body: "market must be a two-letter country code" });

    const csv = await dashboards({ request: await adminRequest(A, `${range}&market=GB&format=csv`), params: {}, context: {} });
    expect(csv).toBeInstanceOf(Response);
    expect((csv as Response).headers.get("Content-Type")).toContain("text/csv");
    const lines = (await (csv as Response).text()).trim().split("\n");
    expect(lines).toContain("market,GB,2,19.95,24.00,1.50,0.30,0.00,45.75,USD");
  });

  it("GIVEN another shop's proposed plan WHEN approved from this shop THEN 404 and the plan stays proposed; an unknown intent is a 400", async () => {
    const plan = await db.transferPlan.create({
      data: {
        shop: A, currency: "USD", horizonDays: 56, transferMinor: 100, dutyMinor: 0, stockoutMinor: 0, holdingMinor: 0, storageMinor: 0, totalMinor: 100, doNothingTotalMinor: 500,
        lines: { create: [{ shop: A, sku: "NOR-001-M", fromLocation: "gid://shopify/Location/1", toLocation: "gid://shopify/Location/2", quantity: 5, leadTimeDays: 10, transferMinor: 100, dutyMinor: 0 }] },
      },
    });
    const other = await outcome(async () => inventoryAction({ request: await adminRequest(B, "/app/inventory", { intent: "approve", planId: plan.id }), params: {}, context: {} }));
    expect(other.status).toBe(404);
    expect(other.body).toContain("no such plan for this shop");
    expect((await db.transferPlan.findUniqueOrThrow({ where: { id: plan.id } })).status).toBe("proposed");

    const unknown = await outcome(async () => inventoryAction({ request: await adminRequest(A, "/app/inventory", { intent: "delete" }), params: {}, context: {} }));
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body as string)).toEqual({ ok: false, message: 'Unknown action "delete": expected refresh, propose, approve or reject' });

    const approved = await outcome(async () => inventoryAction({ request: await adminRequest(A, "/app/inventory", { intent: "approve", planId: plan.id }), params: {}, context: {} }));
    expect(approved).toEqual({ status: 200, body: { ok: true, message: "Plan approved" } });
    const line = await db.transferPlanLine.findFirstOrThrow({ where: { planId: plan.id } });
    expect(line.arrivesAt!.getTime() - Date.now()).toBeGreaterThan(9 * 86_400_000);
  });
});
