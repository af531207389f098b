import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, FormLayout, InlineGrid, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import db from "../db.server";
import { env } from "../env.server";
import { ConnectionError, connectorFor, saveConnection } from "../integrations/3pl/connections.server";
import { exportOrders } from "../integrations/3pl/generic/csv";
import { importShipmentFile, importStockFile } from "../integrations/3pl/inbound.server";
import { handOverOrder, ReconcileError } from "../integrations/3pl/reconcile.server";
import { syncFromApi } from "../integrations/3pl/sync.server";
import { FulfillmentFlowError } from "../integrations/shopify/fulfillment.server";
import { gqlFromAdmin } from "../services/orders-fulfillment.server";
import { loadThirdPartyOverview, routedNotHandedOver, waitingHandovers, type Health, type ThirdPartyOverview } from "../services/third-party-admin.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const code = params.code ?? "";
  const url = new URL(request.url);
  if (url.searchParams.get("export") === "orders") {
    const csv = exportOrders(await waitingHandovers(db, session.shop, code));
    return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${code}-orders.csv"` } });
  }
  const overview = await loadThirdPartyOverview(db, session.shop, code, new Date());
  if (!overview) throw new Response(`No warehouse ${code} in this shop`, { status: 404 });
  const appUrl = env.SHOPIFY_APP_URL.replace(/\/$/, "");
  return { overview, webhookUrl: overview.connection ? `${appUrl}/webhooks/3pl/${overview.connection.id}` : null, toHandOver: (await routedNotHandedOver(db, session.shop, code)).length };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const shop = session.shop;
  const code = params.code ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = () => new Date();
  const graphql = gqlFromAdmin(admin);
  try {
    if (intent === "save-connection") {
      const connector = String(form.get("connector") ?? "");
      await saveConnection(db, shop, env.SHOPIFY_API_SECRET, {
        warehouseCode: code, connector, endpointUrl: String(form.get("endpointUrl") ?? "").trim() || null,
        credentials: connector === "shipbob" ? { token: String(form.get("token") ?? ""), channelId: String(form.get("channelId") ?? "") } : { secret: String(form.get("secret") ?? "") },
      });
      return { ok: "Connection saved" };
    }
    const connection = await db.thirdPartyConnection.findUnique({ where: { shop_warehouseCode: { shop, warehouseCode: code } } });
    if (!connection) return Response.json({ error: "Connect this warehouse's 3PL first" }, { status: 409 });
    if (intent === "import-shipments" || intent === "import-stock") {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return Response.json({ error: "Choose a CSV file to import" }, { status: 400 });
      if (file.size > 5_000_000) return Response.json({ error: "The file is larger than 5 MB; split it" }, { status: 413 });
      const csv = await file.text();
      const result = intent === "import-shipments" ? await importShipmentFile(db, graphql, connection, csv, now) : await importStockFile(db, graphql, connection, csv, now);
      if (result.fileError) return Response.json({ error: result.fileError }, { status: 400 });
      const flagged = "flagged" in result ? `, ${result.flagged} difference(s) flagged` : "";
      return { ok: `${intent === "import-shipments" ? "Shipments" : "Stock rows"}: ${result.applied} applied, ${result.duplicates} already applied${flagged}, ${result.errors.length} row(s) with errors`, rowErrors: result.errors };
    }
    if (intent === "hand-over") {
      const ids = await routedNotHandedOver(db, shop, code);
      const problems: string[] = [];
      let done = 0;
      for (const id of ids) {
        try {
          await handOverOrder({ db, graphql, shop, now, connectorFor: (c) => connectorFor(c, { appSecret: env.SHOPIFY_API_SECRET }) }, id);
          done++;
        } catch (error) {
          if (!(error instanceof ReconcileError || error instanceof FulfillmentFlowError)) throw error;
          problems.push(error.message);
        }
      }
      return problems.length ? Response.json({ error: `Handed over ${done} of ${ids.length}: ${problems.join("; ")}` }, { status: 502 }) : { ok: `Handed over ${done} order(s)` };
    }
    if (intent === "sync") {
      const connector = connectorFor(connection, { appSecret: env.SHOPIFY_API_SECRET });
      if (!connector.capabilities.fetchShipments && !connector.capabilities.fetchStock) return Response.json({ error: "This 3PL sends its messages to us; there is nothing to fetch" }, { status: 400 });
      const r = await syncFromApi({ db, graphql, now }, connection, connector);
      const summary = `${r.shipments} shipment(s) applied, ${r.duplicates} already applied, stock ${r.stock ? "counted" : "not counted"}`;
      return r.errors.length ? Response.json({ error: `${summary}; ${r.errors.join("; ")}` }, { status: 502 }) : { ok: summary };
    }
    if (intent === "acknowledge") {
      const { count } = await db.stockDiscrepancy.updateMany({ where: { shop, warehouseCode: code, id: String(form.get("id") ?? ""), status: "open" }, data: { status: "acknowledged" } });
      return count ? { ok: "Difference acknowledged" } : Response.json({ error: "No such open difference" }, { status: 404 });
    }
  } catch (error) {
    if (error instanceof ConnectionError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
  return Response.json({ error: `Unknown action "${intent}"` }, { status: 400 });
};

const HEALTH: Record<Health, { label: string; tone?: "success" | "critical" | "warning" | "attention" | "info" }> = {
  "not-connected": { label: "Not connected" },
  waiting: { label: "Waiting for first message", tone: "info" },
  healthy: { label: "Healthy", tone: "success" },
  stale: { label: "Stale", tone: "warning" },
  errors: { label: "Errors", tone: "critical" },
};
const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never");

export default function ThirdPartyWarehousePage() {
  // The loader also answers the CSV export (a Response), so its type is spelled out here.
  const { overview: o, webhookUrl, toHandOver } = useLoaderData<typeof loader>() as unknown as { overview: ThirdPartyOverview; webhookUrl: string | null; toHandOver: number };
  const result = useActionData<typeof action>() as { ok?: string; error?: string; rowErrors?: { line: number; reason: string }[] } | undefined;
  const busy = useNavigation().state !== "idle";
  const [connector, setConnector] = useState(o.connection?.connector ?? "generic");
  const [endpointUrl, setEndpointUrl] = useState(o.connection?.endpointUrl ?? "");
  const [secret, setSecret] = useState("");
  const [token, setToken] = useState("");
  const [channelId, setChannelId] = useState("");
  const sl = o.serviceLevel;
  const health = HEALTH[o.health];

  return (
    <Page title={o.warehouse.name} subtitle={`3PL connection · promise: ${o.warehouse.cutoff} cutoff (${o.warehouse.timeZone}), ${o.warehouse.handlingDays} handling day(s)`} backAction={{ content: "Warehouses", url: "/app/warehouses" }}>
      <Layout>
        {result?.ok && <Layout.Section><Banner tone="success" title={result.ok}>{result.rowErrors?.length ? <ul data-testid="row-errors">{result.rowErrors.map((e) => <li key={e.line}>Line {e.line}: {e.reason}</li>)}</ul> : null}</Banner></Layout.Section>}
        {result?.error && <Layout.Section><Banner tone="critical" title="Not done">{result.error}</Banner></Layout.Section>}
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 4 }} gap="400">
            <Card><BlockStack gap="200"><Text as="h2" variant="headingSm">Connection health</Text><span data-testid="3pl-health"><Badge tone={health.tone}>{health.label}</Badge></span><Text as="p" tone="subdued">{o.healthReason}</Text></BlockStack></Card>
            <Card><BlockStack gap="200"><Text as="h2" variant="headingSm">Last sync</Text><Text as="p" variant="headingMd"><span data-testid="3pl-last-sync">{when(o.connection?.lastSyncAt ?? null)}</span></Text><Text as="p" tone="subdued">{o.connection ? `${o.connection.connector === "shipbob" ? "ShipBob API" : "Signed webhooks and CSV files"}` : "—"}</Text></BlockStack></Card>
            <Card><BlockStack gap="200"><Text as="h2" variant="headingSm">Backlog</Text><Text as="p" variant="headingMd"><span data-testid="3pl-backlog">{o.backlog.waiting} waiting</span></Text><Text as="p" tone="subdued">{o.backlog.overdue} past promise · oldest {when(o.backlog.oldestSubmittedAt)}{o.backlog.failed ? ` · ${o.backlog.failed} not taken` : ""}</Text></BlockStack></Card>
            <Card><BlockStack gap="200"><Text as="h2" variant="headingSm">Order to shipped (90 days)</Text><Text as="p" variant="headingMd"><span data-testid="3pl-speed">{sl.p50Hours === null ? "no shipments yet" : `p50 ${sl.p50Hours} h · p90 ${sl.p90Hours} h`}</span></Text><Text as="p" tone="subdued"><span data-testid="3pl-on-time">{sl.shipped ? `${sl.onTime} of ${sl.shipped} shipped on promise` : "—"}</span></Text></BlockStack></Card>
          </InlineGrid>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between"><Text as="h2" variant="headingMd">Orders handed over</Text>
                {o.connection?.connector === "shipbob" && <Form method="post"><input type="hidden" name="intent" value="sync" /><Button submit loading={busy}>Sync from ShipBob</Button></Form>}
                <Form method="post"><input type="hidden" name="intent" value="hand-over" /><Button submit disabled={!o.connection || toHandOver === 0} loading={busy}>{`Hand over ${toHandOver} routed order(s)`}</Button></Form></InlineStack>
              {o.recentOrders.length === 0 ? <Text as="p" tone="subdued">Nothing handed over yet.</Text> : (
                <DataTable columnContentTypes={["text", "text", "text", "text", "numeric", "text"]} headings={["Order", "Status", "Submitted", "Shipped", "Hours", "Tracking"]}
                  rows={o.recentOrders.map((r) => [r.orderName, <span key="s" data-testid={`3pl-order-${r.orderName.replace("#", "")}`}><Badge tone={r.status === "shipped" ? "success" : r.status === "failed" || r.status === "short" ? "critical" : "info"}>{r.status}</Badge>{r.error ? ` ${r.error}` : ""}</span>, when(r.submittedAt), when(r.shippedAt), r.hours ?? "—", r.trackingNumber ? `${r.carrier} ${r.trackingNumber}` : "—"])} />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Stock differences</Text>
              {o.discrepancies.length === 0 ? <Text as="p" tone="subdued">The 3PL's counts agree with Shopify.</Text> : (
                <DataTable columnContentTypes={["text", "numeric", "numeric", "text", "text"]} headings={["SKU", "Expected", "3PL counted", "Note", ""]}
                  rows={o.discrepancies.map((d) => [<span key="k" data-testid={`discrepancy-${d.sku}`}>{d.sku}</span>, d.expected, d.reported, d.note,
                    <Form key="a" method="post"><input type="hidden" name="intent" value="acknowledge" /><input type="hidden" name="id" value={d.id} /><Button submit size="slim">Acknowledge</Button></Form>])} />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Messages and errors</Text>
              {o.messages.length === 0 ? <Text as="p" tone="subdued">No messages yet.</Text> : (
                <DataTable columnContentTypes={["text", "text", "text", "text", "text"]} headings={["When", "Direction", "Type", "Status", "Error"]}
                  rows={o.messages.map((m) => [when(m.createdAt), `${m.direction === "in" ? "from 3PL" : "to 3PL"} (${m.source})`, m.type, <Badge key="s" tone={m.status === "failed" ? "critical" : "success"}>{m.status}</Badge>, m.error ?? ""])} />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section variant="oneHalf">
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="save-connection" />
              <FormLayout>
                <Text as="h2" variant="headingMd">Connection</Text>
                <Select label="Connector" name="connector" options={[{ label: "Generic (signed webhooks, CSV files)", value: "generic" }, { label: "ShipBob (REST API)", value: "shipbob" }]} value={connector} onChange={setConnector} />
                <TextField label={connector === "shipbob" ? "API base URL (blank = ShipBob production)" : "Where the 3PL receives orders (blank = files only)"} name="endpointUrl" autoComplete="off" value={endpointUrl} onChange={setEndpointUrl} />
                {connector === "shipbob" ? (<>
                  <TextField label="Personal access token" name="token" type="password" autoComplete="off" value={token} onChange={setToken} />
                  <TextField label="Channel id" name="channelId" autoComplete="off" value={channelId} onChange={setChannelId} />
                </>) : <TextField label="Shared secret (16+ characters)" name="secret" type="password" autoComplete="off" value={secret} onChange={setSecret} helpText="Signs our messages and checks theirs (HMAC-SHA256 over timestamp and body)" />}
                {webhookUrl && <Text as="p" tone="subdued">The 3PL posts its messages to <span data-testid="3pl-webhook-url">{webhookUrl}</span></Text>}
                <Button submit loading={busy}>Save connection</Button>
              </FormLayout>
            </Form>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">File exchange</Text>
              <Link to={`/app/warehouses/${o.warehouse.code}?export=orders`} reloadDocument>Download orders waiting (CSV)</Link>
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="import-shipments" />
                <InlineStack gap="200" blockAlign="center"><input type="file" name="file" accept=".csv,text/csv" aria-label="Shipment file" /><Button submit loading={busy}>Import shipments</Button></InlineStack>
              </Form>
              <Form method="post" encType="multipart/form-data">
                <input type="hidden" name="intent" value="import-stock" />
                <InlineStack gap="200" blockAlign="center"><input type="file" name="file" accept=".csv,text/csv" aria-label="Stock file" /><Button submit loading={busy}>Import stock count</Button></InlineStack>
              </Form>
              <Text as="p" tone="subdued">Shipments: reference, shipped_at, carrier, tracking_number, tracking_url, sku, quantity. Stock: sku, on_hand.</Text>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
