import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge, Banner, BlockStack, Box, Button, Card, Checkbox, DataTable, Divider, FormLayout, InlineGrid, InlineStack, Layout, List, Page, Select, Text, TextField,
} from "@shopify/polaris";
import { useState } from "react";
import db from "../db.server";
import { env, isDemo } from "../env.server";
import { currencyExponent, toMajorString } from "../engine/money";
import { ensureCarrierService } from "../integrations/shopify/carrier-service.server";
import {
  importCard, loadCarriersPage, removeCard, removeCarrierCredentials, saveCarrierCredentials, saveCheckoutRules, saveEnabled, testQuote, variantPrices,
} from "../services/carriers-admin.server";
import { syncProductCustoms } from "../services/product-customs.server";
import { invalidateShippingQuotes } from "../services/shipping-quote.server";
import { adminGraphqlOf } from "../integrations/shopify/admin-graphql.server";
import { authenticate } from "../shopify.server";


export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const [page, prices] = await Promise.all([loadCarriersPage(db, session.shop), variantPrices(adminGraphqlOf(admin))]);
  return { ...page, prices, demo: isDemo };
};

const text = (form: FormData, key: string) => String(form.get(key) ?? "");
const bad = (intent: string, field: string, message: string) => json({ intent, ok: false as const, field, message }, { status: 400 });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = session.shop;
  const form = await request.formData();
  const intent = text(form, "intent");
  switch (intent) {
    case "enabled": {
      const list = (key: string) => form.getAll(key).map(String);
      await saveEnabled(db, shop, { carriers: list("knownCarrier"), services: list("knownService") }, { carriers: list("carrier"), services: list("service") });
      return json({ intent, ok: true as const, message: "Carriers and services saved" });
    }
    case "rules": {
      const { currency } = await loadCarriersPage(db, shop);
      const saved = await saveCheckoutRules(db, shop, { ddpMarkets: text(form, "ddpMarkets"), noEconomyAbove: text(form, "noEconomyAbove") }, currencyExponent(currency));
      return saved.ok ? json({ intent, ok: true as const, message: "Checkout rules saved" }) : bad(intent, saved.field, saved.message);
    }
    case "credentials": {
      const carrierId = text(form, "carrierId");
      const values = Object.fromEntries([...form.entries()].filter(([k]) => k.startsWith("cred.")).map(([k, v]) => [k.slice(5), String(v)]));
      const saved = await saveCarrierCredentials(db, shop, carrierId, values, env.SHOPIFY_API_SECRET);
      return saved.ok ? json({ intent, ok: true as const, message: `Credentials for ${carrierId} saved: ${saved.hint}` }) : bad(intent, saved.field, saved.message);
    }
    case "remove-credentials": {
      await removeCarrierCredentials(db, shop, text(form, "carrierId"));
      return json({ intent, ok: true as const, message: `Credentials for ${text(form, "carrierId")} removed` });
    }
    case "import": {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return bad(intent, "file", "choose a rate-card CSV file");
      const outcome = await importCard(db, shop, file.name, await file.text());
      if (!outcome.ok) return json({ intent, ok: false as const, field: "file", message: `${file.name} was not imported: ${outcome.errors.length} error(s)`, errors: outcome.errors }, { status: 400 });
      const c = outcome.card!;
      return json({ intent, ok: true as const, message: `${c.replaced ? "Replaced" : "Imported"} ${c.serviceName} (${c.carrierName}) from ${c.originCountry} as "${c.id}"` });
    }
    case "remove-card": {
      const removed = await removeCard(db, shop, text(form, "cardId"));
      return removed ? json({ intent, ok: true as const, message: `Rate card "${text(form, "cardId")}" removed` }) : bad(intent, "cardId", `no rate card "${text(form, "cardId")}"`);
    }
    case "sync-products": {
      const count = await syncProductCustoms(db, shop, adminGraphqlOf(admin));
      invalidateShippingQuotes(shop);
      return json({ intent, ok: true as const, message: `Customs data of ${count} variants copied from Shopify` });
    }
    case "register": {
      const outcome = await ensureCarrierService(db, shop, adminGraphqlOf(admin), { appUrl: env.SHOPIFY_APP_URL, appSecret: env.SHOPIFY_API_SECRET });
      return outcome.status === "refused" ? bad(intent, "carrierService", `Shopify refused the carrier service: ${outcome.message}`) : json({ intent, ok: true as const, message: `Checkout rates ${outcome.status}` });
    }
    case "test": {
      let lines: { variantId: string; quantity: number; price: string }[];
      try {
        lines = JSON.parse(text(form, "lines"));
      } catch {
        return bad(intent, "lines", "lines must be a JSON list");
      }
      const { currency } = await loadCarriersPage(db, shop);
      const outcome = await testQuote(db, shop, { warehouseId: text(form, "warehouseId"), country: text(form, "country"), postcode: text(form, "postcode"), lines, currency, exponent: currencyExponent(currency) });
      return outcome.ok ? json({ intent, ok: true as const, quote: outcome.quote }) : bad(intent, outcome.field, outcome.message);
    }
    default:
      return bad(intent, "intent", `unknown action "${intent}"`);
  }
};

