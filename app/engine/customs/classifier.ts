import type { HsEntry, Nomenclature } from "./hs";

/** What a merchant knows about a product (Shopify product fields). */
export interface ProductText {
  readonly title: string;
  readonly description?: string;
  readonly productType?: string;
  readonly tags?: readonly string[];
  readonly material?: string;
}

export interface HsSuggestion {
  readonly code: string;
  readonly description: string;
  /** 0..1, the share of the top scores this code holds. */
  readonly confidence: number;
  readonly reason: "confirmed" | "lexical";
}

export interface Classification {
  readonly best: HsSuggestion | undefined;
  readonly alternatives: readonly HsSuggestion[];
}

/**
 * Words merchants use that the nomenclature does not, mapped to the words of the heading that
 * covers them. Curated from common Shopify product types; each maps to legal-text vocabulary,
 * never to a code, so the ranking still explains itself.
 */
export const SYNONYMS: Readonly<Record<string, string>> = {
  tshirt: "t-shirts singlets knitted", tee: "t-shirts singlets knitted", hoodie: "jerseys pullovers sweatshirts knitted", sweatshirt: "jerseys pullovers knitted",
  sweater: "jerseys pullovers knitted", jumper: "jerseys pullovers knitted", cardigan: "cardigans knitted", leggings: "trousers knitted",
  jeans: "trousers denim cotton", dress: "dresses", skirt: "skirts", jacket: "anoraks jackets", coat: "overcoats", blazer: "jackets blazers",
  sneaker: "footwear sports outer soles rubber plastics uppers textile", sneakers: "footwear sports outer soles rubber plastics uppers textile",
  shoe: "footwear outer soles uppers", shoes: "footwear outer soles uppers", boot: "footwear ankle", boots: "footwear ankle", sandal: "footwear", slipper: "footwear",
  handbag: "handbags", purse: "handbags", backpack: "rucksacks travelling bags", tote: "handbags shopping bags", wallet: "wallets articles pocket handbag",
  suitcase: "suitcases trunks", luggage: "suitcases trunks travel", case: "cases containers", phone: "telephones smartphones", smartphone: "telephones cellular networks",
  earbuds: "headphones earphones", headphones: "headphones earphones", speaker: "loudspeakers", charger: "static converters", cable: "insulated conductors electric",
  laptop: "automatic data processing machines portable", tablet: "automatic data processing machines portable", watch: "wrist-watches", smartwatch: "wrist-watches",
  necklace: "jewellery", ring: "jewellery", bracelet: "jewellery", earrings: "jewellery", jewelry: "jewellery", jewellery: "jewellery",
  candle: "candles tapers", soap: "soap", lipstick: "lip make-up preparations", mascara: "eye make-up preparations", serum: "beauty skin care preparations",
  moisturizer: "beauty skin care preparations", lotion: "beauty skin care preparations", cosmetics: "beauty make-up preparations", perfume: "perfumes toilet waters",
  shampoo: "shampoos hair preparations", toy: "toys", toys: "toys", puzzle: "puzzles toys", doll: "dolls", plush: "toys stuffed", game: "games",
  mug: "tableware ceramic", cup: "tableware", plate: "tableware", bowl: "tableware", glass: "glassware drinking", bottle: "bottles", tumbler: "drinking glasses",
  lamp: "lamps luminaires lighting", light: "luminaires lighting", chandelier: "luminaires chandeliers", bulb: "lamps light-emitting diode",
  sofa: "seats upholstered", chair: "seats", table: "furniture", desk: "furniture office", bed: "furniture bedroom", shelf: "furniture", cabinet: "furniture",
  pillow: "cushions pillows", blanket: "blankets travelling rugs", towel: "toilet linen kitchen linen terry", sheet: "bed linen", rug: "carpets floor coverings",
  bike: "bicycles", bicycle: "bicycles", helmet: "headgear safety", ball: "balls", yoga: "gymnastics exercise", dumbbell: "exercise gymnastics",
  guitar: "guitars string musical instruments", piano: "pianos keyboard", drum: "percussion musical instruments", violin: "string musical instruments",
  leash: "saddlery harness animals", collar: "saddlery harness animals", dog: "animals", cat: "animals", pet: "animals",
  knife: "knives blades", pan: "cooking utensils", pot: "cooking utensils", kettle: "kettles", blender: "food grinders mixers domestic",
  screw: "screws bolts", bolt: "screws bolts", nut: "nuts", washer: "washers", valve: "taps cocks valves", pump: "pumps", battery: "accumulators batteries",
  solar: "photovoltaic cells", panel: "panels", hat: "hats headgear", cap: "headgear", scarf: "shawls scarves", sock: "socks hosiery", socks: "socks hosiery",
  glove: "gloves", gloves: "gloves", sunglasses: "sunglasses spectacles", belt: "belts", tire: "tyres", tyre: "tyres", brake: "brakes vehicles",
  // Furniture and home.
  couch: "seats upholstered", sectional: "seats upholstered", ottoman: "seats upholstered", stool: "seats", bench: "seats", armchair: "seats upholstered",
  dresser: "furniture wooden bedroom", wardrobe: "furniture wooden bedroom", nightstand: "furniture wooden bedroom", bookcase: "furniture wooden", bookshelf: "furniture wooden",
  mattress: "mattresses supports", cushion: "cushions", curtain: "curtains drapes", duvet: "quilts eiderdowns", quilt: "quilts", frame: "frames photographs",
  vase: "glassware decoration ornamental", ornament: "ornamental articles decoration", figurine: "statuettes ornamental articles", mirror: "glass mirrors",
  // Kitchen and table.
  spatula: "kitchenware household", utensil: "kitchenware household", cutlery: "spoons forks ladles", fork: "forks", spoon: "spoons", whisk: "kitchenware household",
  chopstick: "tableware kitchenware wood", skillet: "cooking utensils", cookware: "cooking utensils", bakeware: "kitchenware household", tray: "trays",
  container: "boxes containers household", thermos: "vacuum flasks", flask: "vacuum flasks", jar: "jars containers", carafe: "glassware", decanter: "glassware", teapot: "tableware",
  // Lighting and electronics.
  lantern: "lamps lighting fittings", sconce: "lamps lighting fittings wall", flashlight: "portable electric lamps torches", led: "light-emitting diode",
  monitor: "monitors display", keyboard: "input units keyboards", mouse: "input units", router: "apparatus transmission reception data", camera: "cameras digital",
  drone: "unmanned aircraft", microphone: "microphones", adapter: "static converters", powerbank: "accumulators lithium-ion", amplifier: "audio-frequency electric amplifiers",
  // Toys, games, festive.
  lego: "construction sets toys", blocks: "construction toys", figure: "toys", kite: "toys", craft: "toys sets", costume: "festive carnival articles",
  halloween: "festive carnival articles", christmas: "festive christmas articles", stuffed: "toys stuffed", playset: "toys",
  // Sport and outdoor.
  racket: "rackets tennis badminton", golf: "golf clubs equipment", fishing: "fishing rods reels tackle", treadmill: "exercise gymnastics",
  skateboard: "sports equipment", tent: "tents", ski: "skis snow-ski equipment", kayak: "boats canoes", scooter: "scooters wheeled toys",
  // Musical instruments.
  ukulele: "string musical instruments", harmonica: "wind musical instruments", flute: "wind musical instruments", trumpet: "brass-wind instruments",
  saxophone: "wind musical instruments", cymbal: "percussion musical instruments", pedal: "parts accessories musical instruments",
  // Beauty and personal care.
  nail: "manicure pedicure preparations", sunscreen: "sunscreen suntan preparations", deodorant: "deodorants", toothpaste: "dentifrices oral hygiene",
  blush: "make-up preparations", eyeliner: "eye make-up preparations", balm: "skin care preparations", conditioner: "hair preparations", cream: "skin care preparations",
  // Medical.
  bandage: "wadding gauze bandages", thermometer: "thermometers", wheelchair: "carriages disabled persons", prosthesis: "artificial parts body",
  // Vehicle parts.
  bumper: "bumpers motor vehicles parts", wiper: "windscreen wipers", headlight: "lighting signalling equipment motor vehicles", muffler: "silencers exhaust motor vehicles",
  radiator: "radiators motor vehicles", gasket: "gaskets joints",
  // Jewellery, watches, bags.
  pendant: "jewellery", charm: "jewellery", brooch: "jewellery", anklet: "jewellery", strap: "watch straps bands",
  duffel: "travelling bags", pouch: "cases containers", cooler: "insulated food beverage bags", clutch: "handbags", crossbody: "handbags", briefcase: "briefcases",
  // Apparel.
  blouse: "blouses shirts", shirt: "shirts", polo: "shirts knitted", pajama: "pyjamas nightdresses", pyjama: "pyjamas", swimsuit: "swimwear", bikini: "swimwear",
  bra: "brassieres", underwear: "briefs underpants", vest: "waistcoats", shorts: "shorts", pants: "trousers", onesie: "babies garments", romper: "babies garments",
  beanie: "hats knitted", apron: "aprons", hosiery: "hosiery", tights: "tights hosiery",
};

