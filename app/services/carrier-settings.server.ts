import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@prisma/client";

/**
 * A shop's carrier settings, stored as one JSON row (CarrierSettings) and validated here on the
 * way in and out, so a hand-edited or older row can never crash a rate callback: what does not
 * parse falls back to the defaults field by field.
 */

const COUNTRY = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code");
const CLOCK = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");

export const warehouseSettingsSchema = z.object({
  /** Stable id, e.g. the Shopify location's numeric id or a short name. */
  id: z.string().min(1).max(64),
  name: z.string().max(120).optional(),
  country: COUNTRY,
  /** date-holidays subdivision code (e.g. "NJ", "ENG"), for regional holidays. */
  region: z.string().max(8).optional(),
  /** Postcode prefix that tells two warehouses of one country apart in a rate request's origin. */
  postcodePrefix: z.string().max(12).optional(),
  timeZone: z.string().min(1),
  cutoff: CLOCK,
  handlingDays: z.number().int().min(0).max(10),
});
export type WarehouseSettings = z.infer<typeof warehouseSettingsSchema>;

export const carrierSettingsSchema = z.object({
  /** Countries where duties and import taxes are collected at checkout (DDP); elsewhere DAP. */
  ddpMarkets: z.array(COUNTRY).default([]),
  /** Carrier ids switched off (absent = on). */
  disabledCarriers: z.array(z.string()).default([]),
  /** `${carrierId}:${serviceCode}` switched off (absent = on). */
  disabledServices: z.array(z.string()).default([]),
  /** Economy services are not offered above this cart value, minor units of the shop currency. */
  noEconomyAboveMinor: z.number().int().min(0).nullable().default(null),
  /** Preferred carrier id per destination country. */
  preferredCarrier: z.record(COUNTRY, z.string()).default({}),
  weights: z.object({ price: z.number().min(0), speed: z.number().min(0), onTime: z.number().min(0) }).nullable().default(null),
  warehouses: z.array(warehouseSettingsSchema).default([]),
  /** Shipments per carrier last month, for the cards' volume tiers. */
  monthlyShipments: z.record(z.string(), z.number().int().min(0)).default({}),
  /** How long a live carrier API may take before its rate-card price is used instead. */
  liveBudgetMs: z.number().int().min(100).max(2500).default(1200),
});
export type CarrierSettings = z.infer<typeof carrierSettingsSchema>;

export const DEFAULT_SETTINGS: CarrierSettings = carrierSettingsSchema.parse({});

/** Reads a stored settings row; fields that no longer parse take their defaults. */
export function parseStoredSettings(json: string | null | undefined): CarrierSettings {
  if (!json) return DEFAULT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_SETTINGS;
  }
  const whole = carrierSettingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const fields = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(carrierSettingsSchema.shape)) {
    if ((schema as z.ZodType).safeParse(fields[key]).success) kept[key] = fields[key];
  }
  return carrierSettingsSchema.parse(kept);
}

export async function loadCarrierSettings(db: PrismaClient, shop: string): Promise<CarrierSettings> {
  const row = await db.carrierSettings.findUnique({ where: { shop } });
  return parseStoredSettings(row?.settings);
}

export async function saveCarrierSettings(db: PrismaClient, shop: string, settings: CarrierSettings): Promise<void> {
  const json = JSON.stringify(carrierSettingsSchema.parse(settings));
  await db.carrierSettings.upsert({ where: { shop }, create: { shop, settings: json }, update: { settings: json } });
}

/** The time zone a warehouse is assumed to be in when the merchant has not described it. */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  US: "America/New_York", CA: "America/Toronto", MX: "America/Mexico_City", BR: "America/Sao_Paulo",
  GB: "Europe/London", IE: "Europe/Dublin", NL: "Europe/Amsterdam", BE: "Europe/Brussels", DE: "Europe/Berlin",
  FR: "Europe/Paris", ES: "Europe/Madrid", IT: "Europe/Rome", PL: "Europe/Warsaw", SE: "Europe/Stockholm",
  DK: "Europe/Copenhagen", CH: "Europe/Zurich", AT: "Europe/Vienna", PT: "Europe/Lisbon", CZ: "Europe/Prague",
  AU: "Australia/Sydney", NZ: "Pacific/Auckland", JP: "Asia/Tokyo", KR: "Asia/Seoul", CN: "Asia/Shanghai",
  HK: "Asia/Hong_Kong", SG: "Asia/Singapore", IN: "Asia/Kolkata", AE: "Asia/Dubai",
};

/** A warehouse for an origin no setting describes: the country's main time zone, 14:00 cutoff, one handling day. */
export function defaultWarehouse(country: string): WarehouseSettings {
  return { id: `origin-${country}`, country, timeZone: COUNTRY_TIME_ZONES[country] ?? "UTC", cutoff: "14:00", handlingDays: 1 };
}

// ---------------------------------------------------------------------------------------------
// Credentials: encrypted at rest with a key derived from the app secret, shown back only as a hint.

export const CREDENTIAL_FIELDS: Readonly<Record<string, readonly { key: string; label: string; secret: boolean }[]>> = {
  "dhl-express": [
    { key: "username", label: "API key (username)", secret: false },
    { key: "password", label: "API secret (password)", secret: true },
    { key: "accountNumber", label: "Shipper account number", secret: false },
  ],
  ups: [
    { key: "clientId", label: "Client ID", secret: false },
    { key: "clientSecret", label: "Client secret", secret: true },
    { key: "accountNumber", label: "Shipper number", secret: false },
  ],
  easypost: [{ key: "apiKey", label: "API key", secret: true }],
};

function keyFrom(appSecret: string): Buffer {
  return createHash("sha256").update(`borderless carrier credentials\0${appSecret}`).digest();
}

export function encryptCredentials(values: Record<string, string>, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(appSecret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(values), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64")).join(".");
}

export function decryptCredentials(sealed: string, appSecret: string): Record<string, string> | null {
  try {
    const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64"));
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(appSecret), iv!);
    decipher.setAuthTag(tag!);
    return JSON.parse(Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8")) as Record<string, string>;
  } catch {
    // A rotated app secret or a tampered row: treat as not configured rather than failing a quote.
    return null;
  }
}

/** What the admin may show of a credential: never a secret, and only the end of an identifier. */
export function credentialHint(carrierId: string, values: Record<string, string>): string {
  const fields = CREDENTIAL_FIELDS[carrierId] ?? [];
  const shown = fields.filter((f) => !f.secret && values[f.key]).map((f) => `${f.label} …${values[f.key]!.slice(-4)}`);
  const secrets = fields.filter((f) => f.secret && values[f.key]).length;
  return [...shown, ...(secrets ? [`${secrets} secret${secrets > 1 ? "s" : ""} stored`] : [])].join(", ");
}

export async function saveCredentials(db: PrismaClient, shop: string, carrierId: string, values: Record<string, string>, appSecret: string): Promise<string> {
  const hint = credentialHint(carrierId, values);
  const secret = encryptCredentials(values, appSecret);
  await db.carrierCredential.upsert({ where: { shop_carrierId: { shop, carrierId } }, create: { shop, carrierId, secret, hint }, update: { secret, hint } });
  return hint;
}

export async function loadCredentials(db: PrismaClient, shop: string, appSecret: string): Promise<Map<string, Record<string, string>>> {
  const rows = await db.carrierCredential.findMany({ where: { shop } });
  const out = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const values = decryptCredentials(row.secret, appSecret);
    if (values) out.set(row.carrierId, values);
  }
  return out;
}
