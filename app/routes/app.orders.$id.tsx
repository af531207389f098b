import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import db from "../db.server";
import { FulfillmentFlowError } from "../integrations/shopify/fulfillment.server";
import { fulfilOne, orderDetail, routeOne } from "../services/orders-fulfillment.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = params.id ?? "";
  if (!id.startsWith("gid://shopify/Order/")) throw new Response("Not an order id: expected gid://shopify/Order/...", { status: 400 });
  return { id, ...(await orderDetail(db, session.shop, id)) };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const id = params.id ?? "";
  const intent = String((await request.formData()).get("intent") ?? "");
  try {
    if (intent === "reroute") return { message: (await routeOne(db, session.shop, admin, id, "reroute", new Date())).reason };
    if (intent === "fulfil") return { message: `Shipped: ${(await fulfilOne(db, session.shop, admin, id, new Date(), session.shop)).map((s) => s.trackingNumber).join(", ")}` };
  } catch (error) {
    if (error instanceof FulfillmentFlowError) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof Response) return Response.json({ error: await error.text() }, { status: error.status });
    throw error;
  }
  return Response.json({ error: `Unknown action "${intent}": expected reroute or fulfil` }, { status: 400 });
};

const fmt = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;

export default function OrderPage() {
  const { name, destination, decision, history, steps, documents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { message?: string; error?: string } | undefined;
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Page title={`Order ${name}`} subtitle={destination ?? undefined} backAction={{ content: "Orders", url: "/app/orders" }}>
      <Layout>
        {result?.message && <Layout.Section><Banner tone="success">{result.message}</Banner></Layout.Section>}
        {result?.error && <Layout.Section><Banner tone="critical"><span data-testid="order-error">{result.error}</span></Banner></Layout.Section>}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">Routing decision</Text>
                <InlineStack gap="200">
                  <Form method="post"><input type="hidden" name="intent" value="reroute" /><Button submit loading={busy("reroute")}>Re-route</Button></Form>
                  <Form method="post"><input type="hidden" name="intent" value="fulfil" /><Button submit variant="primary" loading={busy("fulfil")}>Fulfil</Button></Form>
                </InlineStack>
              </InlineStack>
              {!decision ? <Text as="p" tone="subdued">Not routed yet.</Text> : (
                <BlockStack gap="200">
                  <Text as="p"><Badge tone={decision.status === "routed" ? "success" : "critical"}>{decision.status}</Badge> <span data-testid="decision-reason">{decision.reason}</span></Text>
                  {decision.cost && (
                    <Text as="p" tone="subdued">
                      Total {fmt(decision.cost.total, decision.currency)}: shipping {fmt(decision.cost.shipping, decision.currency)}, duties and taxes not recovered {fmt(decision.cost.duties, decision.currency)},
                      handling {fmt(decision.cost.handling, decision.currency)}, lateness {fmt(decision.cost.lateness, decision.currency)}
                    </Text>
                  )}
                  <DataTable
                    columnContentTypes={["text", "text", "text", "numeric"]}
                    headings={["Shipment from", "Lines", "Service", "Delivered by"]}
                    rows={decision.shipments.map((s) => [s.warehouseId, s.lines.map((l) => `${l.quantity} x ${l.sku}`).join(", "), `${s.serviceName} (${s.carrierId})`, s.latestDelivery])}
                  />
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        {decision && (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Candidates</Text>
                <div data-testid="candidates">
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "text"]}
                    headings={["Route", "Shipping", "Duties/taxes", "Handling", "Lateness", "Total", "Why"]}
                    rows={decision.candidates.map((c) => [
                      <InlineStack key="l" gap="100">{c.label}{c.chosen && <Badge tone="success">chosen</Badge>}</InlineStack>,
                      c.cost ? fmt(c.cost.shipping, decision.currency) : "-",
                      c.cost ? fmt(c.cost.duties, decision.currency) : "-",
                      c.cost ? fmt(c.cost.handling, decision.currency) : "-",
                      c.cost ? fmt(c.cost.lateness, decision.currency) : "-",
                      c.cost ? fmt(c.cost.total, decision.currency) : "-",
                      c.note,
                    ])}
                  />
                </div>
              </BlockStack>
            </Card>
          </Layout.Section>
        )}
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Fulfillment steps</Text>
              {steps.length === 0 ? <Text as="p" tone="subdued">Nothing sent to Shopify or a carrier yet.</Text> : (
                <DataTable columnContentTypes={["text", "text", "numeric", "text"]} headings={["Step", "Status", "Attempts", "Error"]}
                  rows={steps.map((s) => [s.step.split(":")[0], <Badge key="s" tone={s.status === "done" ? "success" : s.status === "failed" ? "critical" : "attention"}>{s.status}</Badge>, s.attempts, s.error ?? ""])} />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">Documents and tracking</Text>
              {documents.length === 0 ? <Text as="p" tone="subdued">No label yet.</Text> : documents.map((d) => (
                <InlineStack key={`${d.kind}-${d.trackingNumber}`} gap="200">
                  <a href={d.dataUrl} download={`${name.replace("#", "")}-${d.kind}.pdf`} data-testid={`document-${d.kind}`}>{d.kind === "label" ? "Shipping label" : "Commercial invoice"} (PDF)</a>
                  {d.trackingNumber && <Text as="span" tone="subdued">tracking <span data-testid={`document-${d.kind}-tracking`}>{d.trackingNumber}</span></Text>}
                  {d.voided && <Badge tone="critical">voided</Badge>}
                </InlineStack>
              ))}
              {history.length > 1 && <Text as="p" tone="subdued">{history.length} routing decisions; the latest is current.</Text>}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