const STOP = new Set("the a an and or of for with in on to by from other than not whether its their this that as is are be at incl including excl kind kinds used new classification ruling set sets pcs pc piece pieces".split(" "));

/** American spellings merchants and CBP use, mapped to the nomenclature's British ones. */
const SPELLING: Readonly<Record<string, string>> = {
  aluminum: "aluminium", jewelry: "jewellery", color: "colour", colors: "colours", fiber: "fibre", fibers: "fibres", tire: "tyre", tires: "tyres",
  catalog: "catalogue", gray: "grey", molded: "moulded", mold: "mould", odor: "odour", centimeter: "centimetre", liter: "litre", meter: "metre",
  theater: "theatre", pajamas: "pyjamas", vapor: "vapour", sulfur: "sulphur", aluminium: "aluminium", fiberboard: "fibreboard", fiberglass: "fibreglass",
};

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/t-shirt/g, "tshirt").replace(/[’']s\b/g, "").split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(stem(SPELLING[raw] ?? raw));
  }
  return out;
}

/**
 * A light English stemmer: enough to meet "shoes"/"shoe", "knitted"/"knit", "bags"/"bag",
 * "cooking"/"cook", "shades"/"shade". Both the nomenclature and the product go through it, so a
 * stem only has to be consistent, not a word.
 */
