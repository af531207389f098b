import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importRateCardCsv, type RateCard } from "../carriers";
import { money, type FxTable } from "../money";
import { dutyOutlook } from "./duties";
import { createReturnLabelPricer } from "./labels";
import { routeItem, routeReturn, type ReturnDestination, type ReturnItem, type RoutingContext, type StockPosition } from "./routing";

const usd = (cents: number) => money(cents, "USD");
const FX: FxTable = JSON.parse(readFileSync("data/fx/reference-rates.json", "utf8"));
const CARDS: RateCard[] = readdirSync("data/returns/rate-cards").filter((f) => f.endsWith(".csv")).map((f) => {
  const result = importRateCardCsv(readFileSync(path.join("data/returns/rate-cards", f), "utf8"), f);
  if (!result.card) throw new Error(`${f}: ${JSON.stringify(result.errors)}`);
  return result.card;
});
const pricer = createReturnLabelPricer(CARDS, FX, "USD");

const EUROPE = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "CH", "NO"];
const site = (d: Partial<ReturnDestination> & Pick<ReturnDestination, "id" | "name" | "kind" | "country">): ReturnDestination => ({
  handling: usd(450), priceIndexPercent: 100, recoveryPercent: 0, servesCountries: [], productTypes: [], ...d,
});
// The demo shop's network: the US origin, the EU hub at the Venlo 3PL, the UK warehouse, and partners.
const NETWORK: ReturnDestination[] = [
  site({ id: "us-nj", name: "New Jersey Warehouse", kind: "origin", country: "US", handling: usd(350) }),
  site({ id: "nl-venlo", name: "Venlo 3PL (EU)", kind: "regional_hub", country: "NL", servesCountries: [...EUROPE, "GB"], priceIndexPercent: 100 }),
  site({ id: "gb-northampton", name: "Northampton Warehouse (UK)", kind: "local_warehouse", country: "GB", servesCountries: ["GB"] }),
  site({ id: "nl-refurb", name: "Renew Lab Tilburg", kind: "refurbisher", country: "NL", servesCountries: EUROPE, recoveryPercent: 45, handling: usd(600), productTypes: ["Footwear", "Knitwear", "Trousers", "Electronics"] }),
  site({ id: "nl-donate", name: "Kledingbank Venlo", kind: "donation", country: "NL", servesCountries: EUROPE, handling: usd(0) }),
  site({ id: "nl-recycle", name: "Venlo recycling (WEEE)", kind: "disposal", country: "NL", servesCountries: EUROPE, handling: usd(250) }),
  site({ id: "gb-recycle", name: "Northampton recycling (WEEE)", kind: "disposal", country: "GB", servesCountries: ["GB"], handling: usd(250) }),
];

const item = (over: Partial<ReturnItem>): ReturnItem => ({
  key: "1", title: "Leather Court Sneaker", sku: "STR-005-42", productType: "Footwear", unitPrice: usd(16500), quantity: 1, weight: 1100,
  hsCode: "640399", originCountry: "PT", condition: "new_unopened", reason: "SIZE_TOO_SMALL", ...over,
});

type ContextOverrides = Partial<Omit<RoutingContext, "stock">> & { stock?: Record<string, StockPosition> };

function context(over: ContextOverrides = {}): RoutingContext {
  const stock: Record<string, StockPosition> = over.stock ?? { "nl-venlo:STR-005-42": { onHand: 4, target: 12 }, "us-nj:STR-005-42": { onHand: 180, target: 60 } };
  return {
    currency: "USD", buyer: { country: "FR", postcode: "75003" }, exportedFrom: "NL", destinations: NETWORK, keepItAllowed: true,
    labelCost: pricer.cost,
    // 10 % ad valorem stands in for the destination's tariff here; the app passes the customs engine's duty.
    importDuty: (i) => usd(Math.round(i.unitPrice.amount * i.quantity * 0.1)),
    ...over,
    stock: (id, sku) => stock[`${id}:${sku}`],
  };
}

