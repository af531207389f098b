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
  theater: "theatre", pajamas: "pyjamas", vapor: "vapour", sulfur: "sulphur", aluminium: "aluminium",
};

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/t-shirt/g, "tshirt").replace(/[’']s\b/g, "").split(/[^a-z0-9]+/)) {
    if (raw.length < 2 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    out.push(stem(SPELLING[raw] ?? raw));
  }
  return out;
}

/** A light English stemmer: enough to meet "shoes"/"shoe", "knitted"/"knit", "bags"/"bag". */
export function stem(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("es") && /(sh|ch|x|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

function expand(text: string): string[] {
  const words = text.toLowerCase().replace(/t-shirt/g, "tshirt").split(/[^a-z0-9]+/);
  const extra = words.map((w) => SYNONYMS[w] ?? SYNONYMS[w.replace(/s$/, "")] ?? "").join(" ");
  return [...tokens(text), ...tokens(extra)];
}

interface Doc {
  readonly entry: HsEntry;
  readonly tf: Map<string, number>;
  readonly length: number;
}

/**
 * BM25 over the 5,600 HS 2022 subheadings, each document being the subheading's text with its
 * heading and chapter text, plus codes the merchant has confirmed (their words join the
 * subheading's document and a direct match on a confirmed product wins outright).
 */
export interface HsClassifier {
  classify(product: ProductText, limit?: number): Classification;
  /** Learns from a merchant-confirmed code: the product's words now point to it. */
  confirm(product: ProductText, code: string): void;
}

const K1 = 1.2;
const B = 0.75;

interface Index {
  readonly docs: readonly Doc[];
  readonly byCode: ReadonlyMap<string, Doc>;
  readonly postings: ReadonlyMap<string, Doc[]>;
  readonly avg: number;
  idf(t: string): number;
}

// The BM25 index depends only on the nomenclature, so it is built once per table and shared by
// every shop's classifier; what a shop confirmed lives in its own classifier.
const indexes = new WeakMap<Nomenclature, Map<NationalText | undefined, Index>>();

/**
 * Words of the national tariff lines under each subheading (6 digits -> text), e.g. the US HTS
 * 8- and 10-digit descriptions. The HS labels often say only "Other"; national lines name goods.
 */
export type NationalText = ReadonlyMap<string, string>;

function indexOf(nomenclature: Nomenclature, national?: NationalText): Index {
  const byText = indexes.get(nomenclature) ?? indexes.set(nomenclature, new Map()).get(nomenclature)!;
  let index = byText.get(national);
  if (!index) byText.set(national, (index = buildIndex(nomenclature, national)));
  return index;
}

function buildIndex(nomenclature: Nomenclature, national?: NationalText): Index {
  const docs: Doc[] = [];
  const byCode = new Map<string, Doc>();
  const df = new Map<string, number>();
  let totalLength = 0;
  for (const e of nomenclature.subheadings) {
    const heading = nomenclature.entries.get(e.code.slice(0, 4));
    const chapter = nomenclature.entries.get(e.code.slice(0, 2));
    // The subheading's own words count double: they are what tells siblings apart.
    const toks = [...tokens(e.description), ...tokens(e.description), ...tokens(heading?.description ?? ""), ...tokens(chapter?.description ?? ""), ...tokens(national?.get(e.code) ?? "")];
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const doc = { entry: e, tf, length: toks.length };
    docs.push(doc);
    byCode.set(e.code, doc);
    totalLength += toks.length;
  }
  const postings = new Map<string, Doc[]>();
  for (const d of docs) for (const t of d.tf.keys()) (postings.get(t) ?? postings.set(t, []).get(t)!).push(d);
  const avg = totalLength / docs.length;
  const idf = (t: string) => Math.log(1 + (docs.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  return { docs, byCode, postings, avg, idf };
}

export function createClassifier(nomenclature: Nomenclature, national?: NationalText): HsClassifier {
  const { byCode, postings, avg, idf } = indexOf(nomenclature, national);
  const confirmed = new Map<string, Map<string, number>>(); // token -> code -> count

  const textOf = (p: ProductText) => [p.title, p.title, p.productType ?? "", p.material ?? "", (p.tags ?? []).join(" "), (p.description ?? "").slice(0, 300)].join(" ");

  return {
    classify(product, limit = 3) {
      const query = expand(textOf(product));
      const scores = new Map<string, number>();
      const seen = new Set<string>();
      for (const t of query) {
        if (seen.has(t)) continue;
        seen.add(t);
        const w = idf(t);
        for (const d of postings.get(t) ?? []) {
          const f = d.tf.get(t)!;
          const s = (w * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
          scores.set(d.entry.code, (scores.get(d.entry.code) ?? 0) + s);
        }
        // Confirmed products vote for their codes, weighted by how specific the word is.
        for (const [code, n] of confirmed.get(t) ?? []) scores.set(code, (scores.get(code) ?? 0) + w * Math.min(n, 3) * 1.5);
      }
      const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.max(limit, 1));
      const top = ranked.reduce((a, [, s]) => a + s, 0);
      const suggestions = ranked.map(([code, s]) => ({
        code, description: byCode.get(code)!.entry.description, confidence: top > 0 ? Number((s / top).toFixed(3)) : 0,
        reason: [...seen].some((t) => confirmed.get(t)?.has(code)) ? ("confirmed" as const) : ("lexical" as const),
      }));
      return { best: suggestions[0], alternatives: suggestions.slice(1) };
    },
    confirm(product, code) {
      const hs6 = code.replace(/\D/g, "").slice(0, 6);
      if (!byCode.has(hs6)) throw new Error(`${code} is not an HS 2022 subheading`);
      for (const t of new Set(expand(textOf(product)))) {
        const m = confirmed.get(t) ?? confirmed.set(t, new Map()).get(t)!;
        m.set(hs6, (m.get(hs6) ?? 0) + 1);
      }
    },
  };
}
