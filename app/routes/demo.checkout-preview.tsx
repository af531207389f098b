import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import de from "../../extensions/checkout-landed-cost/locales/de.json";
import en from "../../extensions/checkout-landed-cost/locales/en.default.json";
import es from "../../extensions/checkout-landed-cost/locales/es.json";
import fr from "../../extensions/checkout-landed-cost/locales/fr.json";
import ja from "../../extensions/checkout-landed-cost/locales/ja.json";
import { describeOrder, describeQuote, type OptionQuote, type OrderLandedCost, type QuoteResponse } from "../../extensions/checkout-landed-cost/src/describe";
import type { QuoteRequestBody } from "../../extensions/checkout-landed-cost/src/quote-client";
import { PREVIEW_CARTS } from "../demo/checkout-preview-carts";
import { DEMO_SHOP } from "../demo/constants";
import { mintSessionToken } from "../demo/session-token.server";
import { env, isDemo } from "../env.server";
import db from "../db.server";
import { loadProductCustoms } from "../services/product-customs.server";

export const meta: MetaFunction = () => [{ title: "Borderless · checkout preview" }];

const LOCALES: Record<string, Record<string, string>> = { en, fr, de, es, ja };
const ENGLISH: Record<string, string> = en;

/**
 * The checkout extension's output for a few seeded carts, outside Shopify's checkout: the page
 * posts each cart to the same /api/checkout-quote with a session token minted like checkout's,
 * and says what the extension says, in the buyer's language and currency. Demo mode only.
 */
