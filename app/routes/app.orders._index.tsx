import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, IndexTable, InlineStack, Page, ProgressBar, Text, useIndexResourceState } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import db from "../db.server";
import { FulfillmentFlowError } from "../integrations/shopify/fulfillment.server";
import { fulfilOne, ordersOverview, replanOpenOrders, routeOne } from "../services/orders-fulfillment.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { orders: await ordersOverview(db, session.shop) };
};

/** One order per request, so a bulk action shows real progress and one failure stops nothing else. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "replan") {
    try {
      const r = await replanOpenOrders(db, session.shop, admin, new Date());
      return { id: "", ok: true, message: `Re-planned ${r.decisions.length} open orders together: ${(r.after / 100).toFixed(2)} in total, was ${(r.before / 100).toFixed(2)}` };
    } catch (error) {
      if (error instanceof Response) return Response.json({ id: "", ok: false, message: await error.text() }, { status: error.status });
      throw error;
    }
  }
  const id = String(form.get("id") ?? "");
  if (!id.startsWith("gid://shopify/Order/")) return Response.json({ id, ok: false, message: "id must be an order gid (gid://shopify/Order/...)" }, { status: 400 });
  try {
    if (intent === "route" || intent === "reroute") {
      const d = await routeOne(db, session.shop, admin, id, intent === "route" ? "new" : "reroute", new Date());
      return { id, ok: d.status === "routed", message: d.reason };
    }
    if (intent === "fulfil") {
      const shipped = await fulfilOne(db, session.shop, admin, id, new Date(), session.shop);
      return { id, ok: true, message: `shipped with ${shipped.map((s) => s.trackingNumber).join(", ")}` };
    }
  } catch (error) {
    if (error instanceof FulfillmentFlowError) return Response.json({ id, ok: false, message: error.message }, { status: error.status });
    if (error instanceof Response) return Response.json({ id, ok: false, message: await error.text() }, { status: error.status });
    throw error;
  }
  return Response.json({ id, ok: false, message: `Unknown action "${intent}": expected route, reroute, fulfil or replan` }, { status: 400 });
};

const TONE = { unrouted: undefined, routed: "info", unroutable: "critical", fulfilling: "attention", fulfilled: "success", failed: "critical" } as const;

/** Runs an action over orders one at a time and reports progress as it goes. */
function useBulk() {
  const fetcher = useFetcher<{ id: string; ok: boolean; message: string }>();
  const [queue, setQueue] = useState<{ intent: string; ids: string[]; done: number; failed: { id: string; message: string }[] } | null>(null);
  const sent = useRef(-1);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!queue) return;
    if (fetcher.state !== "idle") return;
    if (sent.current === queue.done && fetcher.data) {
      const failed = fetcher.data.ok ? queue.failed : [...queue.failed, { id: fetcher.data.id, message: fetcher.data.message }];
      setQueue({ ...queue, done: queue.done + 1, failed });
      return;
    }
    if (queue.done >= queue.ids.length) { revalidator.revalidate(); return; }
    if (sent.current !== queue.done) {
      sent.current = queue.done;
      fetcher.submit({ intent: queue.intent, id: queue.ids[queue.done]! }, { method: "post" });
    }
  }, [queue, fetcher.state, fetcher.data]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    queue,
    start: (intent: string, ids: string[]) => { sent.current = -1; setQueue({ intent, ids, done: 0, failed: [] }); },
  };
}