describe("return routing: each item to the place that recovers most", () => {
  it.each<[string, Partial<ReturnItem>, ContextOverrides, string, string | null]>([
    ["an EU buyer's resellable sneaker goes to the EU hub, not the US origin", {}, {}, "resell", "nl-venlo"],
    ["a UK buyer's resellable jeans go to the UK warehouse", { title: "Selvedge Denim Jeans", sku: "NOR-003-32", productType: "Trousers", unitPrice: usd(14500), weight: 720 }, { buyer: { country: "GB", postcode: "N1 0PQ" }, exportedFrom: "GB" }, "resell", "gb-northampton"],
    ["a US buyer's return goes to the origin, which is local", {}, { buyer: { country: "US", postcode: "11249" }, exportedFrom: "US" }, "resell", "us-nj"],
    ["a cheap cable whose label costs more than it is worth becomes keep it", { title: "Braided USB-C Cable 2m", sku: "VOL-015", productType: "Electronics Accessories", unitPrice: usd(1900), weight: 70 }, { buyer: { country: "ES", postcode: "28004" } }, "keep", null],
    ["an Australian buyer's phone case is not worth a label across the world", { title: "Clear Phone Case", sku: "VOL-014", productType: "Electronics Accessories", unitPrice: usd(2500), weight: 45 }, { buyer: { country: "AU", postcode: "2010" }, exportedFrom: "US" }, "keep", null],
    ["a damaged sneaker goes to the refurbisher", { condition: "damaged", reason: "DEFECTIVE" }, { buyer: { country: "DE", postcode: "10435" } }, "refurbish", "nl-refurb"],
    ["damaged earbuds with a lithium battery go to WEEE disposal, never left with the buyer", { title: "Wireless Earbuds", sku: "VOL-016", productType: "Electronics", unitPrice: usd(9900), weight: 160, condition: "damaged", reason: "DEFECTIVE", controlledDisposal: true }, { buyer: { country: "GB", postcode: "M3 2EG" }, exportedFrom: "GB" }, "dispose", "gb-recycle"],
    ["a worn tee with keep-it switched off is donated", { title: "Organic Cotton Tee", sku: "NOR-002-M", productType: "T-Shirts", unitPrice: usd(3800), weight: 180, condition: "used", reason: "STYLE" }, { buyer: { country: "NL", postcode: "1016 GV" }, keepItAllowed: false }, "donate", "nl-donate"],
    ["an opened serum (hygiene) cannot be resold anywhere: keep it", { title: "Vitamin C Face Serum 30ml", sku: "GLO-007", productType: "Skincare", unitPrice: usd(4200), weight: 120, condition: "new_opened", hygiene: true }, {}, "keep", null],
  ])("%s", (_label, itemOver, ctxOver, disposition, destination) => {
    const decision = routeItem(item(itemOver), context(ctxOver));
    expect(decision.disposition, decision.reason).toBe(disposition);
    expect(decision.destination?.id ?? null).toBe(destination);
    expect(decision.reason.length).toBeGreaterThan(20);
  });

  it("the EU hub beats the origin by the label, the import duty and the stock it needs, and says so", () => {
    const decision = routeItem(item({}), context());
    const hub = decision.chosen!;
    const origin = decision.origin!;
    expect(hub.label.amount).toBeLessThan(origin.label.amount);
    expect(hub.importDuty.amount).toBe(0);
    expect(origin.importDuty.amount).toBe(1650); // a Portuguese sneaker pays US duty again: no relief for foreign goods
    expect(hub.notes).toContain("short of 8 there");
    expect(decision.net.amount).toBeGreaterThan(origin.net.amount);
    expect(decision.reason).toMatch(/Venlo 3PL \(EU\).*resell.*back to origin New Jersey Warehouse would net/);
  });

  it("a Swiss buyer's DDP duty is repaid by Switzerland and the EU hub re-imports under returned goods relief", () => {
    const decision = routeItem(item({ dutiesPaid: usd(1320) }), context({ buyer: { country: "CH", postcode: "8004" } }));
    expect(decision.destination?.id).toBe("nl-venlo");
    expect(decision.chosen!.dutyRecovered.amount).toBe(1320);
    expect(decision.chosen!.importDuty.amount).toBe(0);
    expect(decision.chosen!.dutyRules.map((r) => r.source).join(" ")).toMatch(/art\. 203.*ZG\) art\. 11/);
  });

  it("stock needs tip the choice: a hub already overstocked sells slower", () => {
    const short = routeItem(item({}), context()).chosen!.resale.amount;
    const full = routeItem(item({}), context({ stock: { "nl-venlo:STR-005-42": { onHand: 40, target: 12 } } })).chosen!.resale.amount;
    expect(full).toBeLessThan(short);
  });

  it("a return of several items totals its recovery against all back to origin", () => {
    const routing = routeReturn([item({ key: "a" }), item({ key: "b", title: "Braided USB-C Cable 2m", sku: "VOL-015", productType: "Electronics Accessories", unitPrice: usd(1900), weight: 70 })], context());
    expect(routing.decisions.map((d) => d.disposition)).toEqual(["resell", "keep"]);
    expect(routing.net.amount).toBeGreaterThan(routing.originNet.amount);
    expect(routing.cost.amount).toBeLessThan(routing.originCost.amount);
  });
});