export const loader = async (_: LoaderFunctionArgs) => {
  if (!isDemo) throw new Response("Not found", { status: 404 });
  const variants = [...(await loadProductCustoms(db, DEMO_SHOP)).byVariant.values()];
  const carts = PREVIEW_CARTS.map((cart) => {
    const body: QuoteRequestBody = {
      currency: cart.currency,
      destination: { countryCode: cart.destination.countryCode, provinceCode: cart.destination.provinceCode ?? null, zip: cart.destination.zip },
      lines: cart.lines.map((l) => {
        const variant = variants.find((v) => v.title === l.product || v.title.startsWith(`${l.product} - `));
        if (!variant) throw new Response(`The demo shop has no product "${l.product}"`, { status: 500 });
        return { variantId: `gid://shopify/ProductVariant/${variant.variantId}`, quantity: l.quantity, total: l.unit * l.quantity };
      }),
      option: { code: cart.option, title: null, cost: null },
    };
    return { ...cart, body };
  });
  const token = await mintSessionToken({ shop: DEMO_SHOP, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
  return { carts, token, shop: DEMO_SHOP, orders: await previewOrders() };
};

/**
 * Shipped demo orders for the order status block: one with duties paid (DDP), one with duties due
 * (DAP) and one with nothing due, where the demo has them, each with the token its customer's
 * account page would hold (the endpoint answers only that customer).
 */
async function previewOrders() {
  const parcels = await db.shipment.findMany({
    where: { shop: DEMO_SHOP, orderShopifyId: { not: null }, dutiesMinor: { not: null }, incoterm: { in: ["DDP", "DAP"] } },
    select: { orderShopifyId: true, orderName: true, incoterm: true, dutiesMinor: true, buyerLocale: true, destinationCountry: true, deliveredAt: true },
    // Parcels still on their way first: they have a delivery window to restate.
    orderBy: [{ deliveredAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    take: 300,
  });
  const owners = new Map((await db.order.findMany({
    where: { shop: DEMO_SHOP, shopifyId: { in: parcels.map((p) => p.orderShopifyId!) }, customerId: { not: null } },
    select: { shopifyId: true, customerId: true },
  })).map((o) => [o.shopifyId, o.customerId!]));
  const kinds = [
    { id: "ddp", label: "Duties paid with the order (DDP)", fits: (p: (typeof parcels)[number]) => p.incoterm === "DDP" && p.dutiesMinor! > 0 },
    { id: "dap", label: "Duties due on delivery (DAP)", fits: (p: (typeof parcels)[number]) => p.incoterm === "DAP" && p.dutiesMinor! > 0 },
    { id: "nothing-due", label: "Nothing due at the door", fits: (p: (typeof parcels)[number]) => p.dutiesMinor === 0 },
  ];
  const picked = [];
  for (const kind of kinds) {
    const p = parcels.find((x) => kind.fits(x) && owners.has(x.orderShopifyId!));
    if (!p) continue;
    const token = await mintSessionToken({ shop: DEMO_SHOP, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET, subject: owners.get(p.orderShopifyId!)! });
    picked.push({ id: kind.id, label: kind.label, order: p.orderShopifyId!, name: p.orderName ?? p.orderShopifyId!, locale: p.buyerLocale, country: p.destinationCountry, token });
  }
  return picked;
}

type Cart = ReturnType<typeof useLoaderData<typeof loader>>["carts"][number];
type State = { status: "loading" } | { status: "ready"; quote: QuoteResponse & { options: OptionQuote[] } } | { status: "failed"; reason: string };

function translate(locale: string, key: string, values: Record<string, string> = {}): string {
  const table = LOCALES[locale.slice(0, 2)] ?? ENGLISH;
  return (table[key] ?? ENGLISH[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_: string, k: string) => values[k] ?? "");
}

function CartPreview({ cart, token }: { cart: Cart; token: string }) {
  const [state, setState] = useState<State>({ status: "loading" });
  useEffect(() => {
    let live = true;
    fetch("/api/checkout-quote", { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(cart.body) })
      .then(async (r) => (r.ok ? setState({ status: "ready", quote: await r.json() }) : setState({ status: "failed", reason: `${r.status} ${(await r.json()).error ?? ""}` })))
      .catch((e) => live && setState({ status: "failed", reason: String(e) }));
    return () => {
      live = false;
    };
  }, [cart, token]);

  const fmt = (quote: QuoteResponse) => (minor: number) => new Intl.NumberFormat(cart.locale, { style: "currency", currency: quote.currency }).format(minor / 10 ** quote.exponent);
  return (
    <section data-testid={`cart-${cart.id}`} style={card}>
      <h2 style={{ fontSize: 16, margin: "0 0 4px" }}>{cart.label}</h2>
      <div style={{ color: "#616161", fontSize: 13, marginBottom: 12 }}>
        {cart.locale} · {cart.currency} · {cart.lines.map((l) => `${l.quantity} × ${l.product}`).join(", ")}
      </div>
      {state.status === "loading" && <div aria-busy="true" data-testid="skeleton" style={{ height: 48, borderRadius: 8, background: "#eee" }} />}
      {state.status === "failed" && <p style={{ color: "#8e1f0b" }}>The extension shows nothing here (quote failed: {state.reason}).</p>}
      {state.status === "ready" && (
        <ul style={{ listStyle: "none", padding: 0, margin: 0, border: "1px solid #ddd", borderRadius: 8 }}>
          {state.quote.options.map((o) => {
            const selected = o.code === state.quote.selected?.code;
            const money = fmt(state.quote);
            const sentences = selected
              ? describeQuote(state.quote, "checkout", {
                money: (amount) => new Intl.NumberFormat(cart.locale, { style: "currency", currency: state.quote.currency }).format(amount),
                day: (iso) => new Intl.DateTimeFormat(cart.locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`)),
                taxName: (name) => (name === "VAT" || name === "GST" ? translate(cart.locale, `tax.${name}`) : name),
              })
              : [];
            return (
              <li key={o.code} data-selected={selected ? "true" : undefined} style={{ padding: "10px 12px", borderTop: "1px solid #eee", background: selected ? "#f4f8ff" : "#fff" }}>
                <div style={{ display: "flex", gap: 8 }}>
                  <input type="radio" readOnly checked={selected} aria-label={o.title} />
                  <span style={{ flex: 1 }}>{o.title}</span>
                  <strong>{money(o.price)}</strong>
                </div>
                {selected && (
                  <div data-testid="extension-output" style={{ margin: "6px 0 0 24px", fontSize: 13 }}>
                    {sentences.map((s, i) => (
                      <div key={s.key} style={{ color: i === 0 ? "#303030" : "#616161" }}>{translate(cart.locale, s.key, s.values)}</div>
                    ))}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type PreviewOrder = ReturnType<typeof useLoaderData<typeof loader>>["orders"][number];
type OrderState = { status: "loading" } | { status: "ready"; figures: OrderLandedCost } | { status: "failed"; reason: string };

/** The order status block's output for one shipped order: what it restates, from the figures saved for the order. */
function OrderPreview({ order }: { order: PreviewOrder }) {
  const [state, setState] = useState<OrderState>({ status: "loading" });
  useEffect(() => {
    let live = true;
    fetch(`/api/order-landed-cost?order=${encodeURIComponent(order.order)}`, { headers: { Authorization: `Bearer ${order.token}` } })
      .then(async (r) => live && (r.ok ? setState({ status: "ready", figures: await r.json() }) : setState({ status: "failed", reason: `${r.status} ${(await r.json()).error ?? ""}` })))
      .catch((e) => live && setState({ status: "failed", reason: String(e) }));
    return () => {
      live = false;
    };
  }, [order]);
  const sentences = state.status === "ready"
    ? describeOrder(state.figures, {
      money: (amount, currency) => new Intl.NumberFormat(order.locale, { style: "currency", currency }).format(amount),
      day: (iso) => new Intl.DateTimeFormat(order.locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`)),
    })
    : [];
  return (
    <section data-testid={`order-${order.id}`} style={card}>
      <h2 style={{ fontSize: 16, margin: "0 0 4px" }}>{order.label}</h2>
      <div style={{ color: "#616161", fontSize: 13, marginBottom: 12 }}>Order {order.name} · {order.locale} · to {order.country}</div>
      {state.status === "loading" && <div aria-busy="true" data-testid="skeleton" style={{ height: 48, borderRadius: 8, background: "#eee" }} />}
      {state.status === "failed" && <p style={{ color: "#8e1f0b" }}>The block shows nothing here (figures not available: {state.reason}).</p>}
      {state.status === "ready" && (
        <div data-testid="extension-output" style={{ border: "1px solid #ddd", borderRadius: 8, padding: "10px 12px", fontSize: 13 }}>
          {sentences.map((s, i) => (
            <div key={s.key} style={{ color: i === 0 ? "#303030" : "#616161" }}>{translate(order.locale, s.key, s.values)}</div>
          ))}
        </div>
      )}
    </section>
  );
}

const card: React.CSSProperties = { background: "#fff", borderRadius: 12, padding: 16, boxShadow: "0 1px 2px rgba(0,0,0,.08)" };

export default function CheckoutPreview() {
  const { carts, token, shop, orders } = useLoaderData<typeof loader>();
  return (
    <div style={{ fontFamily: "system-ui, -apple-system, sans-serif", background: "#f1f1f1", minHeight: "100vh" }}>
      <header style={{ background: "#1a1a1a", color: "#e3e3e3", height: 56, display: "flex", alignItems: "center", padding: "0 16px", gap: 12, fontSize: 14 }}>
        <a href="/demo" style={{ color: "#e3e3e3" }}>Shopify admin</a>
        <strong>Checkout preview</strong>
        <span style={{ background: "#ffb800", color: "#1a1a1a", borderRadius: 6, padding: "2px 8px", fontWeight: 600 }}>Local emulator · demo data</span>
        <span style={{ marginLeft: "auto", opacity: 0.8 }}>{shop}</span>
      </header>
      <main style={{ maxWidth: 720, margin: "0 auto", padding: 16, display: "grid", gap: 16 }}>
        <p style={{ margin: 0, color: "#303030" }}>
          What the Borderless checkout extension shows under the selected shipping option, for seeded carts of the demo store
          shipped from its New Jersey warehouse. Prices are the shipping services' checkout prices (duties included where DDP).
        </p>
        {carts.map((cart) => (
          <CartPreview key={cart.id} cart={cart} token={token} />
        ))}
        <h2 style={{ fontSize: 18, margin: "16px 0 0" }}>Order status page</h2>
        <p style={{ margin: 0, color: "#303030" }}>
          What the block on the order status page of customer accounts restates for shipped demo orders: the duties and
          import taxes paid with the order or due on delivery, and the delivery window, as saved for each order.
        </p>
        {orders.length === 0 && <p style={{ margin: 0, color: "#616161" }}>No shipped demo order has its duties recorded yet.</p>}
        {orders.map((order) => (
          <OrderPreview key={order.id} order={order} />
        ))}
      </main>
    </div>
  );
}