export default function Orders() {
  const { orders } = useLoaderData<typeof loader>();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(orders);
  const bulk = useBulk();
  const running = bulk.queue && bulk.queue.done < bulk.queue.ids.length;
  const run = (intent: string) => { bulk.start(intent, [...selectedResources]); clearSelection(); };
  const label = { route: "Routing", reroute: "Re-routing", fulfil: "Fulfilling" } as Record<string, string>;
  const replanned = useActionData<typeof action>() as { ok: boolean; message: string } | undefined;
  const navigation = useNavigation();

  return (
    <Page title="Orders" subtitle="Each order's route (warehouse and service), its flow through Shopify, labels, customs invoices and tracking.">
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p" tone="subdued">Each new order is routed alone; re-planning routes every open order together with the optimiser.</Text>
          <Form method="post">
            <input type="hidden" name="intent" value="replan" />
            <Button submit loading={navigation.state === "submitting" && navigation.formData?.get("intent") === "replan"}>Re-plan open orders</Button>
          </Form>
        </InlineStack>
        {replanned && <Banner tone={replanned.ok ? "success" : "critical"}><span data-testid="replan-result">{replanned.message}</span></Banner>}
        {bulk.queue && (
          <Card>
            <BlockStack gap="200">
              <Text as="p">
                <span data-testid="bulk-progress">{label[bulk.queue.intent]} {bulk.queue.done} of {bulk.queue.ids.length}</span>
                {bulk.queue.failed.length > 0 && `, ${bulk.queue.failed.length} failed`}
                {!running && " - done"}
              </Text>
              <ProgressBar progress={Math.round((bulk.queue.done / Math.max(1, bulk.queue.ids.length)) * 100)} tone={bulk.queue.failed.length ? "critical" : "primary"} />
              {bulk.queue.failed.map((f) => <Banner key={f.id} tone="warning">{orders.find((o) => o.id === f.id)?.name ?? f.id}: {f.message}</Banner>)}
            </BlockStack>
          </Card>
        )}
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "order", plural: "orders" }}
            itemCount={orders.length}
            selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
            onSelectionChange={handleSelectionChange}
            promotedBulkActions={[
              { content: "Route", onAction: () => run("route"), disabled: !!running },
              { content: "Re-route", onAction: () => run("reroute"), disabled: !!running },
              { content: "Fulfil", onAction: () => run("fulfil"), disabled: !!running },
            ]}
            headings={[{ title: "Order" }, { title: "To" }, { title: "Route" }, { title: "Service" }, { title: "Cost", alignment: "end" }, { title: "Status" }, { title: "Documents" }, { title: "Tracking" }]}
          >
            {orders.map((o, i) => (
              <IndexTable.Row id={o.id} key={o.id} position={i} selected={selectedResources.includes(o.id)}>
                <IndexTable.Cell>
                  <Link to={`/app/orders/${encodeURIComponent(o.id)}`} data-testid="order-link" onClick={(e) => e.stopPropagation()}>{o.name}</Link>
                </IndexTable.Cell>
                <IndexTable.Cell>{o.country ?? ""}</IndexTable.Cell>
                <IndexTable.Cell><span data-testid={`route-${o.name}`}>{o.route ?? "-"}</span></IndexTable.Cell>
                <IndexTable.Cell>{o.service ?? ""}</IndexTable.Cell>
                <IndexTable.Cell>{o.totalMinor !== null ? <Text as="span" alignment="end" numeric>{(o.totalMinor / 100).toFixed(2)} {o.currency}</Text> : ""}</IndexTable.Cell>
                <IndexTable.Cell><span data-testid="order-status"><Badge tone={TONE[o.status]}>{o.status}</Badge></span></IndexTable.Cell>
                <IndexTable.Cell>
                  <InlineStack gap="100">
                    {o.label && <Badge tone="success">label</Badge>}
                    {o.invoice && <Badge tone="success">invoice</Badge>}
                  </InlineStack>
                </IndexTable.Cell>
                <IndexTable.Cell><span data-testid={`tracking-${o.name}`}>{o.tracking.join(", ")}</span></IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        </Card>
        {orders.length === 0 && <Text as="p" tone="subdued">No open orders yet: they appear as the order sync brings them in.</Text>}
        <InlineStack><Button url="/app/warehouses">Warehouse settings</Button></InlineStack>
      </BlockStack>
    </Page>
  );
}
