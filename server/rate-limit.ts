/**
 * A token bucket per key (shop or client address) in this process's memory: `capacity` requests
 * at once, refilled at `refillPerSecond`. Behind a load balancer each instance keeps its own
 * buckets, so the limit a client sees is per instance; it is a guard against floods, not a quota.
 */
export interface RateLimiter {
  /** Takes one token for `key`; when none is left, how long until one is (in seconds). */
  take(key: string, now?: number): { allowed: true } | { allowed: false; retryAfterSeconds: number };
  size(): number;
}

export function createRateLimiter({ capacity, refillPerSecond, maxKeys = 50_000 }: { capacity: number; refillPerSecond: number; maxKeys?: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        // Bounded memory: forget the oldest key (Map keeps insertion order) before adding one.
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: capacity, at: now };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
        bucket.at = now;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
    },
    size: () => buckets.size,
  };
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/**
 * The public endpoints and the key each is limited by. Webhooks from Shopify are keyed by the shop
 * they claim (a flood of forged ones for one shop cannot starve another); buyer-facing pages and
 * APIs by client address. Admin pages (behind Shopify's session token) are not limited here.
 */
export function rateLimitKey(req: { path: string; ip?: string; headers: Record<string, string | string[] | undefined>; query: Record<string, unknown> }): string | null {
  const path = req.path;
  const ip = req.ip ?? "unknown";
  const header = (name: string) => {
    const value = req.headers[name];
    return typeof value === "string" ? value.toLowerCase() : undefined;
  };
  if (path.startsWith("/webhooks/")) {
    const shop = header("x-shopify-shop-domain");
    return `webhook:${shop && SHOP_DOMAIN.test(shop) ? shop : `ip:${ip}`}`;
  }
  if (path === "/carrier/rates") {
    const shop = typeof req.query.shop === "string" ? req.query.shop.toLowerCase() : undefined;
    return `carrier:${shop && SHOP_DOMAIN.test(shop) ? shop : `ip:${ip}`}`;
  }
  if (path.startsWith("/api/") || path.startsWith("/track/") || path.startsWith("/proxy/") || path.startsWith("/returns/labels/")) {
    return `public:${ip}`;
  }
  return null;
}
