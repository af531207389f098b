import type { ProductText } from "./classifier";
import { EU_COUNTRIES } from "./rules";

/**
 * What a product or its packaging must carry to be sold into a destination: origin marking, fibre
 * content, a responsible person inside the market, bilingual or local-language labels. Each rule
 * names the law it comes from; the merchant sees them as warnings before shipping.
 */
export interface LabellingInput extends ProductText {
  /** 6 to 10 digit HS code, when known (rules keyed on the tariff chapter or heading). */
  readonly hsCode?: string;
  readonly originCountry?: string;
}

export interface LabellingWarning {
  /** Destination the rule belongs to: an ISO country, or "EU" for the single market. */
  readonly destination: string;
  readonly rule: string;
  readonly message: string;
  readonly source: string;
}

/** The goods a rule concerns, by HS chapter or heading prefix, or by words when no code is known. */
interface Scope {
  readonly hs?: readonly string[];
  readonly words?: RegExp;
  /** Every consumer product except food (chapters 01-24) and live animals. */
  readonly nonFood?: boolean;
}

interface Rule {
  readonly id: string;
  readonly destination: string;
  readonly scope: Scope;
  readonly when?: (p: LabellingInput) => boolean;
  readonly message: (p: LabellingInput) => string;
  readonly source: string;
}

const TEXTILES: Scope = { hs: ["50", "51", "52", "53", "54", "55", "56", "58", "60", "61", "62", "63"], words: /\b(cotton|wool|merino|linen|silk|polyester|nylon|viscose|cashmere|t-?shirt|tee|sweater|jumper|hoodie|dress|scarf|sheet|towel|jeans|socks?)\b/i };
const FOOTWEAR: Scope = { hs: ["64"], words: /\b(shoes?|sneakers?|boots?|sandals?|footwear|trainers?)\b/i };
const COSMETICS: Scope = { hs: ["3303", "3304", "3305", "3307"], words: /\b(serum|lipstick|mascara|parfum|perfume|shampoo|moisturi[sz]er|lotion|cosmetics?|make-?up)\b/i };
const TOYS: Scope = { hs: ["9503"], words: /\b(toys?|plush|dolls?|building blocks)\b/i };
const ELECTRICAL: Scope = { hs: ["8504", "8507", "8516", "8517", "8518", "8525", "8528", "8544", "8471", "9405"], words: /\b(charger|earbuds|headphones|power bank|cable|lamp|speaker)\b/i };
const BATTERIES: Scope = { hs: ["8506", "8507"], words: /\b(batter(y|ies)|power bank)\b/i };
const FOOD: Scope = { hs: ["04", "07", "08", "09", "15", "16", "17", "18", "19", "20", "21", "22"], words: /\b(coffee|tea|chocolate|honey|snack|sauce)\b/i };
const JEWELLERY: Scope = { hs: ["7113", "7114", "7116", "7117"], words: /\b(necklace|earrings?|bracelet|ring|pendant|jewell?ery)\b/i };
const CLOTHING_AND_SHOES: Scope = { hs: [...TEXTILES.hs!, ...FOOTWEAR.hs!], words: new RegExp(`${TEXTILES.words!.source}|${FOOTWEAR.words!.source}`, "i") };

const foreign = (country: string) => (p: LabellingInput) => !!p.originCountry && p.originCountry !== country;

