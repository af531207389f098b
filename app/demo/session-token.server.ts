import { SignJWT } from "jose";
import { randomUUID } from "node:crypto";

/**
 * Mints the session token the Shopify admin would give the embedded app (an HS256 JWT signed with
 * the app secret, claims as Shopify documents them). Only the demo shim asks for one. `subject` is
 * the `sub` claim: a customer's GID for a customer account extension's token.
 */
export async function mintSessionToken({ shop, apiKey, apiSecret, now = Date.now(), subject = "1" }: { shop: string; apiKey: string; apiSecret: string; now?: number; subject?: string }): Promise<string> {
  const seconds = Math.floor(now / 1000);
  return new SignJWT({ dest: `https://${shop}`, sid: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(`https://${shop}/admin`)
    .setAudience(apiKey)
    .setSubject(subject)
    .setIssuedAt(seconds)
    .setNotBefore(seconds - 5)
    .setExpirationTime(seconds + 60)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(apiSecret));
}
