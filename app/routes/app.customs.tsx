import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge, Banner, BlockStack, Box, Button, Card, IndexTable, InlineGrid, InlineStack, Layout, Page, Select, Text, TextField, useIndexResourceState,
} from "@shopify/polaris";
import { useMemo, useState } from "react";
import db from "../db.server";
import { isDemo } from "../env.server";
import { CustomsError } from "../engine/customs/errors";
import { confirmHsCodes, loadCustomsCatalog, validateConfirmations, type CustomsProductRow, type HsStatus } from "../integrations/customs/hs-codes.server";
import { authenticate } from "../shopify.server";

/** Markets checked for labelling when the shop has no orders yet: the largest cross-border destinations. */
const DEFAULT_MARKETS = ["US", "CA", "GB", "EU", "AU", "JP"];

async function shopMarkets(shop: string): Promise<string[]> {
  const rows = await db.order.groupBy({ by: ["destCountryCode"], where: { shop, destCountryCode: { not: null } }, _count: { _all: true } });
  const markets = rows.sort((a, b) => b._count._all - a._count._all).slice(0, 10).map((r) => r.destCountryCode!);
  return markets.length > 0 ? markets : DEFAULT_MARKETS;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const markets = await shopMarkets(session.shop);
  const catalog = await loadCustomsCatalog(admin, db, session.shop, markets);
  return { ...catalog, markets, demo: isDemo };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== "confirm") throw new Response(`Unknown action "${String(intent)}": expected "confirm"`, { status: 400 });
  try {
    let raw: unknown;
    try {
      raw = JSON.parse(String(form.get("items") ?? ""));
    } catch {
      throw new CustomsError("invalid_input", "items", "must be a JSON list of { productId, hsCode, originCountry }");
    }
    const items = validateConfirmations(raw);
    const confirmed = await confirmHsCodes(admin, db, session.shop, items);
    return json({ ok: true as const, confirmed, error: null });
  } catch (e) {
    if (e instanceof CustomsError) return json({ ok: false as const, confirmed: [], error: { field: e.field, message: e.message } }, { status: 400 });
    throw e;
  }
};

const STATUS: Record<HsStatus, { tone: "critical" | "attention" | "success"; label: string }> = {
  missing: { tone: "critical", label: "Missing" },
  suggested: { tone: "attention", label: "Suggested" },
  confirmed: { tone: "success", label: "Confirmed" },
};

function candidateLabel(c: CustomsProductRow["candidates"][number]): string {
  const origin = c.from === "shopify" ? "on Shopify" : `${Math.round(c.confidence * 100)}%${c.reason === "confirmed" ? ", learned" : ""}`;
  return `${c.code} · ${c.description.slice(0, 60)} (${origin})`;
}

