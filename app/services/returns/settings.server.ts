import type { PrismaClient } from "@prisma/client";
import { money } from "~/engine/money";
import { DEFAULT_POLICIES, type ReturnDestination, type ReturnPolicy } from "~/engine/returns";

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const join = (xs: readonly string[]) => xs.join(",");

export interface DestinationRow extends ReturnDestination {
  readonly address1: string;
  readonly city: string;
  readonly phone: string | null;
}

export function policyFromRow(r: { market: string; name: string; countries: string; windowDays: number; excludedProductTypes: string; finalSaleTags: string; acceptedConditions: string; labelPaidBy: string; restockingFeePercent: number; resolutions: string; keepItAllowed: boolean; autoApprove: boolean }): ReturnPolicy {
  return {
    market: r.market, name: r.name, countries: list(r.countries), windowDays: r.windowDays, excludedProductTypes: list(r.excludedProductTypes),
    finalSaleTags: list(r.finalSaleTags), acceptedConditions: list(r.acceptedConditions) as ReturnPolicy["acceptedConditions"],
    labelPaidBy: r.labelPaidBy as ReturnPolicy["labelPaidBy"], restockingFeePercent: r.restockingFeePercent,
    resolutions: list(r.resolutions) as ReturnPolicy["resolutions"], keepItAllowed: r.keepItAllowed, autoApprove: r.autoApprove,
  };
}

export function policyToRow(p: ReturnPolicy) {
  return {
    market: p.market, name: p.name, countries: join(p.countries), windowDays: p.windowDays, excludedProductTypes: join(p.excludedProductTypes),
    finalSaleTags: join(p.finalSaleTags), acceptedConditions: join(p.acceptedConditions), labelPaidBy: p.labelPaidBy,
    restockingFeePercent: p.restockingFeePercent, resolutions: join(p.resolutions), keepItAllowed: p.keepItAllowed, autoApprove: p.autoApprove,
  };
}

/** The shop's policies; a shop that has none yet starts with the defaults, stored so they can be edited. */
export async function loadPolicies(db: PrismaClient, shop: string): Promise<ReturnPolicy[]> {
  let rows = await db.returnPolicy.findMany({ where: { shop }, orderBy: { market: "asc" } });
  if (rows.length === 0) {
    await db.returnPolicy.createMany({ data: DEFAULT_POLICIES.map((p) => ({ shop, ...policyToRow(p) })) });
    rows = await db.returnPolicy.findMany({ where: { shop }, orderBy: { market: "asc" } });
  }
  return rows.map(policyFromRow);
}

export async function savePolicy(db: PrismaClient, shop: string, policy: ReturnPolicy): Promise<void> {
  const data = policyToRow(policy);
  await db.returnPolicy.upsert({ where: { shop_market: { shop, market: policy.market } }, create: { shop, ...data }, update: data });
}

export async function loadDestinations(db: PrismaClient, shop: string, currency: string): Promise<DestinationRow[]> {
  const rows = await db.returnDestination.findMany({ where: { shop, active: true }, orderBy: { key: "asc" } });
  return rows.map((r) => ({
    id: r.key, name: r.name, kind: r.kind as ReturnDestination["kind"], country: r.countryCode, postcode: r.postcode, locationId: r.locationId,
    handling: money(r.handlingMinor, currency), priceIndexPercent: r.priceIndexPercent, recoveryPercent: r.recoveryPercent,
    servesCountries: list(r.servesCountries), productTypes: list(r.productTypes), address1: r.address1, city: r.city, phone: r.phone,
  }));
}

export interface DestinationInput {
  key: string; name: string; kind: ReturnDestination["kind"]; locationId?: string | null; address1: string; city: string; postcode: string; countryCode: string;
  phone?: string | null; handlingMinor: number; priceIndexPercent?: number; recoveryPercent?: number; servesCountries?: string[]; productTypes?: string[];
}

export async function saveDestination(db: PrismaClient, shop: string, d: DestinationInput): Promise<void> {
  const data = {
    name: d.name, kind: d.kind, locationId: d.locationId ?? null, address1: d.address1, city: d.city, postcode: d.postcode, countryCode: d.countryCode,
    phone: d.phone ?? null, handlingMinor: d.handlingMinor, priceIndexPercent: d.priceIndexPercent ?? 100, recoveryPercent: d.recoveryPercent ?? 0,
    servesCountries: join(d.servesCountries ?? []), productTypes: join(d.productTypes ?? []), active: true,
  };
  await db.returnDestination.upsert({ where: { shop_key: { shop, key: d.key } }, create: { shop, key: d.key, ...data }, update: data });
}