export const LABELLING_RULES: readonly Rule[] = [
  {
    id: "us-origin-marking", destination: "US", scope: { nonFood: true }, when: foreign("US"),
    message: (p) => `Mark the article (or its container) legibly and permanently with its country of origin in English ("Made in ${regionName(p.originCountry!)}").`,
    source: "19 U.S.C. 1304; 19 CFR Part 134 (Country of Origin Marking)",
  },
  {
    id: "us-origin-unknown", destination: "US", scope: { nonFood: true }, when: (p) => !p.originCountry,
    message: () => "Country of origin unknown: imported articles must be marked with it, and duty depends on it.",
    source: "19 U.S.C. 1304; 19 CFR 134.11",
  },
  {
    id: "us-textile-label", destination: "US", scope: TEXTILES,
    message: () => "Label with the generic fibre names and percentages by weight, the country where processed or manufactured, and the manufacturer's or dealer's name or RN number.",
    source: "Textile Fiber Products Identification Act (15 U.S.C. 70b); 16 CFR Part 303",
  },
  {
    id: "us-wool-label", destination: "US", scope: { hs: ["51", "6110", "6111"], words: /\b(wool|merino|cashmere)\b/i }, when: (p) => /\b(wool|merino|cashmere)\b/i.test(textOf(p)),
    message: () => "Wool content must be stated as a percentage by weight (\"100% Merino Wool\" only if it is).",
    source: "Wool Products Labeling Act of 1939 (15 U.S.C. 68b); 16 CFR Part 300",
  },
  {
    id: "us-cosmetic-ingredients", destination: "US", scope: COSMETICS,
    message: () => "Declare ingredients in descending order of predominance on the outer container, with the net quantity of contents.",
    source: "21 CFR 701.3 and 701.13 (FD&C Act, Fair Packaging and Labeling Act)",
  },
  {
    id: "eu-gpsr-responsible-person", destination: "EU", scope: { nonFood: true },
    message: () => "An economic operator established in the EU (the responsible person) must be named with postal and electronic address on the product, its packaging or an accompanying document, with a type, batch or serial number.",
    source: "Regulation (EU) 2023/988 (GPSR) arts. 4, 9 and 16, applicable from 13 December 2024",
  },
  {
    id: "eu-textile-fibre", destination: "EU", scope: TEXTILES,
    message: () => "Label or mark the fibre composition with the names of Annex I and percentages, in the official language(s) of the Member State where it is sold.",
    source: "Regulation (EU) No 1007/2011 arts. 14 and 16",
  },
  {
    id: "eu-footwear-materials", destination: "EU", scope: FOOTWEAR,
    message: () => "Label the material (leather, coated leather, textile, other) of the upper, the lining and sock, and the outer sole, by pictogram or words.",
    source: "Directive 94/11/EC on the labelling of materials used in footwear, art. 2 and Annex I",
  },
  {
    id: "eu-cosmetics-responsible-person", destination: "EU", scope: COSMETICS,
    message: () => "A responsible person in the EU, notified in the CPNP, named on the container with ingredients (INCI), nominal content, durability date and batch.",
    source: "Regulation (EC) No 1223/2009 arts. 4, 13 and 19",
  },
  {
    id: "eu-toy-ce", destination: "EU", scope: TOYS,
    message: () => "CE marking, warnings in the language of the Member State, and the manufacturer's and importer's names and addresses.",
    source: "Directive 2009/48/EC on the safety of toys, arts. 4-6, 11 and 16-17",
  },
  {
    id: "eu-weee-bin", destination: "EU", scope: ELECTRICAL,
    message: () => "Electrical equipment carries the crossed-out wheeled bin symbol, and the producer is registered for WEEE in each Member State sold to.",
    source: "Directive 2012/19/EU (WEEE) art. 14(4) and Annex IX",
  },
  {
    id: "eu-battery-marking", destination: "EU", scope: BATTERIES,
    message: () => "Batteries carry the separate-collection symbol and capacity information.",
    source: "Regulation (EU) 2023/1542 (Batteries) art. 13",
  },
  {
    id: "eu-food-information", destination: "EU", scope: FOOD,
    message: () => "Mandatory food information (name, ingredients, allergens, net quantity, date of minimum durability, operator's name and address) in a language easily understood where it is sold.",
    source: "Regulation (EU) No 1169/2011 arts. 9 and 15",
  },
  {
    id: "gb-responsible-person", destination: "GB", scope: { hs: ["3303", "3304", "3305", "3307", "9503", "85"], words: new RegExp(`${COSMETICS.words!.source}|${TOYS.words!.source}|${ELECTRICAL.words!.source}`, "i") },
    message: () => "A UK-based responsible person or importer must be named with a UK address on the product or its packaging (cosmetics: UK Responsible Person notified on SCPN).",
    source: "UK Cosmetics Regulation (EC 1223/2009 as retained) art. 4; Toys (Safety) Regulations 2011 reg. 29; Electrical Equipment (Safety) Regulations 2016 reg. 29",
  },
  {
    id: "gb-textile-fibre", destination: "GB", scope: TEXTILES,
    message: () => "Label the fibre composition in English with the names and percentages of the retained EU textile regulation.",
    source: "Textile Products (Labelling and Fibre Composition) Regulations 2012 (SI 2012/1102); Regulation (EU) No 1007/2011 as retained",
  },
  {
    id: "ca-bilingual-labels", destination: "CA", scope: { nonFood: true },
    message: () => "Prepackaged consumer products show the product identity and net quantity in English and French, with the dealer's name and principal place of business.",
    source: "Consumer Packaging and Labelling Act (R.S.C. 1985, c. C-38) s. 10; Consumer Packaging and Labelling Regulations s. 6",
  },
  {
    id: "ca-textile-label", destination: "CA", scope: TEXTILES,
    message: () => "Fibre content in English and French, and the dealer's name and address or CA identification number.",
    source: "Textile Labelling Act (R.S.C. 1985, c. T-10); Textile Labelling and Advertising Regulations ss. 6, 11 and 16",
  },
  {
    id: "ca-food-bilingual", destination: "CA", scope: FOOD,
    message: () => "Food labels in English and French: common name, net quantity, ingredients and allergens, dealer's name and address.",
    source: "Safe Food for Canadians Regulations (SOR/2018-108) Part 11; Food and Drug Regulations B.01",
  },
  {
    id: "au-trade-description", destination: "AU", scope: { hs: [...CLOTHING_AND_SHOES.hs!, "7113", "7117", ...FOOD.hs!], words: new RegExp(`${CLOTHING_AND_SHOES.words!.source}|${JEWELLERY.words!.source}|${FOOD.words!.source}`, "i") },
    message: () => "A trade description in English with the country where the goods were made or produced, prominent and attached to the goods.",
    source: "Commerce (Trade Descriptions) Act 1905; Commerce (Imports) Regulation 2016 ss. 9-13 and Schedule 1",
  },
  {
    id: "jp-household-goods-quality", destination: "JP", scope: TEXTILES,
    message: () => "Fibre composition and care symbols in Japanese, with the labeller's name and contact.",
    source: "Household Goods Quality Labeling Act (Act No. 104 of 1962); Textile Goods Quality Labeling Regulations",
  },
];