export default function Customs() {
  const { products, counts, markets, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const initialCode = (p: CustomsProductRow) => p.confirmed?.hsCode ?? p.candidates[0]?.code ?? "";
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [origins, setOrigins] = useState<Record<string, string>>({});
  const [labelFor, setLabelFor] = useState(products[0]?.id ?? "");
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(products as unknown as { id: string }[]);
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);

  const confirm = (ids: string[]) => {
    const items = ids.map((id) => {
      const p = byId.get(id)!;
      return { productId: id, hsCode: codes[id] ?? initialCode(p), originCountry: origins[id] ?? p.origin ?? "" };
    });
    submit({ intent: "confirm", items: JSON.stringify(items) }, { method: "post" });
    clearSelection();
  };

  const labelProduct = byId.get(labelFor);
  return (
    <Page title="Customs" subtitle="HS codes and countries of origin for every product, confirmed once and written back to Shopify.">
      <BlockStack gap="500">
        {demo && (
          <Banner tone="info" title="Demo store: this is demo data from the local Shopify emulator">
            <p>Products are read from the emulator through the Admin API; confirming a code writes it to the emulator's inventory items.</p>
          </Banner>
        )}
        {result?.error && (
          <Banner tone="critical" title="Nothing was confirmed">
            <p data-testid="customs-error">{result.error.message}</p>
          </Banner>
        )}
        {result?.ok && (
          <Banner tone="success" title={`Confirmed ${result.confirmed.length} ${result.confirmed.length === 1 ? "product" : "products"}`}>
            <p data-testid="customs-confirmed">
              {result.confirmed.map((c) => `${c.title}: ${c.hsCode} (${c.inventoryItems} inventory ${c.inventoryItems === 1 ? "item" : "items"} updated on Shopify)`).join("; ")}
            </p>
          </Banner>
        )}
        <InlineGrid columns={{ xs: 3 }} gap="400">
          {(["missing", "suggested", "confirmed"] as const).map((s) => (
            <Card key={s}>
              <BlockStack gap="100">
                <Text as="p" tone="subdued">{STATUS[s].label}</Text>
                <Text as="p" variant="headingXl">
                  <span data-testid={`count-${s}`}>{counts[s]}</span>
                </Text>
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "product", plural: "products" }}
            itemCount={products.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[{ content: "Confirm selected codes", onAction: () => confirm(selectedResources) }]}
            headings={[{ title: "Product" }, { title: "Status" }, { title: "On Shopify" }, { title: "HS code (suggestions with confidence)" }, { title: "Origin" }, { title: "" }]}
          >
            {products.map((p, index) => (
              <IndexTable.Row id={p.id} key={p.id} position={index} selected={selectedResources.includes(p.id)}>
                <IndexTable.Cell>
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">{p.title}</Text>
                    <Text as="span" tone="subdued">{p.productType || "—"} · {p.variantCount} {p.variantCount === 1 ? "variant" : "variants"}</Text>
                  </BlockStack>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="100">
                    <span data-testid={`status-${p.id}`}>
                      <Badge tone={STATUS[p.status].tone}>{STATUS[p.status].label}</Badge>
                    </span>
                    {p.drifted && <Badge tone="warning">Changed on Shopify</Badge>}
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell>{p.shopifyCodes.length ? p.shopifyCodes.join(", ") : "—"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <div onClick={(e) => e.stopPropagation()} style={{ minWidth: 320 }}>
                    <Select
                      label={`HS code for ${p.title}`}
                      labelHidden
                      options={p.candidates.map((c) => ({ label: candidateLabel(c), value: c.code }))}
                      value={codes[p.id] ?? initialCode(p)}
                      onChange={(v) => setCodes((s) => ({ ...s, [p.id]: v }))}
                    />
                  </div>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <div onClick={(e) => e.stopPropagation()} style={{ width: 72 }}>
                    <TextField
                      label={`Origin of ${p.title}`}
                      labelHidden
                      autoComplete="off"
                      maxLength={2}
                      value={origins[p.id] ?? p.origin ?? ""}
                      onChange={(v) => setOrigins((s) => ({ ...s, [p.id]: v.toUpperCase() }))}
                    />
                  </div>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <div onClick={(e) => e.stopPropagation()}>
                    <Button size="slim" disabled={busy} onClick={() => confirm([p.id])} accessibilityLabel={`Confirm ${p.title}`}>
                      Confirm
                    </Button>
                  </div>
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">Labelling before shipping</Text>
                  <Text as="span" tone="subdued">Markets: {markets.join(", ")}</Text>
                </InlineStack>
                <Select
                  label="Product"
                  options={products.map((p) => ({ label: `${p.title} (${p.labelling.length})`, value: p.id }))}
                  value={labelFor}
                  onChange={setLabelFor}
                />
                {labelProduct && labelProduct.labelling.length === 0 && <Text as="p">No labelling rule applies to this product in these markets.</Text>}
                {labelProduct?.labelling.map((w) => (
                  <Box key={`${w.rule}`} paddingBlockStart="100">
                    <BlockStack gap="050">
                      <InlineStack gap="200" blockAlign="center">
                        <Badge tone="warning">{w.destination}</Badge>
                        <Text as="span" fontWeight="semibold">{w.rule}</Text>
                      </InlineStack>
                      <Text as="p">{w.message}</Text>
                      <Text as="p" tone="subdued">Source: {w.source}</Text>
                    </BlockStack>
                  </Box>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
