import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";

/**
 * Mints the session token a customer account UI extension sends (`shopify.sessionToken.get()`):
 * an HS256 JWT signed with the app secret whose `dest` is the shop and `sub` the signed-in
 * customer. Only the demo's portal preview asks for one; the tests sign theirs the same way.
 */
export async function mintCustomerAccountToken({ shop, customerId, apiKey, apiSecret, ttlSeconds = 600, now = Date.now() }: { shop: string; customerId: string | null; apiKey: string; apiSecret: string; ttlSeconds?: number; now?: number }): Promise<string> {
  const seconds = Math.floor(now / 1000);
  const jwt = new SignJWT({ dest: shop, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(apiKey)
    .setIssuedAt(seconds)
    .setNotBefore(seconds - 5)
    .setExpirationTime(seconds + ttlSeconds)
    .setJti(randomUUID());
  if (customerId) jwt.setSubject(customerId);
  return jwt.sign(new TextEncoder().encode(apiSecret));
}
