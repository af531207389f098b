import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import {
  Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineGrid, InlineStack, Layout, Page, ProgressBar, Select, Text,
} from "@shopify/polaris";
import polarisVizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { useEffect, useMemo, useState } from "react";
import { LineChartCard } from "../components/charts";
import db from "../db.server";
import { ReallocationError } from "../engine/inventory/reallocation";
import { isDemo } from "../env.server";
import { decidePlan, inventoryView, PlanDecisionError, proposePlan, startForecastRefresh } from "../services/inventory.server";
import { authenticate } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisVizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const view = await inventoryView(db, admin, session.shop, new Date());
  return { ...view, demo: isDemo };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = new Date();
  if (intent === "refresh") {
    const run = await startForecastRefresh(db, session.shop, now);
    return { ok: true, message: run.started ? "Forecast refresh started" : "A forecast refresh is already running" };
  }
  if (intent === "propose") {
    try {
      const plan = await proposePlan(db, admin, session.shop, now);
      return { ok: true, message: plan.lines.length ? `Plan proposed: ${plan.lines.length} transfers` : "Plan proposed: moving nothing is cheapest" };
    } catch (error) {
      if (error instanceof ReallocationError) return Response.json({ ok: false, message: error.message }, { status: 422 });
      throw error;
    }
  }
  if (intent === "approve" || intent === "reject") {
    const planId = String(form.get("planId") ?? "");
    try {
      const result = await decidePlan(db, session.shop, planId, intent, now);
      return { ok: true, message: `Plan ${result.status}` };
    } catch (error) {
      if (error instanceof PlanDecisionError) return Response.json({ ok: false, message: error.message }, { status: error.status });
      throw error;
    }
  }
  return Response.json({ ok: false, message: `Unknown action "${intent}": expected refresh, propose, approve or reject` }, { status: 400 });
};

const FLAG_TONES = { stockout: "critical", low: "warning", overstock: "attention", ok: "success", "no-demand": undefined } as const;
const money = (minor: number, currency: string) => (minor / 100).toLocaleString("en", { style: "currency", currency });
const days = (v: number | null) => (v === null ? "–" : v > 999 ? "999+" : v.toFixed(0));

