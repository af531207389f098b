import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import db from "../db.server";
import { FULFILLMENT_MODELS, WAREHOUSE_KINDS } from "../engine/routing/model";
import { loadRoutingSetup, saveMarketPolicy, saveWarehouse, SetupError } from "../integrations/routing/setup.server";
import { ensureFulfillmentService, FulfillmentFlowError } from "../integrations/shopify/fulfillment.server";
import { gqlFromAdmin } from "../services/orders-fulfillment.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { rows, policies } = await loadRoutingSetup(db, session.shop);
  return {
    warehouses: rows.map((w) => ({ ...w, carriers: JSON.parse(w.carriers) as string[], createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString() })),
    policies,
  };
};

const KIND_LABEL = { own: "Own", "3pl": "3PL", bonded: "Bonded" } as const;
const MODEL_LABEL = { merchant: "Merchant-fulfilled", "3pl": "3PL per region", orchestrated: "Orchestrated (4PL)" } as const;
const int = (v: FormDataEntryValue | null) => (v === null || v === "" ? NaN : Number(v));
const money = (v: FormDataEntryValue | null) => (v === null || v === "" ? NaN : Math.round(Number(v) * 100));

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "save-warehouse") {
      const w = await saveWarehouse(db, session.shop, {
        code: String(form.get("code") ?? ""), name: String(form.get("name") ?? ""), kind: String(form.get("kind") ?? ""),
        address1: String(form.get("address1") ?? ""), city: String(form.get("city") ?? ""), postcode: String(form.get("postcode") ?? ""),
        countryCode: String(form.get("countryCode") ?? "").toUpperCase(), timeZone: String(form.get("timeZone") ?? ""), cutoff: String(form.get("cutoff") ?? ""),
        handlingDays: int(form.get("handlingDays")), handlingPerOrderMinor: money(form.get("handlingPerOrder")), handlingPerUnitMinor: money(form.get("handlingPerUnit")),
        currency: String(form.get("currency") ?? "").toUpperCase(), capacityPerDay: int(form.get("capacityPerDay")),
        carriers: String(form.get("carriers") ?? "").split(",").map((c) => c.trim()).filter(Boolean),
        shopifyLocationId: String(form.get("shopifyLocationId") ?? "") || null,
      });
      return { ok: `Saved ${w.name}` };
    }
    if (intent === "save-market") {
      await saveMarketPolicy(db, session.shop, { market: String(form.get("market") ?? ""), model: String(form.get("model") ?? ""), warehouseCodes: form.getAll("warehouseCodes").map(String) });
      return { ok: `Saved the fulfillment model for ${String(form.get("market")).toUpperCase()}` };
    }
    if (intent === "register-service") {
      const code = String(form.get("code") ?? "");
      const w = await db.warehouse.findUnique({ where: { shop_code: { shop: session.shop, code } } });
      if (!w) return Response.json({ error: `No warehouse ${code} in this shop` }, { status: 404 });
      const done = await ensureFulfillmentService(db, gqlFromAdmin(admin), session.shop, w);
      return { ok: `${done.name} is registered as a fulfillment service (${done.fulfillmentServiceLocationId})` };
    }
  } catch (error) {
    if (error instanceof SetupError) return Response.json({ error: error.message }, { status: 400 });
    if (error instanceof FulfillmentFlowError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return Response.json({ error: `Unknown action "${intent}": expected save-warehouse, save-market or register-service` }, { status: 400 });
};

function Field({ name, label, initial, help, type = "text" }: { name: string; label: string; initial: string; help?: string; type?: "text" | "number" }) {
  const [value, setValue] = useState(initial);
  return <TextField name={name} label={label} value={value} onChange={setValue} autoComplete="off" helpText={help} type={type} />;
}

type WarehouseRow = ReturnType<typeof useLoaderData<typeof loader>>["warehouses"][number];

function WarehouseForm({ w, submitting }: { w?: WarehouseRow; submitting: boolean }) {
  const [kind, setKind] = useState<string>(w?.kind ?? "3pl");
  const major = (minor: number | undefined) => (minor === undefined ? "" : (minor / 100).toFixed(2));
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="save-warehouse" />
      <input type="hidden" name="kind" value={kind} />
      <FormLayout>
        <FormLayout.Group>
          <Field name="code" label="Code" initial={w?.code ?? ""} help="Short id, e.g. nl-venlo" />
          <Field name="name" label="Name" initial={w?.name ?? ""} />
          <Select label="Kind" options={WAREHOUSE_KINDS.map((k) => ({ label: KIND_LABEL[k], value: k }))} value={kind} onChange={setKind}
            helpText={kind === "bonded" ? "Duty is paid when goods leave for the buyer's country" : undefined} />
        </FormLayout.Group>
        <FormLayout.Group>
          <Field name="address1" label="Address" initial={w?.address1 ?? ""} />
          <Field name="city" label="City" initial={w?.city ?? ""} />
          <Field name="postcode" label="Postcode" initial={w?.postcode ?? ""} />
          <Field name="countryCode" label="Country" initial={w?.countryCode ?? ""} />
        </FormLayout.Group>
        <FormLayout.Group>
          <Field name="timeZone" label="Time zone" initial={w?.timeZone ?? ""} help="IANA, e.g. Europe/Amsterdam" />
          <Field name="cutoff" label="Cutoff" initial={w?.cutoff ?? "14:00"} help="Local time; later orders ship next business day" />
          <Field name="handlingDays" label="Handling days" type="number" initial={String(w?.handlingDays ?? 1)} />
          <Field name="capacityPerDay" label="Capacity per day" type="number" initial={String(w?.capacityPerDay ?? 200)} help="Shipments" />
        </FormLayout.Group>
        <FormLayout.Group>
          <Field name="currency" label="Currency" initial={w?.currency ?? "USD"} />
          <Field name="handlingPerOrder" label="Handling per order" initial={major(w?.handlingPerOrderMinor)} />
          <Field name="handlingPerUnit" label="Handling per unit" initial={major(w?.handlingPerUnitMinor)} />
          <Field name="carriers" label="Carriers usable" initial={(w?.carriers ?? []).join(", ")} help="Carrier ids; empty = every carrier" />
        </FormLayout.Group>
        <Field name="shopifyLocationId" label="Shopify location" initial={w?.shopifyLocationId ?? ""} help="gid://shopify/Location/..." />
        <Button submit variant="primary" loading={submitting}>{w ? `Save ${w.name}` : "Add warehouse"}</Button>
      </FormLayout>
    </Form>
  );
}

