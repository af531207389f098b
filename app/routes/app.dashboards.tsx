import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DataTable, InlineGrid, InlineStack, Page, ProgressBar, Select, Text, TextField } from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useState } from "react";
import { BarChartCard } from "../components/charts";
import db from "../db.server";
import { simulatedDemoDelivery } from "../demo/deliveries";
import { isDemo } from "../env.server";
import { inventoryView } from "../services/inventory.server";
import { dashboardCsv, dashboardFigures, loadProductTypes, syncCostFacts, type DashboardFigures } from "../services/dashboards.server";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisVizStyles }];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthsBefore(now: Date, n: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

/** Month range and market from the query string; anything malformed is a 400 naming the field. */
function parseFilters(url: URL, now: Date) {
  const fromMonth = url.searchParams.get("from") || monthsBefore(now, 5);
  const toMonth = url.searchParams.get("to") || monthsBefore(now, 0);
  const market = url.searchParams.get("market") || undefined;
  if (!MONTH.test(fromMonth)) throw new Response("from must be a month written YYYY-MM", { status: 400 });
  if (!MONTH.test(toMonth)) throw new Response("to must be a month written YYYY-MM", { status: 400 });
  if (fromMonth > toMonth) throw new Response("from must not be after to", { status: 400 });
  if (market && !/^[A-Z]{2}$/.test(market)) throw new Response("market must be a two-letter country code", { status: 400 });
  return { fromMonth, toMonth, market };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const now = new Date();
  const url = new URL(request.url);
  const filters = parseFilters(url, now);
  // New orders get their cost facts on the first view after they sync.
  const [facts, orders] = await Promise.all([db.orderCostFact.count({ where: { shop: session.shop } }), db.order.count({ where: { shop: session.shop, cancelledAt: null } })]);
  if (facts < orders) {
    await syncCostFacts(db, session.shop, { productTypes: await loadProductTypes(admin), deliveryOf: isDemo ? simulatedDemoDelivery : undefined });
  }
  const figures = await dashboardFigures(db, session.shop, filters, now);
  if (url.searchParams.get("format") === "csv") {
    return new Response(dashboardCsv(figures), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="costs-${filters.fromMonth}-${filters.toMonth}.csv"` },
    });
  }
  // Stock cover comes from Shopify's inventory levels and the forecasts; the cost figures stand
  // without it when the Admin API cannot be reached.
  const cover = await inventoryView(db, admin, session.shop, now).then((v) => v.cover).catch(() => null);
  return { figures, cover, from: filters.fromMonth, to: filters.toMonth, demo: isDemo };
};

const money = (minor: number, currency: string) => (minor / 100).toLocaleString("en", { style: "currency", currency });
const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);

export default function Dashboards() {
  // The loader answers CSV as a plain Response; the page only ever sees the figures.
  const { figures, cover, from, to, demo } = useLoaderData<typeof loader>() as unknown as {
    figures: DashboardFigures;
    cover: Array<{ region: string; units: number; dailyDemand: number; daysOfCover: number | null }> | null;
    from: string;
    to: string;
    demo: boolean;
  };
  const [params] = useSearchParams();
  const [fromValue, setFrom] = useState(from);
  const [toValue, setTo] = useState(to);
  const [market, setMarket] = useState(figures.filters.market ?? "");
  const c = figures.currency;
  const major = (minor: number) => Math.round(minor) / 100;
  const costTable = (rows: typeof figures.byRegion, label: string, testId: string) => (
    <div data-testid={testId}>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
        headings={[label, "Orders", "Shipping", "Duties & taxes", "Handling", "Storage", "Returns", "Cost per order"]}
        rows={rows.map((r) => [r.key, r.orders, money(r.shipping, c), money(r.duties, c), money(r.handling, c), money(r.storage, c), money(r.returns, c), money(r.total, c)])}
      />
    </div>
  );
  const csvHref = `?${new URLSearchParams({ ...Object.fromEntries(params), from, to, format: "csv" }).toString()}`;

  return (
    <Page title="Dashboards" subtitle="Delivery time, cost per order, duties and returns, from the synced orders.">
      <BlockStack gap="500">
        {demo && <Banner tone="info" title="Demo store: orders from the local Shopify emulator; delivery dates are simulated from each lane's transit time" />}
        <Card>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end">
              <TextField label="From month" type="month" name="from" value={fromValue} onChange={setFrom} autoComplete="off" />
              <TextField label="To month" type="month" name="to" value={toValue} onChange={setTo} autoComplete="off" />
              <Select label="Market" name="market" options={[{ label: "All markets", value: "" }, ...figures.markets.map((m) => ({ label: m, value: m }))]} value={market} onChange={setMarket} />
              <Button submit>Apply</Button>
              <Button url={csvHref} download>Export CSV</Button>
            </InlineStack>
          </Form>
        </Card>

        <InlineGrid columns={{ xs: 1, md: 4 }} gap="400">
          <Card><BlockStack gap="100"><Text as="p" tone="subdued">Orders</Text><Text as="p" variant="headingXl"><span data-testid="kpi-orders">{figures.orders.toLocaleString("en")}</span></Text></BlockStack></Card>
          <Card><BlockStack gap="100"><Text as="p" tone="subdued">Cost per order</Text><Text as="p" variant="headingXl"><span data-testid="kpi-cost">{money(figures.costPerOrder.total, c)}</span></Text></BlockStack></Card>
          <Card><BlockStack gap="100"><Text as="p" tone="subdued">Duties & taxes per order</Text><Text as="p" variant="headingXl">{money(figures.costPerOrder.duties, c)}</Text></BlockStack></Card>
          <Card><BlockStack gap="100"><Text as="p" tone="subdued">Lanes tracked</Text><Text as="p" variant="headingXl">{figures.lanes.length}</Text></BlockStack></Card>
        </InlineGrid>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Delivery time by lane (days, p50 and p90) and on-time rate</Text>
            <BarChartCard
              testId="chart-delivery"
              series={[
                { name: "p50", points: figures.lanes.slice(0, 12).map((l) => ({ key: l.lane, value: l.p50 })) },
                { name: "p90", points: figures.lanes.slice(0, 12).map((l) => ({ key: l.lane, value: l.p90 })) },
              ]}
            />
            <div data-testid="lanes">
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Lane (warehouse-destination)", "Parcels", "p50 days", "p90 days", "On time"]}
                rows={figures.lanes.map((l) => [l.lane, l.parcels, l.p50 ?? "–", l.p90 ?? "–", pct(l.onTimeRate)])}
              />
            </div>
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Cost per order by region</Text>
            <BarChartCard
              testId="chart-cost-region"
              stacked
              series={(["shipping", "duties", "handling", "storage", "returns"] as const).map((k) => ({
                name: { shipping: "Shipping", duties: "Duties & taxes", handling: "Handling", storage: "Storage", returns: "Returns" }[k],
                points: figures.byRegion.map((r) => ({ key: r.key, value: major(r[k]) })),
              }))}
            />
            {costTable(figures.byRegion, "Region", "cost-by-region")}
          </BlockStack>
        </Card>

        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Cost per order by product type</Text>
              <BarChartCard testId="chart-cost-type" horizontal series={[{ name: "Cost per order", points: figures.byProductType.map((r) => ({ key: r.key, value: major(r.total) })) }]} />
            </BlockStack>
          </Card>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Duties and import taxes: collected vs paid</Text>
              <BarChartCard
                testId="chart-duties"
                series={[
                  { name: "Collected at checkout", points: figures.duties.slice(0, 10).map((d) => ({ key: d.market, value: major(d.collected) })) },
                  { name: "Paid at the border", points: figures.duties.slice(0, 10).map((d) => ({ key: d.market, value: major(d.paid) })) },
                ]}
              />
            </BlockStack>
          </Card>
        </InlineGrid>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Stock cover by region (days, at the forecast demand)</Text>
            {cover && cover.some((c) => c.daysOfCover !== null) ? (
              <>
                <BarChartCard testId="chart-cover" horizontal height={200} series={[{ name: "Days of cover", points: cover.map((c) => ({ key: c.region, value: c.daysOfCover === null ? null : Math.round(c.daysOfCover) })) }]} />
                <div data-testid="cover">
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                    headings={["Region", "Units on hand and in transit", "Forecast units a day", "Days of cover"]}
                    rows={cover.map((c) => [c.region, c.units, c.dailyDemand.toFixed(1), c.daysOfCover === null ? "–" : Math.round(c.daysOfCover)])}
                  />
                </div>
              </>
            ) : (
              <Text as="p" tone="subdued">No demand forecast yet: refresh the forecasts on the Inventory page.</Text>
            )}
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Carrier volume tiers this month</Text>
            {figures.tiers.map((t) => (
              <BlockStack key={t.carrierId} gap="100">
                <Text as="p">
                  <strong>{t.carrierId}</strong>: {t.parcelsThisMonth} parcels this month{t.currentDiscountPercent ? `, ${t.currentDiscountPercent}% discount reached` : ""}.{" "}
                  <span data-testid={`tier-${t.carrierId}`}>
                    {t.next ? `${t.next.parcelsToGo} more parcels this month to reach the next discount (${t.next.discountPercent}% from ${t.next.minMonthlyShipments}).` : "Top tier reached."}
                  </span>
                </Text>
                <ProgressBar progress={t.next ? Math.round((t.parcelsThisMonth / t.next.minMonthlyShipments) * 100) : 100} size="small" />
              </BlockStack>
            ))}
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Returns by region</Text>
            <div data-testid="returns">
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Region", "Orders", "Returned", "Return rate", "Return cost"]}
                rows={figures.returns.map((r) => [r.region, r.orders, r.returned, pct(r.rate), money(r.cost, c)])}
              />
            </div>
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Cost per order by market and carrier</Text>
            {costTable(figures.byMarket, "Market", "cost-by-market")}
            {costTable(figures.byCarrier, "Carrier", "cost-by-carrier")}
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
