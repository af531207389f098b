import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { PrismaClient } from "@prisma/client";
import { importRateCardCsv, type RateCard, type RateCardRowError } from "~/engine/carriers";

/**
 * A shop's rate cards are stored as the CSV the merchant imported (ShopRateCard) and parsed into
 * engine cards when the shop's quote data is (re)loaded. Importing a card whose rows have errors
 * stores nothing, so a bad upload never replaces a working card.
 */

export interface ImportOutcome {
  readonly ok: boolean;
  readonly card?: { readonly id: string; readonly carrierName: string; readonly serviceName: string; readonly originCountry: string; readonly replaced: boolean };
  readonly errors: readonly RateCardRowError[];
}

const CARD_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** A card id from an uploaded file name: "DHL Express (NL).csv" -> "dhl-express-nl". */
export function cardIdFromFileName(fileName: string): string {
  return basename(fileName, ".csv").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80) || "rate-card";
}

export async function importShopRateCard(db: PrismaClient, shop: string, cardId: string, csv: string, options: { sample?: boolean } = {}): Promise<ImportOutcome> {
  if (!CARD_ID.test(cardId)) return { ok: false, errors: [{ line: null, message: `card id "${cardId}" must be lowercase letters, digits and dashes` }] };
  if (csv.length > 2_000_000) return { ok: false, errors: [{ line: null, message: "the file is larger than 2 MB; a rate card is a few hundred rows" }] };
  const result = importRateCardCsv(csv, cardId);
  if (!result.card || result.errors.length > 0) return { ok: false, errors: result.errors.length ? result.errors : [{ line: null, message: "no card could be read" }] };
  const card = result.card;
  const existing = await db.shopRateCard.findUnique({ where: { shop_cardId: { shop, cardId } } });
  const data = { carrierId: card.carrierId, serviceCode: card.serviceCode, originCountry: card.originCountry, csv, sample: options.sample ?? false };
  await db.shopRateCard.upsert({ where: { shop_cardId: { shop, cardId } }, create: { shop, cardId, ...data }, update: { ...data, importedAt: new Date() } });
  return { ok: true, card: { id: cardId, carrierName: card.carrierName, serviceName: card.serviceName, originCountry: card.originCountry, replaced: !!existing }, errors: [] };
}

export async function deleteShopRateCard(db: PrismaClient, shop: string, cardId: string): Promise<boolean> {
  const { count } = await db.shopRateCard.deleteMany({ where: { shop, cardId } });
  return count > 0;
}

export interface StoredCard { readonly card: RateCard; readonly sample: boolean; readonly importedAt: Date }

/** Every stored card of the shop, parsed. A row that no longer parses (format change) is skipped and reported. */
export async function loadShopRateCards(db: PrismaClient, shop: string): Promise<{ cards: StoredCard[]; broken: { cardId: string; errors: readonly RateCardRowError[] }[] }> {
  const rows = await db.shopRateCard.findMany({ where: { shop }, orderBy: { cardId: "asc" } });
  const cards: StoredCard[] = [];
  const broken: { cardId: string; errors: readonly RateCardRowError[] }[] = [];
  for (const row of rows) {
    const parsed = importRateCardCsv(row.csv, row.cardId);
    if (parsed.card) cards.push({ card: parsed.card, sample: row.sample, importedAt: row.importedAt });
    else broken.push({ cardId: row.cardId, errors: parsed.errors });
  }
  return { cards, broken };
}

/** The sample cards shipped in data/rate-cards (for the demo shop and tests; labelled as samples), optionally only those from some origins. */
export function sampleRateCardFiles(origins?: readonly string[], dir = join(process.cwd(), "data", "rate-cards")): { cardId: string; csv: string }[] {
  return readdirSync(dir).filter((f) => f.endsWith(".csv")).sort()
    .map((f) => ({ cardId: basename(f, ".csv"), csv: readFileSync(join(dir, f), "utf8") }))
    .filter((f) => !origins || origins.some((o) => f.csv.includes(`\nsetting,origin_country,${o},`)));
}
