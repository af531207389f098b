import { describe, expect, it } from "vitest";
import { createClassifier, DEFAULT_WEIGHTS, stem, tokens } from "./classifier";
import { loadNomenclature, loadRulings } from "../../integrations/customs/tables.server";
import {
  loadNationalText, loadParcelEvaluation, loadSearchReferences, loadSearchTerms, loadTrainingRulings, parseSearchTerms, parseTrainingRulings,
} from "../../integrations/customs/hs-text.server";

const nomenclature = loadNomenclature();
const national = loadNationalText();
const terms = loadSearchTerms(nomenclature);
const rulings = loadTrainingRulings(nomenclature);
const classifier = createClassifier(nomenclature);
/** Pairs (held-out text, training text) whose word sets overlap by at least `floor` (Jaccard). */
function nearPairs(held: readonly string[], training: readonly string[], floor: number): [string, string][] {
  const byWord = new Map<string, number[]>();
  const words = training.map((t) => new Set(tokens(t)));
  words.forEach((w, i) => w.forEach((t) => (byWord.get(t) ?? byWord.set(t, []).get(t)!).push(i)));
  const pairs: [string, string][] = [];
  for (const h of held) {
    const hw = new Set(tokens(h));
    const shared = new Map<number, number>();
    for (const t of hw) for (const i of byWord.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, n] of shared) if (n / (hw.size + words[i]!.size - n) >= floor) pairs.push([h, training[i]!]);
  }
  return pairs;
}
const codes = (r: ReturnType<typeof classifier.classify>) => [r.best, ...r.alternatives].flatMap((s) => (s ? [s.code] : []));