const money = (m: { amount: number; currency: string }) => `${toMajorString(m)} ${m.currency}`;
const LEVEL_TONE: Record<string, "info" | "success" | undefined> = { express: "info", standard: "success", economy: undefined };

export default function Carriers() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const message = (intent: string) =>
    result && result.intent === intent && "message" in result ? (
      <Banner tone={result.ok ? "success" : "critical"}>
        <p data-testid={`result-${intent}`}>{result.message}</p>
      </Banner>
    ) : null;

  return (
    <Page title="Carriers" subtitle="Carriers and services offered at checkout, their rate cards and credentials, and what a cart would be quoted">
      <BlockStack gap="500">
        {data.demo && (
          <Banner tone="info" title="Demo store: sample rate cards and demo data">
            <p>The rate cards here are samples labelled as such (not carriers' tariffs); the catalogue comes from the local Shopify emulator.</p>
          </Banner>
        )}
        <TestQuote data={data} result={result} busy={busy} onSubmit={(f) => submit(f, { method: "post" })} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="500">
              <ServicesCard data={data} busy={busy} onSubmit={(f) => submit(f, { method: "post" })} message={message("enabled")} />
              <CardsCard data={data} result={result} busy={busy} onSubmit={(f, multipart) => submit(f, { method: "post", ...(multipart ? { encType: "multipart/form-data" } : {}) })} message={message("remove-card")} />
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="500">
              <RulesCard data={data} busy={busy} onSubmit={(f) => submit(f, { method: "post" })} message={message("rules")} />
              <CredentialsCard data={data} busy={busy} onSubmit={(f) => submit(f, { method: "post" })} message={message("credentials") ?? message("remove-credentials")} />
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">Checkout rates and product data</Text>
                  <Text as="p" tone="subdued">
                    {data.registration ? `Registered with Shopify: ${data.registration.callbackUrl}` : "Not registered with Shopify yet."}
                  </Text>
                  <Text as="p" tone="subdued">
                    {`${data.products.length} variants with customs data, ${data.products.filter((p) => p.hsCode && p.originCountry).length} with an HS code and origin.`}
                  </Text>
                  {message("register")}
                  {message("sync-products")}
                  <InlineStack gap="200">
                    <Button loading={busy} onClick={() => submit({ intent: "register" }, { method: "post" })}>Register checkout rates</Button>
                    <Button loading={busy} onClick={() => submit({ intent: "sync-products" }, { method: "post" })}>Sync product data</Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Result = ReturnType<typeof useActionData<typeof action>>;

function TestQuote({ data, result, busy, onSubmit }: { data: Data; result: Result; busy: boolean; onSubmit: (f: FormData) => void }) {
  const warehouses = data.settings.warehouses;
  const products = data.products.filter((p) => p.hsCode);
  const [warehouseId, setWarehouseId] = useState(warehouses[0]?.id ?? "");
  const [country, setCountry] = useState("GB");
  const [postcode, setPostcode] = useState("SW1A 1AA");
  const first = (title: string) => products.find((p) => p.title.startsWith(title))?.variantId ?? products[0]?.variantId ?? "";
  const [lines, setLines] = useState(() =>
    [first("Merino Crew Sweater"), first("Wireless Earbuds")].filter(Boolean).map((variantId, i) => ({ variantId, quantity: String(i + 1), price: data.prices[variantId] ?? "" })),
  );
  const setLine = (i: number, patch: Partial<(typeof lines)[number]>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const run = () => {
    const f = new FormData();
    f.set("intent", "test");
    f.set("warehouseId", warehouseId);
    f.set("country", country);
    f.set("postcode", postcode);
    f.set("lines", JSON.stringify(lines.map((l) => ({ variantId: l.variantId, quantity: Number(l.quantity), price: l.price }))));
    onSubmit(f);
  };
  const quote = result && result.intent === "test" && result.ok && "quote" in result ? result.quote : null;
  const error = result && result.intent === "test" && !result.ok && "message" in result ? result.message : null;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">Test a quote</Text>
        <Text as="p" tone="subdued">Every service a cart would be offered at checkout, priced the way the checkout prices it, ranked, and why.</Text>
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
          <Select label="Ships from" options={warehouses.map((w) => ({ label: `${w.name ?? w.id} (${w.country})`, value: w.id }))} value={warehouseId} onChange={setWarehouseId} />
          <TextField label="Destination country" value={country} onChange={setCountry} autoComplete="off" maxLength={2} helpText="Two-letter code, e.g. GB, DE, JP" />
          <TextField label="Destination postcode" value={postcode} onChange={setPostcode} autoComplete="off" />
        </InlineGrid>
        {lines.map((l, i) => (
          <InlineGrid key={i} columns={{ xs: 1, md: "3fr 1fr 1fr" }} gap="300">
            <Select label={`Product ${i + 1}`} options={products.map((p) => ({ label: `${p.title} (HS ${p.hsCode}, ${p.originCountry ?? "?"})`, value: p.variantId }))} value={l.variantId} onChange={(v) => setLine(i, { variantId: v, price: data.prices[v] ?? l.price })} />
            <TextField label={`Quantity ${i + 1}`} type="number" min={1} value={l.quantity} onChange={(v) => setLine(i, { quantity: v })} autoComplete="off" />
            <TextField label={`Unit price ${i + 1} (${data.currency})`} value={l.price} onChange={(v) => setLine(i, { price: v })} autoComplete="off" />
          </InlineGrid>
        ))}
        <InlineStack gap="200">
          <Button onClick={() => setLines((ls) => [...ls, { variantId: products[0]?.variantId ?? "", quantity: "1", price: data.prices[products[0]?.variantId ?? ""] ?? "" }])}>Add a product</Button>
          <Button variant="primary" loading={busy} onClick={run}>Quote</Button>
        </InlineStack>
        {error && <Banner tone="critical"><p data-testid="quote-error">{error}</p></Banner>}
        {quote && <QuoteResult quote={quote} />}
      </BlockStack>
    </Card>
  );
}

function QuoteResult({ quote }: { quote: NonNullable<Extract<NonNullable<Result>, { quote: unknown }>["quote"]> }) {
  return (
    <BlockStack gap="300">
      <Text as="p">
        <span data-testid="quote-summary">{`${quote.options.length} option(s) from ${quote.warehouse.id} (${quote.warehouse.country}), ${quote.parcel.grams} g worth ${money(quote.parcel.value)}, ${quote.incoterm}: ${quote.incoterm === "DDP" ? "duties and taxes collected at checkout" : "duties and taxes paid on delivery"}.`}</span>
      </Text>
      {quote.warnings.map((w) => <Banner key={w} tone="warning"><p>{w}</p></Banner>)}
      <div data-testid="quote-table">
        <DataTable
          columnContentTypes={["numeric", "text", "numeric", "numeric", "numeric", "text", "text"]}
          headings={["Rank", "Service", "Shipping", "Duties & taxes", "Price at checkout", "Delivery", "Why"]}
          rows={quote.options.map((o) => [
            String(o.rank),
            <BlockStack key="s" gap="050"><Text as="span" fontWeight="semibold">{o.serviceName}</Text><InlineStack gap="100"><Badge tone={LEVEL_TONE[o.level]}>{o.level}</Badge><Badge>{o.source}</Badge></InlineStack></BlockStack>,
            money(o.shipping),
            o.dutiesAndTaxes ? `${money(o.dutiesAndTaxes.total)} ${o.incoterm === "DDP" ? "included" : "on delivery"}` : "—",
            money(o.price),
            `${o.window.earliest} – ${o.window.latest}`,
            <List key="r" type="bullet">{o.reasons.map((r) => <List.Item key={r}>{r}</List.Item>)}<List.Item>{o.description}</List.Item></List>,
          ])}
        />
      </div>
      {quote.excluded.length > 0 && (
        <Box>
          <Text as="h3" variant="headingSm">Not offered</Text>
          <List type="bullet">{quote.excluded.map((e) => <List.Item key={`${e.carrierId}:${e.serviceCode}`}>{`${e.carrierId} ${e.serviceCode}: ${e.reason}`}</List.Item>)}</List>
        </Box>
      )}
    </BlockStack>
  );
}

function ServicesCard({ data, busy, onSubmit, message }: { data: Data; busy: boolean; onSubmit: (f: FormData) => void; message: React.ReactNode }) {
  const [carriers, setCarriers] = useState(() => Object.fromEntries(data.carriers.map((c) => [c.id, c.enabled])));
  const [services, setServices] = useState(() => Object.fromEntries(data.carriers.flatMap((c) => c.services.map((s) => [s.key, s.enabled]))));
  const save = () => {
    const f = new FormData();
    f.set("intent", "enabled");
    for (const c of data.carriers) {
      f.append("knownCarrier", c.id);
      if (carriers[c.id]) f.append("carrier", c.id);
      for (const s of c.services) {
        f.append("knownService", s.key);
        if (services[s.key]) f.append("service", s.key);
      }
    }
    onSubmit(f);
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Carriers and services</Text>
        {message}
        {data.carriers.filter((c) => c.services.length > 0).map((c) => (
          <BlockStack key={c.id} gap="100">
            <Checkbox label={<Text as="span" fontWeight="semibold">{c.name}</Text>} checked={!!carriers[c.id]} onChange={(v) => setCarriers((x) => ({ ...x, [c.id]: v }))} />
            <Box paddingInlineStart="600">
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="100">
                {c.services.map((s) => (
                  <Checkbox key={s.key} label={`${s.name} (${s.level}, from ${s.origins.join(", ")})`} disabled={!carriers[c.id]} checked={!!services[s.key]} onChange={(v) => setServices((x) => ({ ...x, [s.key]: v }))} />
                ))}
              </InlineGrid>
            </Box>
          </BlockStack>
        ))}
        <InlineStack><Button loading={busy} onClick={save}>Save carriers and services</Button></InlineStack>
      </BlockStack>
    </Card>
  );
}

function CardsCard({ data, result, busy, onSubmit, message }: { data: Data; result: Result; busy: boolean; onSubmit: (f: FormData, multipart?: boolean) => void; message: React.ReactNode }) {
  const [file, setFile] = useState<File | null>(null);
  const imported = result && result.intent === "import" ? result : null;
  const rowErrors = (imported && !imported.ok && "errors" in imported ? imported.errors : []) as { line: number | null; column?: string; message: string }[];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Rate cards</Text>
        {message}
        <DataTable
          columnContentTypes={["text", "text", "text", "numeric", "text"]}
          headings={["Card", "Service", "From", "Zones", ""]}
          rows={data.cards.map((c) => [
            <InlineStack key="id" gap="100"><Text as="span">{c.id}</Text>{c.sample && <Badge tone="attention">sample</Badge>}</InlineStack>,
            `${c.serviceName} (${c.carrierName})`,
            `${c.origin}, ${c.currency}`,
            String(c.zones),
            <Button key="rm" variant="plain" tone="critical" accessibilityLabel={`Remove ${c.id}`} onClick={() => { const f = new FormData(); f.set("intent", "remove-card"); f.set("cardId", c.id); onSubmit(f); }}>Remove</Button>,
          ])}
        />
        {data.broken.map((b) => <Banner key={b.cardId} tone="warning"><p>{`${b.cardId} no longer reads: ${b.errors[0]?.message ?? ""}`}</p></Banner>)}
        <Divider />
        <Text as="h3" variant="headingSm">Import a rate card (CSV, one service from one origin)</Text>
        <FormLayout>
          <label>
            <Text as="span">Rate-card file</Text>{" "}
            <input type="file" accept=".csv,text/csv" aria-label="Rate-card file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
          </label>
          <InlineStack>
            <Button loading={busy} disabled={!file} onClick={() => { const f = new FormData(); f.set("intent", "import"); if (file) f.set("file", file); onSubmit(f, true); }}>Import</Button>
          </InlineStack>
        </FormLayout>
        {imported && (
          <Banner tone={imported.ok ? "success" : "critical"}>
            <p data-testid="import-result">{imported.message}</p>
          </Banner>
        )}
        {rowErrors.length > 0 && (
          <div data-testid="import-errors">
            <DataTable columnContentTypes={["numeric", "text", "text"]} headings={["Line", "Column", "Problem"]} rows={rowErrors.map((e) => [e.line === null ? "—" : String(e.line), e.column ?? "", e.message])} />
          </div>
        )}
      </BlockStack>
    </Card>
  );
}

function RulesCard({ data, busy, onSubmit, message }: { data: Data; busy: boolean; onSubmit: (f: FormData) => void; message: React.ReactNode }) {
  const exp = currencyExponent(data.currency);
  const [ddp, setDdp] = useState(data.settings.ddpMarkets.join(", "));
  const [cap, setCap] = useState(data.settings.noEconomyAboveMinor === null ? "" : (data.settings.noEconomyAboveMinor / 10 ** exp).toFixed(exp));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Duties at checkout</Text>
        {message}
        <TextField label="DDP markets" value={ddp} onChange={setDdp} autoComplete="off" helpText="Countries where duties and import taxes are included in the shipping price (DDP). Elsewhere the buyer pays on delivery (DAP)." />
        <TextField label={`No economy above (${data.currency})`} value={cap} onChange={setCap} autoComplete="off" helpText="Economy services are not offered for carts worth more." />
        <InlineStack><Button loading={busy} onClick={() => { const f = new FormData(); f.set("intent", "rules"); f.set("ddpMarkets", ddp); f.set("noEconomyAbove", cap); onSubmit(f); }}>Save rules</Button></InlineStack>
      </BlockStack>
    </Card>
  );
}