export function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith("ies")) s = `${s.slice(0, -3)}y`;
  else if (s.length > 4 && /(sh|ch|x|ss|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith("s") && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith("ing")) s = undouble(s.slice(0, -3));
  else if (s.length > 4 && s.endsWith("ed") && !s.endsWith("eed")) s = undouble(s.slice(0, -2));
  if (s.length > 4 && s.endsWith("e")) s = s.slice(0, -1);
  return s;
}

const undouble = (s: string) => (/([^aeioulsz])\1$/.test(s) ? s.slice(0, -1) : s);

function expand(text: string): string[] {
  const words = text.toLowerCase().replace(/t-shirt/g, "tshirt").split(/[^a-z0-9]+/);
  const extra = words.map((w) => SYNONYMS[w] ?? SYNONYMS[w.replace(/s$/, "")] ?? "").join(" ");
  return [...tokens(text), ...tokens(extra)];
}

/**
 * Weights of the ranking, chosen on the training rows only: leave-one-out over the CBP training
 * rulings and leave-one-brand-out over the parcel set's training rows (see docs/decisions/015 and
 * 047). Each part is normalised to its best candidate before weighting.
 */
export interface ClassifierWeights {
  /** The heading's own BM25 score (heading text plus every line beneath it). */
  readonly heading: number;
  /** Residual ("other", "n.e.c.") subheadings of a heading the evidence points to, as its fallback. */
  readonly residual: number;
  /** Labelled search terms (HMRC's) nearest to the product. */
  readonly terms: number;
  /** Products the merchant confirmed nearest to this one. */
  readonly confirmed: number;
  /** Customs rulings (product descriptions with the subheading an authority assigned) nearest to the product. */
  readonly rulings: number;
  /** How many labelled terms / confirmed products vote. */
  readonly k: number;
}

export const DEFAULT_WEIGHTS: ClassifierWeights = { heading: 0.75, residual: 0.15, terms: 1, confirmed: 2, rulings: 1, k: 3 };

/** A labelled search term: words a trader types and the HS codes (2, 4 or 6 digits) they belong to. */
export interface LabelledTerm {
  readonly term: string;
  readonly codes: readonly string[];
}

