import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import db from "../app/db.server";
import { readEnv } from "../app/env.server";
import { loader as demoFrame } from "../app/routes/demo._index";
import { loader as demoToken } from "../app/routes/demo.session-token";
import { loader as notFound } from "../app/routes/$";
import { loader as appLayout } from "../app/routes/app";
import { action as uninstalled } from "../app/routes/webhooks.app.uninstalled";
import { TEST_API_SECRET } from "./support/app-env";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function statusOf(fn: () => unknown): Promise<{ status: number; body: string }> {
  try {
    const result = await fn();
    if (result instanceof Response) return { status: result.status, body: await result.text() };
    return { status: 200, body: JSON.stringify(result) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

function webhook(body: string, secret: string) {
  return new Request("https://borderless.test/webhooks/app/uninstalled", {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "app/uninstalled",
      "X-Shopify-Shop-Domain": "a.myshopify.com",
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
      "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
      "X-Shopify-Triggered-At": "2026-11-25T10:00:00.000Z",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body).digest("base64"),
    },
  });
}

describe("routes answer bad requests with a status and a message", () => {
  it("GIVEN an unknown path WHEN requested THEN 404 naming the path", async () => {
    expect(await statusOf(() => notFound(args(new Request("https://borderless.test/nope"))))).toEqual({ status: 404, body: "No page at /nope" });
  });

  it("GIVEN a webhook signed with the wrong secret WHEN delivered THEN 401 and nothing changes", async () => {
    await db.shop.create({ data: { domain: "a.myshopify.com" } });
    await db.session.create({ data: { id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "x", accessToken: "t" } });
    const result = await statusOf(() => uninstalled(args(webhook("{}", "not-the-secret"))));
    expect(result.status).toBe(401);
    expect(await db.session.count({ where: { shop: "a.myshopify.com" } })).toBe(1);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: "a.myshopify.com" } })).uninstalledAt).toBeNull();
  });

  it("GIVEN a correctly signed app/uninstalled WHEN delivered twice THEN the shop's sessions are gone and it is marked uninstalled once", async () => {
    await db.shop.upsert({ where: { domain: "a.myshopify.com" }, create: { domain: "a.myshopify.com" }, update: {} });
    await db.session.upsert({ where: { id: "offline_a.myshopify.com" }, create: { id: "offline_a.myshopify.com", shop: "a.myshopify.com", state: "x", accessToken: "t" }, update: {} });
    expect((await statusOf(() => uninstalled(args(webhook("{}", TEST_API_SECRET))))).status).toBe(200);
    const first = (await db.shop.findUniqueOrThrow({ where: { domain: "a.myshopify.com" } })).uninstalledAt;
    expect((await statusOf(() => uninstalled(args(webhook("{}", TEST_API_SECRET))))).status).toBe(200);
    expect(await db.session.count({ where: { shop: "a.myshopify.com" } })).toBe(0);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: "a.myshopify.com" } })).uninstalledAt).toEqual(first);
  });

  it("GIVEN an admin request with a forged session token WHEN loaded THEN 401", async () => {
    const request = new Request("https://borderless.test/app", { headers: { Authorization: "Bearer not.a.token" } });
    expect((await statusOf(() => appLayout(args(request)))).status).toBe(401);
  });

  it("GIVEN the app outside demo mode WHEN the demo frame or token is asked for THEN 404", async () => {
    expect((await statusOf(() => demoFrame(args(new Request("https://borderless.test/demo"))))).status).toBe(404);
    expect((await statusOf(() => demoToken(args(new Request("https://borderless.test/demo/session-token"))))).status).toBe(404);
  });
});

describe("configuration", () => {
  const base = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://x.test" };

  it("refuses demo mode and the emulator in production", () => {
    expect(() => readEnv({ ...base, NODE_ENV: "production", BORDERLESS_DEMO: "1" })).toThrow(/cannot be enabled when NODE_ENV=production/);
    expect(() => readEnv({ ...base, NODE_ENV: "production", SHOPIFY_EMULATOR_URL: "http://127.0.0.1:1" })).toThrow(/cannot be enabled when NODE_ENV=production/);
    expect(readEnv({ ...base, NODE_ENV: "production" }).BORDERLESS_DEMO).toBe("0");
  });

  it("names the missing variable", () => {
    expect(() => readEnv({ NODE_ENV: "test", SHOPIFY_API_KEY: "k", SHOPIFY_APP_URL: "https://x.test" })).toThrow(/SHOPIFY_API_SECRET/);
  });
});
