import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Messages between us and a 3PL carry `X-Borderless-Signature: t=<unix seconds>,v1=<hex>`, where
 * v1 = HMAC-SHA256(secret, "<t>.<raw body>"). Signing the timestamp with the body means an old
 * message replayed later fails, even with its original signature.
 */
export const SIGNATURE_HEADER = "x-borderless-signature";
/** How far a message's timestamp may be from our clock (both ways: clocks drift). */
export const TOLERANCE_SECONDS = 300;

export function signMessage(rawBody: string, secret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyMessage(rawBody: string, header: string | null, secret: string, now: Date): SignatureCheck {
  if (!header) return { ok: false, reason: "missing X-Borderless-Signature" };
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1) return { ok: false, reason: "X-Borderless-Signature must be t=<unix seconds>,v1=<hex>" };
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return { ok: false, reason: `signature timestamp is more than ${TOLERANCE_SECONDS} s from now (replayed or clock wrong)` };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${rawBody}`).digest("hex"), "utf8");
  const given = Buffer.from(parts.v1, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "signature does not match the body" };
  return { ok: true };
}