describe("HS classifier", () => {
  it("ranks a knitted cotton T-shirt into heading 6109 with alternatives and confidences", () => {
    const r = classifier.classify({ title: "Organic cotton T-shirt", productType: "T-Shirts", material: "cotton", tags: ["knit"] });
    expect(r.best?.code.slice(0, 4)).toBe("6109");
    expect(r.alternatives.length).toBe(2);
    expect(r.best!.confidence).toBeGreaterThan(r.alternatives[0]!.confidence);
  });

  it("learns a code the merchant confirmed for similar products", () => {
    const c = createClassifier(nomenclature, { national, terms });
    const product = { title: "Beeswax wrap set", productType: "Kitchen" };
    const before = c.classify(product).best?.code;
    c.confirm(product, "560392");
    const after = c.classify({ title: "Beeswax wrap, large", productType: "Kitchen" });
    expect(before).not.toBe("560392");
    expect(after.best?.code).toBe("560392");
    expect(after.best?.reason).toBe("confirmed");
    // An unrelated product is not pulled towards the confirmed code.
    expect(codes(c.classify({ title: "Stainless steel saucepan" }))).not.toContain("560392");
  });

  it("refuses to learn a code that is not an HS 2022 subheading", () => {
    expect(() => createClassifier(nomenclature).confirm({ title: "Mug" }, "6912")).toThrow(/not an HS 2022 subheading/);
  });

  it("reaches goods the HS labels do not name through the US national-line words (undershirts and tank tops are HTS lines of 6109)", () => {
    const plain = createClassifier(nomenclature);
    const withLines = createClassifier(nomenclature, { national });
    for (const title of ["Thermal undershirt", "Tank top"]) {
      expect(plain.classify({ title }).best?.code.slice(0, 4)).not.toBe("6109");
      expect(withLines.classify({ title }).best?.code.slice(0, 4)).toBe("6109");
    }
  });

  it("reaches trade words neither the HS nor the HTS uses through HMRC's labelled search terms", () => {
    const lexical = createClassifier(nomenclature, { national });
    const withTerms = createClassifier(nomenclature, { national, terms });
    // "yoyo" is in no tariff text: HMRC's term says commodity 9503009590, i.e. subheading 950300.
    expect(lexical.classify({ title: "Yoyo" }).best).toBeUndefined();
    expect(withTerms.classify({ title: "Yoyo" }).best?.code).toBe("950300");
    // "abaya" names only chapters 61 and 62 in HMRC's message: the suggestion stays in those chapters.
    expect(lexical.classify({ title: "Abaya" }).best).toBeUndefined();
    expect(["61", "62"]).toContain(withTerms.classify({ title: "Abaya" }).best?.code.slice(0, 2));
  });

  it("splits a word the nomenclature lacks into two it has", () => {
    // "lampshade" is in no label nor HTS line; "lamp" and "shade" are, under heading 9405.
    expect(tokens("Lampshade")).toEqual(["lampshad"]);
    expect(createClassifier(nomenclature, { national }).classify({ title: "Lampshade" }).best?.code.slice(0, 4)).toBe("9405");
  });

  it("reads American spellings as the nomenclature's British ones", () => {
    // "aluminum" appears nowhere in the HS labels: only the spelling map leads it to chapter 76.
    expect(classifier.classify({ title: "Aluminum foil roll" }).best?.code.slice(0, 4)).toBe("7607");
  });

  it("stems plurals and verb forms to the same word, on both sides", () => {
    expect(["knitted", "knitting", "knit"].map(stem)).toEqual(["knit", "knit", "knit"]);
    expect(stem("shoes")).toBe(stem("shoe"));
    expect(stem("boxes")).toBe(stem("box"));
    expect(stem("shades")).toBe(stem("shade"));
    expect(tokens("The cotton T-shirts, for men")).toEqual(["cotton", "tshirt", "men"]);
  });

  it("lets a heading the product names win its residual line when no subheading is named", () => {
    const withFallback = createClassifier(nomenclature, { national, terms });
    const without = createClassifier(nomenclature, { national, terms, weights: { ...DEFAULT_WEIGHTS, heading: 0, residual: 0 } });
    // A plain umbrella is not a garden umbrella (660110): it is the heading's "n.e.c." line.
    expect(without.classify({ title: "Umbrella" }).best?.code).toBe("660110");
    expect(withFallback.classify({ title: "Umbrella" }).best?.code).toBe("660199");
    // Wooden furniture not said to be for the kitchen goes to "other than for office, kitchen or bedroom".
    expect(without.classify({ title: "Wooden furniture" }).best?.code).toBe("940340");
    expect(withFallback.classify({ title: "Wooden furniture" }).best?.code).toBe("940360");
  });

  it("validates the labelled search terms on load", () => {
    expect(terms.length).toBeGreaterThan(3000);
    expect(parseSearchTerms("term,codes\nyoyo,950300\nabaya,61 62\n", nomenclature)).toEqual([
      { term: "yoyo", codes: ["950300"] },
      { term: "abaya", codes: ["61", "62"] },
    ]);
    expect(() => parseSearchTerms("term,codes\nwidget,999999\n", nomenclature)).toThrow(/999999 is not an HS 2022/);
    expect(() => parseSearchTerms("term,codes\nwidget,\n", nomenclature)).toThrow(/at least one code/);
  });

  it("learns from CBP rulings' product descriptions, in other words than the ruling's", () => {
    const without = createClassifier(nomenclature, { national, terms });
    const withRulings = createClassifier(nomenclature, { national, terms, rulings });
    // The training rulings hold "a permanently sealed oil-filled electric radiator heater" -> 851621
    // and "a shoulder bag made of jute and cotton" -> 420222; the tariff texts alone go elsewhere.
    expect(without.classify({ title: "Oil-filled electric radiator heater" }).best?.code).toBe("732219");
    expect(withRulings.classify({ title: "Oil-filled electric radiator heater" }).best?.code).toBe("851621");
    expect(without.classify({ title: "Jute and cotton shoulder bag" }).best?.code).toBe("420292");
    expect(withRulings.classify({ title: "Jute and cotton shoulder bag" }).best?.code).toBe("420222");
  });

  it("keeps every evaluation ruling out of the training rulings", () => {
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
    const training = new Set(rulings.map((r) => norm(r.term)));
    const held = loadRulings();
    expect(rulings.length).toBeGreaterThan(300);
    expect(held.filter((r) => training.has(norm(r.description)))).toEqual([]);
    // Nor one with mostly the same words (the build's Jaccard >= 0.6 rule).
    expect(nearPairs(held.map((r) => r.description), rulings.map((r) => r.term), 0.6)).toEqual([]);
  });

  it("validates the training rulings on load: subheadings only", () => {
    expect(parseTrainingRulings('description,codes\n"a shoulder bag made of jute and cotton",420222\n', nomenclature)).toEqual([
      { term: "a shoulder bag made of jute and cotton", codes: ["420222"] },
    ]);
    expect(() => parseTrainingRulings("description,codes\nshoulder bag,4202\n", nomenclature)).toThrow(/4202 is not an HS 2022 subheading/);
    expect(() => parseTrainingRulings("description,codes\nwidget,999999\n", nomenclature)).toThrow(/999999 is not an HS 2022 subheading/);
  });

  it("keeps the parcel evaluation set out of every training source", () => {
    const references = loadSearchReferences(nomenclature);
    const parcels = loadParcelEvaluation(nomenclature);
    expect(references.length).toBeGreaterThan(3000);
    expect(parcels.length).toBeGreaterThan(300);
    const training = new Set([...terms, ...references, ...rulings].map((t) => t.term.toLowerCase()));
    expect(parcels.filter((p) => training.has(p.description))).toEqual([]);
    expect(nearPairs(parcels.map((p) => p.description), [...training], 0.8)).toEqual([]);
    // HMRC's references are kept apart from the CBP evaluation rulings by the same rule as the CBP training rulings.
    const held = loadRulings().filter((r) => r.split === "eval").map((r) => r.description);
    expect(nearPairs(held, references.map((r) => r.term), 0.6)).toEqual([]);
    // Every parcel row names subheadings only, so a six-digit hit is well defined.
    expect(parcels.every((p) => p.codes.every((c) => nomenclature.entries.get(c)?.level === 6))).toBe(true);
    // The split is by first word, so one brand's near-identical lines never straddle train and eval.
    const sides = new Map<string, Set<string>>();
    for (const p of parcels) (sides.get(p.description.split(" ")[0]!) ?? sides.set(p.description.split(" ")[0]!, new Set()).get(p.description.split(" ")[0]!)!).add(p.split);
    expect([...sides.values()].filter((s) => s.size > 1)).toEqual([]);
    expect(parcels.filter((p) => p.split === "eval").length).toBeGreaterThan(1000);
  });
});
