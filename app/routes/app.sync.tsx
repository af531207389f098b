import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, DataTable, InlineGrid, InlineStack, Page, ProgressBar, Text } from "@shopify/polaris";
import { useEffect } from "react";
import db from "../db.server";
import { requestBackfill, retryDeadLetter, syncStatus } from "../jobs/sync-status.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return syncStatus(db, session.shop);
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "backfill") {
    const run = await requestBackfill(db, session.shop);
    return { message: run.created ? "Backfill requested" : "A backfill is already under way" };
  }
  if (intent === "retry") {
    const id = String(form.get("id") ?? "");
    if (!(await retryDeadLetter(db, session.shop, id, new Date()))) {
      throw new Response(`No dead-lettered delivery ${id} for ${session.shop}`, { status: 404 });
    }
    return { message: "Delivery queued again" };
  }
  throw new Response(`Unknown action "${String(intent)}": expected "backfill" or "retry"`, { status: 400 });
};

const STATE_TONES = { pending: "attention", processing: "info", done: "success", dead: "critical" } as const;

export default function Sync() {
  const { counts, dead, backfill, orders } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const busy = counts.pending + counts.processing > 0 || (backfill && ["pending", "running", "importing"].includes(backfill.status));
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  const total = backfill?.rootObjectCount ?? 0;
  const progress = backfill?.status === "completed" ? 100 : total ? Math.min(100, Math.round((backfill!.ordersImported / total) * 100)) : 0;

  return (
    <Page title="Order sync" subtitle="Webhooks from Shopify land in a durable inbox; a background worker applies them.">
      <BlockStack gap="500">
        <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
          {(["pending", "processing", "done", "dead"] as const).map((state) => (
            <Card key={state}>
              <BlockStack gap="100">
                <InlineStack gap="200">
                  <Badge tone={STATE_TONES[state]}>{state === "dead" ? "dead letters" : state}</Badge>
                </InlineStack>
                <Text as="p" variant="headingXl">
                  <span data-testid={`inbox-${state}`}>{counts[state].toLocaleString("en")}</span>
                </Text>
              </BlockStack>
            </Card>
          ))}
          <Card>
            <BlockStack gap="100">
              <Text as="p" tone="subdued">Orders synced</Text>
              <Text as="p" variant="headingXl">
                <span data-testid="orders-synced">{orders.toLocaleString("en")}</span>
              </Text>
            </BlockStack>
          </Card>
        </InlineGrid>

        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">Backfill</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="backfill" />
                <Button submit loading={navigation.formData?.get("intent") === "backfill"}>Run backfill</Button>
              </Form>
            </InlineStack>
            {backfill ? (
              <BlockStack gap="200">
                <Text as="p">
                  <span data-testid="backfill-status">{backfill.status}</span>: {backfill.ordersImported.toLocaleString("en")}
                  {total ? ` of ${total.toLocaleString("en")}` : ""} orders imported
                  {backfill.finishedAt ? `, finished ${new Date(backfill.finishedAt).toLocaleString("en")}` : ""}
                </Text>
                <ProgressBar progress={progress} tone={backfill.status === "failed" ? "critical" : "primary"} />
                {backfill.error && <Banner tone={backfill.status === "failed" ? "critical" : "warning"}>{backfill.error}</Banner>}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">No backfill has run for this shop yet.</Text>
            )}
          </BlockStack>
        </Card>

        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Dead letters</Text>
            {dead.length === 0 ? (
              <Text as="p" tone="subdued">None: every delivery was applied.</Text>
            ) : (
              <DataTable
                columnContentTypes={["text", "text", "numeric", "text", "text"]}
                headings={["Topic", "Received", "Attempts", "Error", ""]}
                rows={dead.map((d) => [
                  d.topic,
                  new Date(d.receivedAt).toLocaleString("en"),
                  d.attempts,
                  <span key="e" data-testid="dead-letter-error">{d.lastError}</span>,
                  <Form key="r" method="post">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="id" value={d.id} />
                    <Button submit size="slim">Retry</Button>
                  </Form>,
                ])}
              />
            )}
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}
