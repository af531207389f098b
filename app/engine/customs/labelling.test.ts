import { describe, expect, it } from "vitest";
import { labellingWarnings, LABELLING_RULES, type LabellingInput } from "./labelling";

const rulesFor = (p: LabellingInput, markets: string[]) => labellingWarnings(p, markets).map((w) => w.rule).sort();

const tee: LabellingInput = { title: "Organic Cotton Tee", productType: "T-Shirts", hsCode: "610910", originCountry: "PT" };
const sweater: LabellingInput = { title: "Merino Crew Sweater", productType: "Knitwear", hsCode: "611011", originCountry: "PT" };
const sneaker: LabellingInput = { title: "Leather Court Sneaker", productType: "Footwear", hsCode: "640399", originCountry: "PT" };
const serum: LabellingInput = { title: "Vitamin C Face Serum 30ml", productType: "Skincare", hsCode: "330499", originCountry: "KR" };
const earbuds: LabellingInput = { title: "Wireless Earbuds", productType: "Electronics", hsCode: "851830", originCountry: "CN" };
const powerBank: LabellingInput = { title: "Power Bank 10000mAh", productType: "Electronics", hsCode: "850760", originCountry: "CN" };
const coffee: LabellingInput = { title: "Single-Origin Coffee Beans 340g", productType: "Coffee", hsCode: "090121", originCountry: "CO" };
const blocks: LabellingInput = { title: "Wooden Building Blocks (50 pcs)", productType: "Toys", hsCode: "950300", originCountry: "DE" };
const candleUs: LabellingInput = { title: "Soy Wax Candle", productType: "Home", hsCode: "340600", originCountry: "US" };
const necklace: LabellingInput = { title: "Sterling Silver Pendant Necklace", productType: "Jewellery", hsCode: "711311", originCountry: "TH" };

describe("labelling checks per destination", () => {
  it.each<[string, LabellingInput, string[], string[]]>([
    // 19 CFR 134: foreign articles are marked with their origin; US-made goods are not.
    ["a Portuguese T-shirt into the US", tee, ["US"], ["us-origin-marking", "us-textile-label"]],
    ["a US candle into the US", candleUs, ["US"], []],
    ["a merino sweater into the US (wool act too)", sweater, ["US"], ["us-origin-marking", "us-textile-label", "us-wool-label"]],
    ["a Korean serum into the US", serum, ["US"], ["us-cosmetic-ingredients", "us-origin-marking"]],
    // Food is outside 19 CFR 134's consumer-goods rule here and outside GPSR.
    ["coffee into the US", coffee, ["US"], []],
    ["a T-shirt into Germany", tee, ["DE"], ["eu-gpsr-responsible-person", "eu-textile-fibre"]],
    ["a sneaker into France", sneaker, ["FR"], ["eu-footwear-materials", "eu-gpsr-responsible-person"]],
    ["a serum into the EU", serum, ["EU"], ["eu-cosmetics-responsible-person", "eu-gpsr-responsible-person"]],
    ["earbuds into the Netherlands", earbuds, ["NL"], ["eu-gpsr-responsible-person", "eu-weee-bin"]],
    ["a power bank into the EU", powerBank, ["EU"], ["eu-battery-marking", "eu-gpsr-responsible-person", "eu-weee-bin"]],
    ["toys into the EU", blocks, ["IT"], ["eu-gpsr-responsible-person", "eu-toy-ce"]],
    ["coffee into the EU", coffee, ["DE"], ["eu-food-information"]],
    ["a serum into the UK", serum, ["GB"], ["gb-responsible-person"]],
    ["a T-shirt into the UK", tee, ["GB"], ["gb-textile-fibre"]],
    ["a T-shirt into Canada", tee, ["CA"], ["ca-bilingual-labels", "ca-textile-label"]],
    ["coffee into Canada", coffee, ["CA"], ["ca-food-bilingual"]],
    ["a sneaker into Australia", sneaker, ["AU"], ["au-trade-description"]],
    ["a necklace into Australia", necklace, ["AU"], ["au-trade-description"]],
    ["earbuds into Australia", earbuds, ["AU"], []],
    ["a T-shirt into Japan", tee, ["JP"], ["jp-household-goods-quality"]],
    ["a T-shirt into Singapore (no rule shipped)", tee, ["SG"], []],
  ])("%s", (_name, product, markets, expected) => {
    expect(rulesFor(product, markets)).toEqual(expected);
  });

  it("names the origin in the US marking warning and asks for it when unknown", () => {
    expect(labellingWarnings(tee, ["US"]).find((w) => w.rule === "us-origin-marking")?.message).toContain('"Made in Portugal"');
    expect(rulesFor({ ...tee, originCountry: undefined }, ["US"])).toEqual(["us-origin-unknown", "us-textile-label"]);
  });

  it("falls back to the product's words when it has no HS code yet", () => {
    expect(rulesFor({ title: "Linen napkins", productType: "Table linen" }, ["EU"])).toEqual(["eu-gpsr-responsible-person", "eu-textile-fibre"]);
    expect(rulesFor({ title: "Dark roast coffee", productType: "Coffee" }, ["EU"])).toEqual(["eu-food-information"]);
  });

  it("reports one warning per rule for several markets of the same union", () => {
    expect(rulesFor(tee, ["DE", "FR", "NL"])).toEqual(["eu-gpsr-responsible-person", "eu-textile-fibre"]);
  });

  it("gives every rule its legal source", () => {
    for (const rule of LABELLING_RULES) expect(rule.source).toMatch(/Regulation|Directive|Act|CFR|U\.S\.C\.|Regulations/);
  });
});
