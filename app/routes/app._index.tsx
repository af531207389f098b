import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { isDemo } from "../env.server";
import { loadShopOverview } from "../integrations/shopify/shop-overview.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin } = await authenticate.admin(request);
  const overview = await loadShopOverview(admin);
  return { overview, demo: isDemo };
};

function countryName(code: string | null): string {
  if (!code) return "—";
  return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
}

function formatMoney(amount: string, currency: string): string {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(Number(amount));
}

export default function Home() {
  const { overview, demo } = useLoaderData<typeof loader>();
  const { shop, locations, productCount, orderCount, recentOrders } = overview;
  const continents = new Set(locations.map((l) => l.country));
  return (
    <Page title="Borderless" subtitle="Cross-border fulfillment: customs, carriers, tracking and local returns">
      <BlockStack gap="500">
        {demo && (
          <Banner tone="info" title="Demo store: this is demo data from the local Shopify emulator">
            <p>
              Nothing here reaches Shopify. {shop.name} ({shop.domain}) is a seeded store served by the local emulator of the
              Shopify Admin API; every figure on these pages comes from it through the same Admin API calls the app makes on a
              real store.
            </p>
          </Banner>
        )}
        <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
          <Metric label="Products" value={productCount.toLocaleString("en")} />
          <Metric label="Orders" value={orderCount.toLocaleString("en")} />
          <Metric label="Warehouses" value={String(locations.length)} />
          <Metric label="Store currency" value={shop.currency} />
        </InlineGrid>
        <Layout>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Recent orders
                </Text>
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "numeric"]}
                  headings={["Order", "Placed", "Destination", "Fulfillment", "Total"]}
                  rows={recentOrders.map((o) => [
                    o.name,
                    new Date(o.createdAt).toLocaleDateString("en", { dateStyle: "medium" }),
                    countryName(o.country),
                    o.status.replaceAll("_", " ").toLowerCase(),
                    formatMoney(o.total, o.currency),
                  ])}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Warehouses ({continents.size} {continents.size === 1 ? "country" : "countries"})
                </Text>
                {locations.map((l) => (
                  <InlineStack key={l.id} align="space-between" blockAlign="center">
                    <BlockStack gap="050">
                      <Text as="span" fontWeight="semibold">
                        {l.name}
                      </Text>
                      <Text as="span" tone="subdued">
                        {[l.city, countryName(l.country)].filter(Boolean).join(", ")}
                      </Text>
                    </BlockStack>
                    <Badge tone={l.active ? "success" : undefined}>{l.active ? "Active" : "Inactive"}</Badge>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingXl">
          <span data-testid={`metric-${label.toLowerCase().replaceAll(" ", "-")}`}>{value}</span>
        </Text>
      </BlockStack>
    </Card>
  );
}
