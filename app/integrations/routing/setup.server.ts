import type { PrismaClient, Warehouse } from "@prisma/client";
import { isCurrencyCode } from "~/engine/money";
import {
  FULFILLMENT_MODELS, WAREHOUSE_KINDS, type FulfillmentModel, type MarketPolicy, type RoutingWarehouse, type WarehouseKind,
} from "~/engine/routing/model";

type Db = Pick<PrismaClient, "warehouse" | "marketFulfillment">;

const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

export function toRoutingWarehouse(row: Warehouse): RoutingWarehouse {
  return {
    id: row.code, name: row.name, kind: row.kind as WarehouseKind, country: row.countryCode, timeZone: row.timeZone, cutoff: row.cutoff,
    handlingDays: row.handlingDays, handlingPerOrder: row.handlingPerOrderMinor, handlingPerUnit: row.handlingPerUnitMinor,
    carriers: parseList(row.carriers), capacityPerDay: row.capacityPerDay, shopifyLocationId: row.shopifyLocationId,
    address: { lines: [row.address1].filter(Boolean), city: row.city, province: row.province ?? undefined, postcode: row.postcode, country: row.countryCode },
    ...(row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : {}),
  };
}

export async function loadRoutingSetup(db: Db, shop: string): Promise<{ rows: Warehouse[]; warehouses: RoutingWarehouse[]; policies: MarketPolicy[] }> {
  const [rows, markets] = await Promise.all([
    db.warehouse.findMany({ where: { shop }, orderBy: { createdAt: "asc" } }),
    db.marketFulfillment.findMany({ where: { shop }, orderBy: { market: "asc" } }),
  ]);
  return {
    rows,
    warehouses: rows.filter((r) => r.active).map(toRoutingWarehouse),
    policies: markets.map((m) => ({ market: m.market, model: m.model as FulfillmentModel, warehouseIds: parseList(m.warehouseCodes) })),
  };
}

export interface WarehouseInput {
  code: string; name: string; kind: string; address1?: string; city?: string; postcode?: string; countryCode: string;
  timeZone: string; cutoff: string; handlingDays: number; handlingPerOrderMinor: number; handlingPerUnitMinor: number;
  currency: string; carriers: string[]; capacityPerDay: number; shopifyLocationId?: string | null; latitude?: number | null; longitude?: number | null;
}

export class SetupError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "SetupError";
  }
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function validateWarehouse(input: WarehouseInput): WarehouseInput {
  if (!/^[a-z0-9-]{2,32}$/.test(input.code)) throw new SetupError("code", "use 2-32 lower-case letters, digits or dashes");
  if (!input.name.trim()) throw new SetupError("name", "is required");
  if (!WAREHOUSE_KINDS.includes(input.kind as WarehouseKind)) throw new SetupError("kind", `must be one of ${WAREHOUSE_KINDS.join(", ")}`);
  if (!/^[A-Z]{2}$/.test(input.countryCode)) throw new SetupError("countryCode", "must be an ISO country code such as NL");
  if (!validTimeZone(input.timeZone)) throw new SetupError("timeZone", `"${input.timeZone}" is not an IANA time zone`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.cutoff)) throw new SetupError("cutoff", "must be HH:MM");
  for (const f of ["handlingDays", "handlingPerOrderMinor", "handlingPerUnitMinor", "capacityPerDay"] as const) {
    if (!Number.isSafeInteger(input[f]) || input[f] < 0) throw new SetupError(f, "must be a whole number, 0 or more");
  }
  if (!isCurrencyCode(input.currency)) throw new SetupError("currency", `"${input.currency}" is not an ISO 4217 currency`);
  return input;
}

export async function saveWarehouse(db: Db, shop: string, input: WarehouseInput): Promise<Warehouse> {
  const w = validateWarehouse(input);
  const data = {
    name: w.name.trim(), kind: w.kind, address1: w.address1 ?? "", city: w.city ?? "", postcode: w.postcode ?? "", countryCode: w.countryCode,
    timeZone: w.timeZone, cutoff: w.cutoff, handlingDays: w.handlingDays, handlingPerOrderMinor: w.handlingPerOrderMinor,
    handlingPerUnitMinor: w.handlingPerUnitMinor, currency: w.currency, carriers: JSON.stringify(w.carriers), capacityPerDay: w.capacityPerDay,
    shopifyLocationId: w.shopifyLocationId ?? null, latitude: w.latitude ?? null, longitude: w.longitude ?? null,
  };
  return db.warehouse.upsert({ where: { shop_code: { shop, code: w.code } }, create: { shop, code: w.code, ...data }, update: data });
}

export async function saveMarketPolicy(db: Db, shop: string, input: { market: string; model: string; warehouseCodes: string[] }): Promise<void> {
  const market = input.market.trim().toUpperCase();
  if (market !== "*" && !/^[A-Z]{2}$/.test(market)) throw new SetupError("market", 'must be an ISO country code or "*" for every other market');
  if (!FULFILLMENT_MODELS.includes(input.model as FulfillmentModel)) throw new SetupError("model", `must be one of ${FULFILLMENT_MODELS.join(", ")}`);
  const known = new Set((await db.warehouse.findMany({ where: { shop }, select: { code: true } })).map((w) => w.code));
  const unknown = input.warehouseCodes.filter((c) => !known.has(c));
  if (unknown.length) throw new SetupError("warehouseCodes", `no warehouse ${unknown.join(", ")} in this shop`);
  const data = { model: input.model, warehouseCodes: JSON.stringify(input.warehouseCodes) };
  await db.marketFulfillment.upsert({ where: { shop_market: { shop, market } }, create: { shop, market, ...data }, update: data });
}
