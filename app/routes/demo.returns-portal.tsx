import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { PortalOrder, ReturnPreview, SubmittedReturn } from "../../extensions/returns-portal/src/portal-client";
import { DEMO_SHOP } from "../demo/constants";
import { mintCustomerAccountToken } from "../demo/customer-token.server";
import { env, isDemo } from "../env.server";
import { adminGraphqlOf } from "../integrations/shopify/returns.server";
import { unauthenticated } from "../shopify.server";

export const meta: MetaFunction = () => [{ title: "Borderless · returns portal preview" }];

const PORTAL_CANDIDATES_QUERY = `#graphql
  query ReturnsPortalCandidates {
    orders(first: 120, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        cancelledAt
        customer {
          id
          displayName
        }
        shippingAddress {
          countryCodeV2
          city
        }
        fulfillments(first: 3) {
          status
          createdAt
        }
        returns(first: 3) {
          nodes {
            id
          }
        }
      }
    }
  }
`;

const WANTED = [["FR", "DE", "IT", "ES", "NL", "IE", "SE"], ["GB"], ["US"], ["CH", "CA", "AU", "JP", "NZ", "MX"]];

/**
 * The returns portal outside Shopify's customer account: a few demo buyers' recent orders, each
 * opened with a customer account session token minted like Shopify's, calling the same
 * /api/returns/* endpoints as the extension. Demo mode only.
 */
export const loader = async (_: LoaderFunctionArgs) => {
  if (!isDemo) throw new Response("Not found", { status: 404 });
  const { admin } = await unauthenticated.admin(DEMO_SHOP);
  const data = await adminGraphqlOf(admin)<any>(PORTAL_CANDIDATES_QUERY);
  const now = Date.now();
  const picks: { orderId: string; name: string; buyer: string; where: string; token: string }[] = [];
  for (const countries of WANTED) {
    const days = countries.includes("CH") ? 18 : 25;
    const o = data.orders.nodes.find((n: any) => !n.cancelledAt && n.customer && !n.returns.nodes.length && countries.includes(n.shippingAddress?.countryCodeV2) &&
      n.fulfillments.some((f: any) => f.status === "SUCCESS" && now - Date.parse(f.createdAt) < days * 86_400_000) && !picks.some((p) => p.orderId === n.id));
    if (!o) continue;
    const token = await mintCustomerAccountToken({ shop: DEMO_SHOP, customerId: o.customer.id, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET, ttlSeconds: 3600 });
    picks.push({ orderId: o.id, name: o.name, buyer: o.customer.displayName, where: `${o.shippingAddress.city}, ${o.shippingAddress.countryCodeV2}`, token });
  }
  return { picks, shop: DEMO_SHOP };
};

type Pick = ReturnType<typeof useLoaderData<typeof loader>>["picks"][number];
interface Choice { quantity: number; reason: string; condition: string }

const REASONS: Record<string, string> = {
  SIZE_TOO_SMALL: "Too small", SIZE_TOO_LARGE: "Too large", UNWANTED: "Changed my mind", STYLE: "Not my style", COLOR: "Colour not as expected",
  NOT_AS_DESCRIBED: "Not as described", WRONG_ITEM: "Wrong item sent", DEFECTIVE: "Damaged or faulty", OTHER: "Other",
};