function textOf(p: LabellingInput): string {
  return [p.title, p.productType ?? "", p.material ?? "", (p.tags ?? []).join(" "), p.description ?? ""].join(" ");
}

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function inScope(scope: Scope, p: LabellingInput): boolean {
  const hs = p.hsCode?.replace(/\D/g, "");
  if (scope.nonFood) return hs ? Number(hs.slice(0, 2)) > 24 : !FOOD.words!.test(textOf(p));
  // The code decides when there is one; the words are only a fallback for unclassified products.
  if (hs) return (scope.hs ?? []).some((prefix) => hs.startsWith(prefix));
  return scope.words?.test(textOf(p)) ?? false;
}

/** Whether a destination country belongs to a rule's destination ("EU" covers the 27 members). */
function covers(ruleDestination: string, market: string): boolean {
  return ruleDestination === market || (ruleDestination === "EU" && (market === "EU" || EU_COUNTRIES.has(market)));
}

/** The labelling warnings for a product sold into `markets` (ISO countries or "EU"), one per rule and rule destination. */
export function labellingWarnings(product: LabellingInput, markets: readonly string[]): LabellingWarning[] {
  const out: LabellingWarning[] = [];
  for (const rule of LABELLING_RULES) {
    if (!markets.some((m) => covers(rule.destination, m))) continue;
    if (!inScope(rule.scope, product)) continue;
    if (rule.when && !rule.when(product)) continue;
    out.push({ destination: rule.destination, rule: rule.id, message: rule.message(product), source: rule.source });
  }
  return out;
}