export default function Inventory() {
  const data = useLoaderData<typeof loader>();
  const action = useActionData<typeof action>() as { ok: boolean; message: string } | undefined;
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const running = data.run?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const names = Object.fromEntries(data.warehouses.map((w) => [w.id, w.name]));
  names.origin = "Origin (makers)";
  const options = data.forecasts.map((f, i) => ({ label: `${f.sku} · ${f.region} (${f.method})`, value: String(i) }));
  const busiest = useMemo(() => {
    let best = 0;
    data.forecasts.forEach((f, i) => {
      if (f.history.reduce((s, v) => s + v, 0) > data.forecasts[best]!.history.reduce((s, v) => s + v, 0)) best = i;
    });
    return String(best);
  }, [data.forecasts]);
  const [selected, setSelected] = useState(busiest);
  const forecast = data.forecasts[Number(selected)] ?? data.forecasts[0];
  const flagged = data.rows.filter((r) => r.cells.some((c) => c.flag === "stockout" || c.flag === "low" || c.flag === "overstock"));

  const chart = forecast && (() => {
    const start = new Date(forecast.periodStart).getTime();
    const week = (i: number) => new Date(start + i * 7 * 86_400_000).toISOString().slice(5, 10);
    const h = forecast.history.length;
    const hist = forecast.history.map((v, i) => ({ key: week(i - h), value: v }));
    const ahead = (values: number[]) => [...forecast.history.map((_, i) => ({ key: week(i - h), value: null })), ...values.map((v, i) => ({ key: week(i), value: v }))];
    return [
      { name: "Units sold per week", points: [...hist, ...forecast.mean.map((_, i) => ({ key: week(i), value: null }))], color: "#2c6ecb" },
      { name: "Forecast", points: ahead(forecast.mean), color: "#b98900" },
      { name: `${Math.round(forecast.level * 100)}% interval, low`, points: ahead(forecast.lower), color: "#8c9196", dashed: true },
      { name: `${Math.round(forecast.level * 100)}% interval, high`, points: ahead(forecast.upper), color: "#8c9196", dashed: true },
    ];
  })();

  return (
    <Page title="Inventory" subtitle="Stock near your customers: where it is, how long it lasts, what to move.">
      <BlockStack gap="500">
        {data.demo && <Banner tone="info" title="Demo store: stock levels and orders come from the local Shopify emulator" />}
        {action && <Banner tone={action.ok ? "success" : "critical"}><span data-testid="inventory-message">{action.message}</span></Banner>}

        <InlineGrid columns={{ xs: 1, md: Math.max(1, data.cover.length) }} gap="400">
          {data.cover.map((c) => (
            <Card key={c.region}>
              <BlockStack gap="100">
                <Text as="p" tone="subdued">Days of cover, {c.region}</Text>
                <Text as="p" variant="headingXl"><span data-testid={`cover-${c.region}`}>{days(c.daysOfCover)}</span></Text>
                <Text as="p" tone="subdued">{c.units.toLocaleString("en")} units for {c.dailyDemand.toFixed(1)} a day</Text>
              </BlockStack>
            </Card>
          ))}
        </InlineGrid>

        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">Demand forecasts</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="refresh" />
                <Button submit loading={navigation.formData?.get("intent") === "refresh"} disabled={running}>Refresh forecasts</Button>
              </Form>
            </InlineStack>
            {data.run ? (
              <BlockStack gap="200">
                <Text as="p">
                  <span data-testid="forecast-run-status">{data.run.status}</span>: {data.run.done} of {data.run.total} series (SKU x region)
                  {data.run.finishedAt ? `, finished ${new Date(data.run.finishedAt).toLocaleString("en")}` : ""}
                </Text>
                <ProgressBar progress={data.run.total ? Math.round((data.run.done / data.run.total) * 100) : running ? 0 : 100} tone={data.run.status === "failed" ? "critical" : "primary"} />
                {data.run.error && <Banner tone="critical">{data.run.error}</Banner>}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">No forecast yet: refresh to fit one per SKU and region from the synced orders.</Text>
            )}
            {forecast && chart && (
              <BlockStack gap="200">
                <Select label="Series" options={options} value={selected} onChange={setSelected} />
                <Text as="p" tone="subdued">
                  Method chosen by backtest: <span data-testid="forecast-method">{forecast.method}</span>
                  {forecast.backtestMase !== null ? ` (rolling-origin MASE ${forecast.backtestMase.toFixed(2)})` : ""}. Next 4 weeks:{" "}
                  {forecast.mean.slice(0, 4).reduce((s, v) => s + v, 0).toFixed(1)} units ({forecast.lower.slice(0, 4).reduce((s, v) => s + v, 0).toFixed(1)}–
                  {forecast.upper.slice(0, 4).reduce((s, v) => s + v, 0).toFixed(1)}).
                </Text>
                <LineChartCard series={chart} testId="forecast-chart" />
              </BlockStack>
            )}
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">Reallocation plan</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="propose" />
                <Button submit variant="primary" loading={navigation.formData?.get("intent") === "propose"}>Propose plan</Button>
              </Form>
            </InlineStack>
            {data.plan ? (
              <BlockStack gap="300">
                <InlineStack gap="200" blockAlign="center">
                  <span data-testid="plan-status">
                    <Badge tone={data.plan.status === "approved" ? "success" : data.plan.status === "rejected" ? "critical" : "attention"}>{data.plan.status}</Badge>
                  </span>
                  <Text as="p">
                    Over {data.plan.horizonDays} days: {money(data.plan.cost.total, data.plan.currency)} with the plan against{" "}
                    {money(data.plan.doNothingTotal, data.plan.currency)} moving nothing (transfers {money(data.plan.cost.transfer, data.plan.currency)}, duties{" "}
                    {money(data.plan.cost.duty, data.plan.currency)}, expected stockouts {money(data.plan.cost.stockout, data.plan.currency)}, holding{" "}
                    {money(data.plan.cost.holding, data.plan.currency)}, on-demand storage {money(data.plan.cost.storage, data.plan.currency)}).
                  </Text>
                </InlineStack>
                {data.plan.lines.length > 0 ? (
                  <div data-testid="plan-lines">
                    <DataTable
                      columnContentTypes={["text", "text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
                      headings={["SKU", "From", "To", "Units", "Lead time (days)", "Transfer", "Duty", "Arrives"]}
                      rows={data.plan.lines.map((l) => [
                        l.sku, names[l.from] ?? l.from, names[l.to] ?? l.to, l.quantity, l.leadTimeDays, money(l.transfer, data.plan!.currency), money(l.duty, data.plan!.currency),
                        l.arrivesAt ? new Date(l.arrivesAt).toLocaleDateString("en") : "on approval",
                      ])}
                    />
                  </div>
                ) : (
                  <Text as="p" tone="subdued">Moving nothing is cheapest for the forecast demand.</Text>
                )}
                {data.plan.status === "proposed" && (
                  <InlineStack gap="200">
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="planId" value={data.plan.id} />
                      <Button submit variant="primary" tone="success">Approve transfers</Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="reject" />
                      <input type="hidden" name="planId" value={data.plan.id} />
                      <Button submit>Reject</Button>
                    </Form>
                  </InlineStack>
                )}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">No plan yet. A plan weighs transfer cost, duties on moved stock, expected stockouts, holding and on-demand storage (HiGHS).</Text>
            )}
          </BlockStack>
        </Card>

        <Layout>
          <Layout.Section>
            <Card padding="0">
              <Box padding="400">
                <InlineStack align="space-between">
                  <Text as="h2" variant="headingMd">Stock by warehouse</Text>
                  <Text as="p" tone="subdued"><span data-testid="flagged-count">{flagged.length}</span> SKUs flagged</Text>
                </InlineStack>
              </Box>
              <div data-testid="stock-matrix">
                <DataTable
                  columnContentTypes={["text", ...data.warehouses.map(() => "text" as const)]}
                  headings={["SKU", ...data.warehouses.map((w) => `${w.name} (${w.serves.join(", ")})`)]}
                  rows={data.rows.map((row) => [
                    <BlockStack key="sku" gap="050"><Text as="span" fontWeight="semibold">{row.sku}</Text><Text as="span" tone="subdued">{row.title}</Text></BlockStack>,
                    ...row.cells.map((c) => (
                      <BlockStack key={c.warehouseId} gap="050">
                        <Text as="span">{c.available} available · {c.reserved} reserved · {c.inTransit} in transit</Text>
                        <InlineStack gap="100">
                          <Text as="span" tone="subdued">{days(c.daysOfCover)} days</Text>
                          {FLAG_TONES[c.flag] && <Badge tone={FLAG_TONES[c.flag]}>{c.flag}</Badge>}
                        </InlineStack>
                      </BlockStack>
                    )),
                  ])}
                />
              </div>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