async function call<T>(path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(path, { method: body ? "POST" : "GET", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error ?? `HTTP ${response.status}`);
  return json as T;
}

function Portal({ pick }: { pick: Pick }) {
  const [order, setOrder] = useState<PortalOrder | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [done, setDone] = useState<SubmittedReturn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [resolution, setResolution] = useState<"refund" | "store_credit">("refund");
  const [key] = useState(() => `preview-${Math.random().toString(36).slice(2, 12)}`);

  useEffect(() => {
    // A stale answer (an earlier buyer, or React running the effect twice) must not reset the form.
    let live = true;
    setOrder(null); setPreview(null); setDone(null); setError(null);
    call<PortalOrder>(`/api/returns/order?orderId=${encodeURIComponent(pick.orderId)}`, pick.token).then((o) => {
      if (!live) return;
      setOrder(o);
      setChoices(Object.fromEntries(o.lines.filter((l) => l.eligible).map((l) => [l.lineItemId, { quantity: 0, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }])));
    }, (e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [pick]);

  const lines = () => Object.entries(choices).filter(([, c]) => c.quantity > 0).map(([lineItemId, c]) => ({ lineItemId, ...c }));
  const run = async (fn: () => Promise<void>) => {
    setBusy(true); setError(null);
    try { await fn(); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  const review = () => run(async () => setPreview(await call<ReturnPreview>("/api/returns/request", pick.token, { orderId: pick.orderId, lines: lines(), resolution, preview: true })));
  const submit = () => run(async () => setDone(await call<SubmittedReturn>("/api/returns/request", pick.token, { orderId: pick.orderId, lines: lines(), resolution, idempotencyKey: key })));

  if (!order) return <section style={card}>{error ? <p role="alert" style={{ color: "#8e1f0b" }}>{error}</p> : <p aria-busy="true">Loading the order…</p>}</section>;
  if (done) {
    return (
      <section style={card} data-testid="portal-done">
        <h2 style={h2}>Return {done.returnName} requested</h2>
        <p style={{ background: "#e3f1df", padding: 10, borderRadius: 8 }}>{done.labels.length ? "Your return is approved: print the label." : "Your return is approved: you don't need to send anything back."} Refund estimate: {done.refundEstimate} {done.currency}.</p>
        {preview?.items.filter((i) => i.destination).map((i) => <p key={i.lineItemId}>Return address: {i.destination!.address.join(", ")}</p>)}
        {done.labels.map((l) => (
          <p key={l.trackingNumber}>
            <a href={l.url} target="_blank" rel="noreferrer">Download return label ({l.trackingNumber})</a>
            {l.invoiceUrl && <> · <a href={l.invoiceUrl} target="_blank" rel="noreferrer">customs invoice</a></>}
          </p>
        ))}
      </section>
    );
  }
  return (
    <section style={card} data-testid="portal">
      <h2 style={h2}>Return items from {order.order.name}</h2>
      <p style={{ color: "#616161", fontSize: 13 }}>{order.policy.name}: returns within {order.policy.windowDays} days of delivery{order.policy.windowEndsOn ? ` until ${order.policy.windowEndsOn}` : ""}. {order.policy.labelPaidBy === "merchant" ? "The return label is free." : "The return label is deducted from your refund unless the item is faulty."}</p>
      {error && <p role="alert" style={{ color: "#8e1f0b" }}>{error}</p>}
      {order.lines.map((line) => (
        <fieldset key={line.lineItemId} style={{ border: "1px solid #e3e3e3", borderRadius: 8, margin: "8px 0", padding: 10 }}>
          <legend>{line.title}</legend>
          {line.eligible ? (
            <div style={{ display: "flex", gap: 12, flexWrap: "wrap" }}>
              <label>Quantity (up to {line.returnableQuantity}) <input type="number" min={0} max={line.returnableQuantity} aria-label={`Quantity of ${line.title}`} value={choices[line.lineItemId]?.quantity ?? 0}
                onChange={(e) => { setPreview(null); setChoices({ ...choices, [line.lineItemId]: { ...choices[line.lineItemId]!, quantity: Math.max(0, Math.min(line.returnableQuantity, Number(e.target.value) || 0)) } }); }} style={{ width: 56 }} /></label>
              <label>Reason <select aria-label={`Reason for ${line.title}`} value={choices[line.lineItemId]?.reason} onChange={(e) => { setPreview(null); setChoices({ ...choices, [line.lineItemId]: { ...choices[line.lineItemId]!, reason: e.target.value } }); }}>
                {order.returnReasons.map((r) => <option key={r} value={r}>{REASONS[r] ?? r}</option>)}
              </select></label>
              <label>Condition <select aria-label={`Condition of ${line.title}`} value={choices[line.lineItemId]?.condition} onChange={(e) => { setPreview(null); setChoices({ ...choices, [line.lineItemId]: { ...choices[line.lineItemId]!, condition: e.target.value } }); }}>
                {order.conditions.map((c) => <option key={c} value={c}>{c.replace(/_/g, " ")}</option>)}
              </select></label>
            </div>
          ) : <span style={{ color: "#616161" }}>Not returnable: {line.reasons.join("; ")}</span>}
        </fieldset>
      ))}
      {order.eligible && order.policy.resolutions.includes("store_credit") && (
        <label>Refund as{" "}
          <select aria-label="Refund as" value={resolution} onChange={(e) => { setPreview(null); setResolution(e.target.value as "refund" | "store_credit"); }}>
            <option value="refund">Refund to my payment method</option>
            <option value="store_credit">Store credit</option>
          </select>
        </label>
      )}
      {preview && (
        <div data-testid="portal-review" style={{ background: "#f4f8ff", borderRadius: 8, padding: 10 }}>
          {preview.items.map((i) => (
            <p key={i.lineItemId}>{i.quantity} × {i.title}: {i.destination ? `send to ${i.destination.address.join(", ")}. Prepaid label ${i.label} ${preview.refund.currency}.` : "keep it: no need to send it back."}</p>
          ))}
          <strong>Refund estimate: {preview.refund.total} {preview.refund.currency}</strong>
        </div>
      )}
      <div style={{ marginTop: 10, display: "flex", gap: 8 }}>
        {preview ? <button onClick={submit} disabled={busy}>Request return</button> : <button onClick={review} disabled={busy || lines().length === 0}>Review return</button>}
      </div>
    </section>
  );
}

const card: React.CSSProperties = { background: "#fff", borderRadius: 12, padding: 16, boxShadow: "0 1px 2px rgba(0,0,0,.08)", maxWidth: 760 };
const h2: React.CSSProperties = { fontSize: 16, margin: "0 0 6px" };

export default function ReturnsPortalPreview() {
  const { picks, shop } = useLoaderData<typeof loader>();
  const [current, setCurrent] = useState(0);
  const pick = picks[current];
  return (
    <div style={{ fontFamily: "system-ui, -apple-system, sans-serif", background: "#f1f1f1", minHeight: "100vh" }}>
      <header style={{ background: "#1a1a1a", color: "#e3e3e3", height: 56, display: "flex", alignItems: "center", padding: "0 16px", gap: 12, fontSize: 14 }}>
        <a href="/demo" style={{ color: "#e3e3e3" }}>Shopify admin</a>
        <strong>Customer account · returns portal preview</strong>
        <span style={{ background: "#ffb800", color: "#1a1a1a", borderRadius: 6, padding: "2px 8px", fontWeight: 600 }}>Local emulator · demo data</span>
        <span style={{ marginLeft: "auto", opacity: 0.8 }}>{shop}</span>
      </header>
      <main style={{ padding: 24, display: "grid", gap: 16 }}>
        <p style={{ margin: 0, maxWidth: 760 }}>What the returns portal extension shows a signed-in buyer on their order page. Each buyer below is opened with a customer account session token minted like Shopify's; the page calls the same <code>/api/returns/*</code> endpoints.</p>
        <label>Buyer and order{" "}
          <select aria-label="Buyer and order" value={current} onChange={(e) => setCurrent(Number(e.target.value))}>
            {picks.map((p, i) => <option key={p.orderId} value={i}>{`${p.buyer} · ${p.where} · ${p.name}`}</option>)}
          </select>
        </label>
        {pick ? <Portal key={pick.orderId} pick={pick} /> : <p>No recent delivered orders without a return in the demo store.</p>}
      </main>
    </div>
  );
}