function CredentialsCard({ data, busy, onSubmit, message }: { data: Data; busy: boolean; onSubmit: (f: FormData) => void; message: React.ReactNode }) {
  const live = data.carriers.filter((c) => c.live.supported);
  const [carrierId, setCarrierId] = useState(live[0]?.id ?? "");
  const [values, setValues] = useState<Record<string, string>>({});
  const carrier = live.find((c) => c.id === carrierId);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Live rates: credentials</Text>
        <Text as="p" tone="subdued">With credentials a carrier's own API prices each cart; it gets {`${data.settings.liveBudgetMs} ms`} before its rate card is used instead.</Text>
        {message}
        {live.map((c) => (
          <InlineStack key={c.id} align="space-between" blockAlign="center">
            <Text as="span">{c.name}</Text>
            <Text as="span" tone={c.live.hint ? "success" : "subdued"}><span data-testid={`credentials-${c.id}`}>{c.live.hint ?? "not connected"}</span></Text>
          </InlineStack>
        ))}
        <Select label="Carrier" options={live.map((c) => ({ label: c.name, value: c.id }))} value={carrierId} onChange={(v) => { setCarrierId(v); setValues({}); }} />
        {carrier?.live.fields.map((f) => (
          <TextField key={f.key} label={f.label} type={f.secret ? "password" : "text"} value={values[f.key] ?? ""} onChange={(v) => setValues((x) => ({ ...x, [f.key]: v }))} autoComplete="off" />
        ))}
        <InlineStack gap="200">
          <Button loading={busy} onClick={() => { const f = new FormData(); f.set("intent", "credentials"); f.set("carrierId", carrierId); for (const [k, v] of Object.entries(values)) f.set(`cred.${k}`, v); onSubmit(f); setValues({}); }}>Save credentials</Button>
          {carrier?.live.hint && <Button tone="critical" variant="plain" onClick={() => { const f = new FormData(); f.set("intent", "remove-credentials"); f.set("carrierId", carrierId); onSubmit(f); }}>Remove</Button>}
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