describe("duties on the way back", () => {
  it.each([
    ["FR to NL: inside the EU, no border", "FR", "NL", "NL", "PT", "UNWANTED", false, 0, /no customs border/],
    ["CH to NL, shipped from NL: EU returned goods relief, Swiss refund", "CH", "NL", "NL", "PT", "UNWANTED", false, 100, /art\. 203/],
    ["GB to US, foreign-made: US duty due again, no UK repayment for a change of mind", "GB", "US", "US", "PT", "UNWANTED", true, 0, /^$/],
    ["GB to US, US-made and faulty: 9801.00.10 and UK rejected imports relief", "GB", "US", "US", "US", "DEFECTIVE", false, 100, /9801\.00\.10.*C285/],
    ["US to NL, shipped from NL: EU relief, US unused merchandise drawback 99%", "US", "NL", "NL", "PT", "UNWANTED", false, 99, /1313\(j\)\(1\)/],
    ["DE to GB, shipped from NL: GB duty due, EU repays only faulty goods", "DE", "GB", "NL", "PT", "SIZE_TOO_LARGE", true, 0, /^$/],
  ] as const)("%s", (_label, buyer, dest, exportedFrom, origin, reason, dutyDue, repaid, sources) => {
    const outlook = dutyOutlook({ buyerCountry: buyer, destinationCountry: dest, exportedFrom, originCountry: origin, reason });
    expect(outlook.importDutyDue).toBe(dutyDue);
    expect(outlook.repaymentPercent).toBe(repaid);
    expect(outlook.rules.map((r) => r.source).join(" ")).toMatch(sources);
  });
});

describe("return labels from the return rate cards", () => {
  it.each([
    ["NL domestic by PostNL", "NL", "NL", 500, "PostNL Parcel Return"],
    ["FR to NL by PostNL", "FR", "NL", 1100, "PostNL Parcel Return"],
    ["GB domestic by Royal Mail", "GB", "GB", 720, "Royal Mail Tracked Returns 48"],
    ["AU to the US by DHL Express import", "AU", "US", 45, "DHL Express Worldwide Import"],
    ["CH to NL by DHL Express import", "CH", "NL", 1100, "DHL Express Worldwide Import"],
  ])("%s", (_label, from, to, grams, service) => {
    const quote = pricer.quote({ country: from }, { country: to }, grams)!;
    expect(quote.card.serviceName).toBe(service);
    expect(quote.shopPrice.currency).toBe("USD");
    expect(quote.shopPrice.amount).toBeGreaterThan(0);
  });

  it("no card serves Japan to the UK warehouse by post: the cheapest that does is DHL", () => {
    expect(pricer.quote({ country: "JP" }, { country: "GB" }, 500)?.card.carrierId).toBe("dhl-express");
    expect(pricer.quote({ country: "BR" }, { country: "GB" }, 500)).toBeNull();
  });
});
