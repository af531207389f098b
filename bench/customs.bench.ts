import type { BenchFigures } from "./run";
import { createClassifier } from "../app/engine/customs/classifier";
import { loadCustomsTables, loadRulings } from "../app/integrations/customs/tables.server";
import { loadNationalText, loadParcelEvaluation, loadSearchReferences, loadSearchTerms, loadTrainingRulings, type EvaluationRow } from "../app/integrations/customs/hs-text.server";
import type { HsClassifier } from "../app/engine/customs/classifier";
import { quoteLandedCost, type QuoteInput } from "../app/engine/customs/quote";
import type { FxTable } from "../app/engine/money";

const fx: FxTable = { date: "2026-11-20", source: "bench sample", rates: { EUR: { USD: "1.05", GBP: "0.87" } } };

function perSecond(fn: () => void, ms = 1000): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  return Math.round((n / ms) * 1000);
}

/**
 * Landed-cost quotes for a 5-line cart, classifications, table start-up, and classifier accuracy
 * on held-out CBP rulings (top-1 / top-3 at 2, 4 and 6 digits; train rows are fed as confirmed codes).
 * The classifier indexes the HS labels with the US HTS national-line words beneath each subheading
 * and HMRC's labelled search terms; its weights were chosen by leave-one-out on the train rows only.
 */
export default async function (): Promise<BenchFigures> {
  const t0 = performance.now();
  const tables = loadCustomsTables(fx);
  const tablesLoadMs = performance.now() - t0;

  const cart: QuoteInput = {
    date: "2026-11-20", destination: { country: "DE" }, shipFrom: "US", currency: "USD", incoterm: "DDP",
    lines: [
      { hsCode: "61091000", originCountry: "CN", quantity: 2, unitValue: 2500 },
      { hsCode: "64041100", originCountry: "VN", quantity: 1, unitValue: 8900 },
      { hsCode: "42022210", originCountry: "IT", quantity: 1, unitValue: 12000 },
      { hsCode: "71131900", originCountry: "IN", quantity: 1, unitValue: 4500 },
      { hsCode: "34060000", originCountry: "US", quantity: 3, unitValue: 1800 },
    ],
    shipping: 2500, insurance: 300, fees: { ddpFee: 500 },
  };
  const quotes = perSecond(() => quoteLandedCost(cart, tables));

  const t1 = performance.now();
  const trainingRulings = loadTrainingRulings(tables.nomenclature);
  const reference = {
    national: loadNationalText(),
    terms: [...loadSearchTerms(tables.nomenclature), ...loadSearchReferences(tables.nomenclature)],
    rulings: trainingRulings,
  };
  const classifier = createClassifier(tables.nomenclature, reference);
  const classifierBuildMs = performance.now() - t1;
  const rows = loadRulings();
  for (const r of rows.filter((r) => r.split === "train")) classifier.confirm({ title: r.description }, r.hs6);
  const evalRows = rows.filter((r) => r.split === "eval");
  const accuracy = accuracyOn(classifier, evalRows.map((r) => ({ description: r.description, codes: [r.hs6] })), "");
  // The parcel set is another shop: its own train rows are its confirmed products, not the CBP ones.
  const parcels = loadParcelEvaluation(tables.nomenclature);
  const parcelShop = createClassifier(tables.nomenclature, reference);
  for (const p of parcels.filter((p) => p.split === "train")) parcelShop.confirm({ title: p.description }, p.codes[0]!);
  const parcelEval = parcels.filter((p) => p.split === "eval");
  const parcelAccuracy = accuracyOn(parcelShop, parcelEval, "fpo_");
  const sample = evalRows.slice(0, 100);
  let i = 0;
  const classifications = perSecond(() => classifier.classify({ title: sample[i++ % sample.length]!.description }), 500);

  return {
    quotes_per_s: quotes,
    cart_lines: cart.lines.length,
    classifications_per_s: classifications,
    tables_load_ms: Number(tablesLoadMs.toFixed(1)),
    classifier_build_ms: Number(classifierBuildMs.toFixed(1)),
    eval_rows: evalRows.length,
    train_rows: rows.length - evalRows.length,
    training_rulings: trainingRulings.length,
    training_terms: reference.terms.length,
    ...accuracy,
    fpo_eval_rows: parcelEval.length,
    fpo_train_rows: parcels.length - parcelEval.length,
    ...parcelAccuracy,
  };
}

/** Top-1 and top-3 hit rates at 2, 4 and 6 digits, in percent; a row is hit when any of its codes is. */
function accuracyOn(classifier: HsClassifier, rows: readonly Pick<EvaluationRow, "description" | "codes">[], prefix: string): Record<string, number> {
  const hits: Record<string, number> = {};
  for (const d of [2, 4, 6]) hits[`${prefix}top1_${d}digit_pct`] = hits[`${prefix}top3_${d}digit_pct`] = 0;
  for (const r of rows) {
    const res = classifier.classify({ title: r.description }, 3);
    const codes = [res.best, ...res.alternatives].flatMap((s) => (s ? [s.code] : []));
    for (const d of [2, 4, 6]) {
      const right = new Set(r.codes.map((c) => c.slice(0, d)));
      if (codes[0] !== undefined && right.has(codes[0].slice(0, d))) hits[`${prefix}top1_${d}digit_pct`]! += 1;
      if (codes.some((c) => right.has(c.slice(0, d)))) hits[`${prefix}top3_${d}digit_pct`]! += 1;
    }
  }
  return Object.fromEntries(Object.entries(hits).sort().map(([k, v]) => [k, Number(((100 * v) / rows.length).toFixed(1))]));
}