function MarketForm({ warehouses, submitting }: { warehouses: WarehouseRow[]; submitting: boolean }) {
  const [model, setModel] = useState("orchestrated");
  const [picked, setPicked] = useState<string[]>([]);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="save-market" />
      <input type="hidden" name="model" value={model} />
      {picked.map((c) => <input key={c} type="hidden" name="warehouseCodes" value={c} />)}
      <FormLayout>
        <FormLayout.Group>
          <Field name="market" label="Market" initial="" help='Country code, or * for every other market' />
          <Select label="Fulfillment model" options={FULFILLMENT_MODELS.map((m) => ({ label: MODEL_LABEL[m], value: m }))} value={model} onChange={setModel} />
        </FormLayout.Group>
        <InlineStack gap="400">
          {warehouses.map((w) => (
            <Checkbox key={w.code} label={w.name} checked={picked.includes(w.code)} onChange={(on) => setPicked(on ? [...picked, w.code] : picked.filter((c) => c !== w.code))} />
          ))}
        </InlineStack>
        <Text as="p" tone="subdued">No warehouse ticked: the model picks them (merchant: own buildings; 3PL: 3PL and bonded; orchestrated: all).</Text>
        <Button submit loading={submitting}>Save market</Button>
      </FormLayout>
    </Form>
  );
}

export default function Warehouses() {
  const { warehouses, policies } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok?: string; error?: string } | undefined;
  const navigation = useNavigation();
  const submitting = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const [editing, setEditing] = useState<string | null>(null);
  const names = new Map(warehouses.map((w) => [w.code, w.name]));
  return (
    <Page title="Warehouses" subtitle="Where stock ships from, what it costs to ship from there, and who fulfils each market.">
      <Layout>
        {result?.ok && <Layout.Section><Banner tone="success">{result.ok}</Banner></Layout.Section>}
        {result?.error && <Layout.Section><Banner tone="critical"><span data-testid="warehouse-error">{result.error}</span></Banner></Layout.Section>}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Warehouses</Text>
              {warehouses.length === 0 ? <Text as="p" tone="subdued">No warehouse yet: add the first below.</Text> : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "numeric", "numeric", "text", "text"]}
                  headings={["Warehouse", "Kind", "Country / time zone", "Cutoff, handling", "Cost per order / unit", "Capacity per day", "Fulfillment service", ""]}
                  rows={warehouses.map((w) => [
                    <span key="n" data-testid={`warehouse-${w.code}`}>{w.name}</span>,
                    <Badge key="k" tone={w.kind === "bonded" ? "attention" : w.kind === "own" ? "info" : undefined}>{KIND_LABEL[w.kind as keyof typeof KIND_LABEL] ?? w.kind}</Badge>,
                    `${w.countryCode} · ${w.timeZone}`,
                    `${w.cutoff}, ${w.handlingDays} day(s)`,
                    `${(w.handlingPerOrderMinor / 100).toFixed(2)} / ${(w.handlingPerUnitMinor / 100).toFixed(2)} ${w.currency}`,
                    w.capacityPerDay,
                    w.fulfillmentServiceLocationId ? <Badge key="s" tone="success">registered</Badge> : (
                      <Form key="s" method="post"><input type="hidden" name="intent" value="register-service" /><input type="hidden" name="code" value={w.code} />
                        <Button submit size="slim" loading={submitting("register-service")}>Register</Button></Form>
                    ),
                    <InlineStack key="e" gap="200" wrap={false}>
                      <Button size="slim" onClick={() => setEditing(editing === w.code ? null : w.code)}>{editing === w.code ? "Close" : "Edit"}</Button>
                      {w.kind !== "own" && <Button size="slim" url={`/app/warehouses/${w.code}`}>3PL connection</Button>}
                    </InlineStack>,
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">{editing ? `Edit ${names.get(editing)}` : "Add a warehouse"}</Text>
              <WarehouseForm key={editing ?? "new"} w={warehouses.find((w) => w.code === editing)} submitting={submitting("save-warehouse")} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Fulfillment model per market</Text>
              <DataTable
                columnContentTypes={["text", "text", "text"]}
                headings={["Market", "Model", "Warehouses"]}
                rows={policies.map((p) => [
                  p.market === "*" ? "Every other market" : p.market,
                  <span key="m" data-testid={`market-${p.market}`}>{MODEL_LABEL[p.model]}</span>,
                  p.warehouseIds.length ? p.warehouseIds.map((c) => names.get(c) ?? c).join(", ") : "chosen by the model",
                ])}
              />
              <MarketForm warehouses={warehouses} submitting={submitting("save-market")} />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
