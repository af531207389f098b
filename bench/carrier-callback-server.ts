/**
 * The server side of bench/carrier-callback.bench.ts, in its own process so its configuration
 * (app secret, database) cannot leak into the other benchmarks: a temporary SQLite database, the
 * demo shop set up as the demo sets it up (emulator catalogue's customs data, sample rate cards,
 * DDP to GB), the in-process quote rates measured, then the CarrierService route served over
 * real HTTP. Prints one JSON line with the URLs, the request body and the in-process figures.
 */
import { benchCartProducts, benchDatabase, BENCH_APP_URL, cartQuantity, serveRoute } from "./support/route-server";

const db = await benchDatabase("rates");
const { startEmulator } = await import("../emulator/server");
const { DEMO_SHOP } = await import("../emulator/seed");
const { setUpCarrierShop, TEST_CARRIER_SETTINGS } = await import("../tests/support/carrier-shop");
const { carrierCallbackUrl } = await import("../app/integrations/shopify/carrier-service.server");
const { action } = await import("../app/routes/carrier.rates");
const { createShippingQuoter, loadShopQuoteData, quoteDependencies } = await import("../app/services/shipping-quote.server");
const { createRater } = await import("../app/engine/carriers/select");
const { money } = await import("../app/engine/money");

const emulator = await startEmulator({ seed: { now: new Date("2026-11-20T12:00:00Z"), months: 1 } });
await setUpCarrierShop(db, DEMO_SHOP, emulator.url, { ...TEST_CARRIER_SETTINGS, ddpMarkets: ["GB"] });
await emulator.close();

// A 5-item cart of the demo catalogue from the Venlo warehouse to London, in the documented request format.
const cart = (await benchCartProducts(db, DEMO_SHOP)).map((p, i) => ({
  name: p.title, sku: p.sku ?? "", quantity: cartQuantity(i), grams: p.grams ?? 300, price: [12800, 14500, 9900, 2800, 11800][i]!, vendor: "Borderless Demo Store",
  requires_shipping: true, taxable: true, fulfillment_service: "manual", properties: null, product_id: Number(p.productId), variant_id: Number(p.variantId),
}));
const address = { province: null, name: null, address2: "", address3: null, phone: null, fax: null, email: null, address_type: null, company_name: null };
const body = JSON.stringify({ rate: {
  origin: { ...address, country: "NL", postal_code: "5928 LA", city: "Venlo", address1: "Columbusweg 11", company_name: "Borderless Demo Store" },
  destination: { ...address, country: "GB", postal_code: "EC1A 1BB", city: "London", name: "Amelia Taylor", address1: "1 St Martin's Le Grand" },
  items: cart, currency: "EUR", locale: "en",
} });

// In process: the full quote (cards, windows, customs per service, ranking) and the rater alone.
const data = await loadShopQuoteData(db, DEMO_SHOP, process.env.SHOPIFY_API_SECRET!);
const quoter = createShippingQuoter(data, quoteDependencies());
const request = { currency: "EUR", origin: { country: "NL", postalCode: "5928 LA" }, destination: { country: "GB", postalCode: "EC1A 1BB" }, items: cart.map((c) => ({ variantId: c.variant_id, sku: c.sku, grams: c.grams, price: c.price, quantity: c.quantity })) };
const first = await quoter.quote(request);
// Per second of wall-clock time, and CPU microseconds each (what a shared machine does not distort).
const perSecond = async (fn: () => unknown, ms = 1500) => {
  // A second of warm-up first: the JIT and the rater's window cache settle, as they have in a running server.
  const warm = performance.now() + 1000;
  while (performance.now() < warm) await fn();
  const cpu = process.cpuUsage();
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) { for (let k = 0; k < 20; k++) await fn(); n += 20; }
  const used = process.cpuUsage(cpu);
  return { perS: Math.round((n / ms) * 1000), cpuUs: Math.round((used.user + used.system) / n) };
};
// Each quote a different cart (a cent more on the first line), so the landed-cost cache never answers;
// the same cart again (an address being edited, the checkout extension after the rate) is the second figure.
let bump = 0;
const quotesPerS = await perSecond(() => quoter.quote({ ...request, items: request.items.map((it, i) => (i === 0 ? { ...it, price: it.price + ++bump } : it)) }));
const repeatPerS = await perSecond(() => quoter.quote(request));
const venlo = TEST_CARRIER_SETTINGS.warehouses.find((w) => w.country === "NL")!;
const rater = createRater({ cards: data.cards, warehouses: [venlo], now: () => new Date(), rules: { ddpMarkets: ["GB"] } });
const items = cart.map((c) => ({ grams: c.grams, quantity: c.quantity, price: money(c.price, "EUR") }));
const raterPerS = await perSecond(() => rater.quote({ warehouseId: venlo.id, destination: { country: "GB", postcode: "EC1A 1BB" }, items, currency: "EUR" }));

const served = await serveRoute((req) => action({ request: req, params: {}, context: {} }), '{"rates":[]}');
const signed = new URL(carrierCallbackUrl(BENCH_APP_URL, DEMO_SHOP, process.env.SHOPIFY_API_SECRET!));
console.log(JSON.stringify({
  url: `${served.origin}${signed.pathname}${signed.search}`, origin: served.origin, echo: served.echo, body,
  options: first.options.length, considered: first.options.length + first.excluded.length, carriers: new Set(first.options.map((o) => o.carrierId)).size, incoterm: first.incoterm,
  quotes_per_s: quotesPerS.perS, quote_cpu_us: quotesPerS.cpuUs, repeat_cart_quotes_per_s: repeatPerS.perS, repeat_cart_quote_cpu_us: repeatPerS.cpuUs,
  rater_quotes_per_s: raterPerS.perS, rater_quote_cpu_us: raterPerS.cpuUs,
}));