interface Doc {
  readonly code: string;
  /** Position in its index, for score arrays. */
  readonly i: number;
  readonly tf: Map<string, number>;
  readonly length: number;
}

interface Posting {
  readonly doc: number;
  /** The term's BM25 weight in this document (IDF times saturated, length-normalised frequency). */
  readonly weight: number;
}

/** A BM25 index whose term weights are computed once, when it is built. */
interface Bm25 {
  readonly docs: readonly Doc[];
  readonly postings: ReadonlyMap<string, readonly Posting[]>;
  readonly count: number;
  idf(t: string): number;
  /**
   * Score buffer reused by every query (classification is synchronous), cleared through the
   * documents the previous query touched: allocating it per query was a tenth of the CPU time.
   */
  readonly scratch: { scores: Float64Array; touched: number[] };
}

const K1 = 1.2;
const B = 0.75;

function bm25Index(docs: readonly Doc[]): Bm25 {
  const df = new Map<string, number>();
  let total = 0;
  for (const d of docs) {
    total += d.length;
    for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  const avg = total / n;
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  const postings = new Map<string, Posting[]>();
  for (const d of docs) {
    const norm = K1 * (1 - B + (B * d.length) / avg);
    for (const [t, f] of d.tf) (postings.get(t) ?? postings.set(t, []).get(t)!).push({ doc: d.i, weight: (idf(t) * f * (K1 + 1)) / (f + norm) });
  }
  return { docs, postings, count: n, idf, scratch: { scores: new Float64Array(n), touched: [] } };
}

function docOf(code: string, i: number, toks: readonly string[]): Doc {
  const tf = new Map<string, number>();
  for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { code, i, tf, length: toks.length };
}

/** Scores of every document for the query, and the best one (at least a tiny positive number). */
function bm25(index: Bm25, query: readonly string[]): { scores: Float64Array; touched: readonly number[]; top: number } {
  const { scores, touched } = index.scratch;
  for (const i of touched) scores[i] = 0;
  touched.length = 0;
  let top = 0;
  for (const t of query) {
    for (const p of index.postings.get(t) ?? []) {
      if (scores[p.doc] === 0) touched.push(p.doc);
      const s = scores[p.doc]! + p.weight;
      scores[p.doc] = s;
      if (s > top) top = s;
    }
  }
  return { scores, touched, top: top || 1 };
}

/**
 * Ranks HS 2022 subheadings for a product from four kinds of evidence, each normalised to its best
 * candidate: BM25 over the 5,600 subheadings (each document the subheading's text with its
 * heading and chapter text and the national lines beneath it); BM25 over the 1,229 headings, so a
 * product that names its heading but not its subheading lands on the heading's residual line; the
 * nearest labelled search terms (HMRC's), which vote for the chapters, headings or subheadings they
 * name; and the nearest products the merchant confirmed, which vote for their codes.
 */
export interface HsClassifier {
  classify(product: ProductText, limit?: number): Classification;
  /** Learns from a merchant-confirmed code: the product's words now point to it. */
  confirm(product: ProductText, code: string): void;
}

/**
 * Words of the national tariff lines under each subheading (6 digits -> text), e.g. the US HTS
 * 8- and 10-digit descriptions. The HS labels often say only "Other"; national lines name goods.
 */
export type NationalText = ReadonlyMap<string, string>;

/** What the classifier knows besides the nomenclature. */
export interface ClassifierData {
  readonly national?: NationalText;
  readonly terms?: readonly LabelledTerm[];
  /** Rulings' product descriptions (as `term`) with the HS 2022 subheadings assigned to them. */
  readonly rulings?: readonly LabelledTerm[];
  readonly weights?: ClassifierWeights;
}

interface Example {
  readonly targets: readonly string[];
  readonly terms: ReadonlySet<string>;
  readonly norm: number;
}

/** Examples (labelled terms or confirmed products) found by their words, compared by cosine. */
class Neighbours {
  private readonly examples: Example[] = [];
  private readonly byTerm = new Map<string, number[]>();
  /** Dot products of the current query with each example, reused (and cleared) from query to query. */
  private dot = new Float64Array(64);
  constructor(private readonly idf: (t: string) => number) {}

  add(words: readonly string[], targets: readonly string[]): Example {
    const terms = new Set(words);
    const e: Example = { targets, terms, norm: Math.sqrt([...terms].reduce((a, t) => a + this.idf(t) ** 2, 0)) || 1 };
    const id = this.examples.push(e) - 1;
    if (id >= this.dot.length) {
      const grown = new Float64Array(this.dot.length * 2);
      grown.set(this.dot);
      this.dot = grown;
    }
    for (const t of terms) (this.byTerm.get(t) ?? this.byTerm.set(t, []).get(t)!).push(id);
    return e;
  }

  /** The k examples most similar to the query (cosine), best first; ties keep the first one met. */
  private nearest(query: readonly string[], k: number): { e: Example; sim: number }[] {
    const dot = this.dot;
    const touched: number[] = [];
    let qNorm = 0;
    for (const t of query) {
      const w = this.idf(t) ** 2;
      qNorm += w;
      for (const id of this.byTerm.get(t) ?? []) {
        if (dot[id] === 0) touched.push(id);
        dot[id] = dot[id]! + w;
      }
    }
    qNorm = Math.sqrt(qNorm) || 1;
    const near: { e: Example; sim: number }[] = [];
    for (const id of touched) {
      const e = this.examples[id]!;
      const sim = dot[id]! / (qNorm * e.norm);
      dot[id] = 0;
      if (near.length === k && sim <= near[k - 1]!.sim) continue;
      let i = near.length;
      while (i > 0 && near[i - 1]!.sim < sim) i--;
      near.splice(i, 0, { e, sim });
      if (near.length > k) near.pop();
    }
    return near;
  }

  /**
   * The k nearest examples' votes, at each level a target names (2, 4 or 6 digits), scaled by the
   * nearest one's similarity so that a far neighbour barely counts.
   */
  vote(query: readonly string[], k: number): { votes: Map<string, number>; voters: Set<string> } {
    const near = this.nearest(query, k);
    const votes = new Map<string, number>();
    const voters = new Set<string>();
    const total = near.reduce((a, n) => a + n.sim, 0);
    const scale = (near[0]?.sim ?? 0) / (total || 1);
    for (const { e, sim } of near) {
      for (const code of e.targets) {
        voters.add(code);
        // A subheading's vote also counts for its heading and chapter; a heading's for its chapter.
        for (const level of [2, 4, 6]) {
          if (code.length < level) continue;
          const key = code.slice(0, level);
          votes.set(key, (votes.get(key) ?? 0) + (scale * sim) / e.targets.length);
        }
      }
    }
    return { votes, voters };
  }
}

interface Index {
  readonly subheadings: Bm25;
  readonly headings: Bm25;
  readonly subOrdinal: ReadonlyMap<string, number>;
  /** Residual subheadings of each chapter. */
  readonly byChapter: ReadonlyMap<string, readonly string[]>;
  /** Per subheading (by position): its code, heading, chapter, heading's position, residual or not. */
  readonly subs: readonly { code: string; heading: string; chapter: string; headingAt: number; isResidual: boolean }[];
  readonly entries: ReadonlyMap<string, HsEntry>;
  readonly byHeading: ReadonlyMap<string, readonly string[]>;
  readonly idf: (t: string) => number;
  readonly terms: Neighbours;
  readonly rulings: Neighbours;
  readonly termsOf: (p: ProductText) => string[];
}

// The index depends only on the nomenclature and the reference data, so it is built once per table
// and shared by every shop's classifier; what a shop confirmed lives in its own classifier.
type Labelled = readonly LabelledTerm[] | undefined;
const indexes = new WeakMap<Nomenclature, Map<NationalText | undefined, Map<Labelled, Map<Labelled, Index>>>>();

function indexOf(nomenclature: Nomenclature, national?: NationalText, terms?: Labelled, rulings?: Labelled): Index {
  const byNational = indexes.get(nomenclature) ?? indexes.set(nomenclature, new Map()).get(nomenclature)!;
  const byTerms = byNational.get(national) ?? byNational.set(national, new Map()).get(national)!;
  const byRulings = byTerms.get(terms) ?? byTerms.set(terms, new Map()).get(terms)!;
  let index = byRulings.get(rulings);
  if (!index) byRulings.set(rulings, (index = buildIndex(nomenclature, national, terms, rulings)));
  return index;
}

const RESIDUAL = /\bn\.e\.c\b|\bother\b|\bnot elsewhere\b/i;

const textOf = (p: ProductText) => [p.title, p.title, p.productType ?? "", p.material ?? "", (p.tags ?? []).join(" "), (p.description ?? "").slice(0, 300)].join(" ");

function buildIndex(nomenclature: Nomenclature, national?: NationalText, terms: readonly LabelledTerm[] = [], rulings: readonly LabelledTerm[] = []): Index {
  const subDocs: Doc[] = [];
  const headingToks = new Map<string, string[]>();
  const byHeading = new Map<string, string[]>();
  const residual = new Set<string>();
  for (const e of nomenclature.subheadings) {
    const h = e.code.slice(0, 4);
    const heading = tokens(nomenclature.entries.get(h)?.description ?? "");
    const chapter = tokens(nomenclature.entries.get(e.code.slice(0, 2))?.description ?? "");
    const own = tokens(e.description);
    const lines = tokens(national?.get(e.code) ?? "");
    // The subheading's own words count double: they are what tells siblings apart.
    subDocs.push(docOf(e.code, subDocs.length, [...own, ...own, ...heading, ...chapter, ...lines]));
    if (!headingToks.has(h)) headingToks.set(h, [...heading, ...heading, ...chapter]);
    headingToks.get(h)!.push(...own, ...lines);
    (byHeading.get(h) ?? byHeading.set(h, []).get(h)!).push(e.code);
    // "Footwear; n.e.c. in chapter 64": the part after the heading's name says what is left over.
    if (RESIDUAL.test(e.description.split(";").slice(1).join(";") || e.description)) residual.add(e.code);
  }
  const subheadings = bm25Index(subDocs);
  const headings = bm25Index([...headingToks].map(([h, toks], i) => docOf(h, i, toks)));
  const headingOrdinal = new Map(headings.docs.map((d) => [d.code, d.i]));
  const vocabulary = new Set(subheadings.postings.keys());
  // Word weights for similarity between products: the nomenclature's IDF, and a high one for words
  // it lacks (brand or model names that the merchant's own products share).
  const idf = (t: string) => (vocabulary.has(t) ? subheadings.idf(t) : Math.log(1 + subheadings.count));
  // A word's split depends only on the vocabulary, so it is worked out once per word (bounded memo).
  const splits = new Map<string, string[]>();
  const splitOf = (t: string) => {
    let parts = splits.get(t);
    if (!parts) {
      if (splits.size > 50_000) splits.clear();
      splits.set(t, (parts = split(t, vocabulary)));
    }
    return parts;
  };
  const termsOf = (p: ProductText) => [...new Set(expand(textOf(p)).flatMap(splitOf))];
  const labelled = new Neighbours(idf);
  for (const t of terms) labelled.add(termsOf({ title: t.term }), t.codes);
  const ruled = new Neighbours(idf);
  for (const r of rulings) ruled.add(termsOf({ title: r.term }), r.codes);
  return { subheadings, headings, entries: nomenclature.entries, byHeading, idf, terms: labelled, rulings: ruled, termsOf,
    subOrdinal: new Map(subDocs.map((d) => [d.code, d.i])),
    byChapter: [...residual].reduce((m, c) => m.set(c.slice(0, 2), [...(m.get(c.slice(0, 2)) ?? []), c]), new Map<string, string[]>()),
    subs: subDocs.map((d) => ({ code: d.code, heading: d.code.slice(0, 4), chapter: d.code.slice(0, 2), headingAt: headingOrdinal.get(d.code.slice(0, 4))!, isResidual: residual.has(d.code) })),
  };
}

/** A word the nomenclature lacks may be two it has ("lampshade", "toothbrush"). */
function split(t: string, vocabulary: ReadonlySet<string>): string[] {
  if (vocabulary.has(t) || t.length < 7) return [t];
  for (let i = 3; i <= t.length - 3; i++) {
    const a = vocabulary.has(t.slice(0, i)) ? t.slice(0, i) : stem(t.slice(0, i));
    const b = vocabulary.has(t.slice(i)) ? t.slice(i) : stem(t.slice(i));
    if (vocabulary.has(a) && vocabulary.has(b)) return [a, b];
  }
  return [t];
}

/**
 * Lexical matches below this share of the best one are not ranked on their own: they can win only
 * through their heading or the examples' votes, which bring in their heading's subheadings anyway.
 */
const LEXICAL_FLOOR = 0.2;

/** The n best entries, best first (ties by code), without sorting everything. */
function topN(entries: Iterable<readonly [string, number]>, n: number): [string, number][] {
  const out: [string, number][] = [];
  for (const [code, s] of entries) {
    if (out.length === n && (s < out[n - 1]![1] || (s === out[n - 1]![1] && code > out[n - 1]![0]))) continue;
    let i = out.length;
    while (i > 0 && (out[i - 1]![1] < s || (out[i - 1]![1] === s && out[i - 1]![0] > code))) i--;
    out.splice(i, 0, [code, s]);
    if (out.length > n) out.pop();
  }
  return out;
}

export function createClassifier(nomenclature: Nomenclature, data: ClassifierData = {}): HsClassifier {
  const index = indexOf(nomenclature, data.national, data.terms, data.rulings);
  const w = data.weights ?? DEFAULT_WEIGHTS;
  const { entries, byHeading, byChapter, subOrdinal, subs } = index;
  const headDocs = index.headings.docs;
  const confirmed = new Neighbours(index.idf);

  return {
    classify(product, limit = 3) {
      const query = index.termsOf(product);
      const sub = bm25(index.subheadings, query);
      const head = bm25(index.headings, query);
      const labelled = index.terms.vote(query, w.k);
      const ruled = index.rulings.vote(query, w.k);
      const mine = confirmed.vote(query, w.k);

      // Candidates: the best lexical matches, every subheading of the headings the evidence points
      // to (so their residual lines can win), and whatever the examples voted for.
      const floor = sub.top * LEXICAL_FLOOR;
      const candidates = new Set(sub.touched.filter((i) => sub.scores[i]! >= floor));
      const headings = topN(head.touched.map((i) => [headDocs[i]!.code, head.scores[i]!] as const), 3).map(([h]) => h);
      const chapters: string[] = [];
      for (const { voters } of [labelled, ruled, mine]) for (const code of voters) (code.length >= 4 ? headings : chapters).push(code.slice(0, 4));
      for (const h of headings) for (const c of byHeading.get(h) ?? []) candidates.add(subOrdinal.get(c)!);
      // A vote for a whole chapter ("abaya": chapters 61 or 62) brings in the chapter's residual lines.
      for (const ch of chapters) for (const c of byChapter.get(ch) ?? []) candidates.add(subOrdinal.get(c)!);

      // The three kinds of votes, weighted and summed once per code, rather than per candidate.
      const votes = new Map<string, number>();
      for (const [source, weight] of [[labelled, w.terms], [ruled, w.rulings], [mine, w.confirmed]] as const) {
        for (const [key, v] of source.votes) votes.set(key, (votes.get(key) ?? 0) + weight * v);
      }
      const vote = (key: string) => votes.get(key) ?? 0;
      const final = new Map<string, number>();
      for (const i of candidates) {
        const { code, heading, chapter, headingAt, isResidual } = subs[i]!;
        const headingPart = w.heading * (head.scores[headingAt]! / head.top);
        let s = sub.scores[i]! / sub.top + headingPart + vote(chapter) + vote(heading) + vote(code);
        if (isResidual) s += w.residual * (headingPart + vote(heading));
        final.set(code, s);
      }
      const ranked = topN(final, Math.max(limit, 1));
      const top = ranked.reduce((a, [, s]) => a + s, 0);
      const suggestions = ranked.map(([code, s]) => ({
        code, description: entries.get(code)!.description, confidence: top > 0 ? Number((s / top).toFixed(3)) : 0,
        reason: mine.voters.has(code) ? ("confirmed" as const) : ("lexical" as const),
      }));
      return { best: suggestions[0], alternatives: suggestions.slice(1) };
    },
    confirm(product, code) {
      const hs6 = code.replace(/\D/g, "").slice(0, 6);
      const entry = entries.get(hs6);
      if (!entry || entry.level !== 6) throw new Error(`${code} is not an HS 2022 subheading`);
      confirmed.add(index.termsOf(product), [hs6]);
    },
  };
}
