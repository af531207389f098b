import { describe, expect, it } from "vitest";
import { createRateLimiter, rateLimitKey } from "../server/rate-limit";

describe("token bucket", () => {
  it("GIVEN a burst of 3 and 1 per second WHEN a key takes 4 at once THEN the 4th is refused with Retry-After 1 s; a second later one more is allowed; other keys are not affected", () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 1 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take("a", t).allowed)).toEqual([true, true, true]);
    expect(limiter.take("a", t)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("b", t).allowed).toBe(true);
    expect(limiter.take("a", t + 1_000).allowed).toBe(true);
    expect(limiter.take("a", t + 1_000).allowed).toBe(false);
  });

  it("GIVEN a slow refill THEN Retry-After says how long until a token", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.1 });
    limiter.take("k", 0);
    expect(limiter.take("k", 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("k", 5_000)).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  it("GIVEN more keys than its bound THEN the oldest are forgotten (memory stays bounded under a spray of addresses)", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`ip-${i}`, 0);
    expect(limiter.size()).toBe(100);
  });
});

describe("which requests are limited, and by what", () => {
  const req = (path: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) => ({ path, ip: "203.0.113.9", headers, query });
  it("keys webhooks by the shop they name (a valid domain), else by address; buyer-facing endpoints by address; admin pages not at all", () => {
    expect(rateLimitKey(req("/webhooks/orders", { "x-shopify-shop-domain": "Shop-A.myshopify.com" }))).toBe("webhook:shop-a.myshopify.com");
    expect(rateLimitKey(req("/webhooks/orders", { "x-shopify-shop-domain": "<script>" }))).toBe("webhook:ip:203.0.113.9");
    expect(rateLimitKey(req("/carrier/rates", {}, { shop: "a.myshopify.com" }))).toBe("carrier:a.myshopify.com");
    for (const path of ["/api/checkout-quote", "/api/returns/order", "/track/abc", "/proxy/tracking/abc", "/returns/labels/abc"]) expect(rateLimitKey(req(path))).toBe("public:203.0.113.9");
    expect(rateLimitKey(req("/app/orders"))).toBeNull();
    expect(rateLimitKey(req("/healthz"))).toBeNull();
  });
});
