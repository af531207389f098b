import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, DataTable, InlineGrid, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import db from "../db.server";
import { env, isDemo } from "../env.server";
import { format, money } from "../engine/money";
import { ITEM_CONDITIONS, validatePolicy, type ItemCondition, type ReturnPolicy } from "../engine/returns";
import { adminGraphqlOf } from "../integrations/shopify/returns.server";
import { listCases, receiveReturn, ReturnsError } from "../services/returns/flow.server";
import { loadDestinations, loadPolicies, savePolicy } from "../services/returns/settings.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const currency = (await db.shop.findUnique({ where: { domain: shop } }))?.currency ?? "USD";
  const [cases, policies, destinations] = await Promise.all([listCases(db, shop, env.SHOPIFY_APP_URL), loadPolicies(db, shop), loadDestinations(db, shop, currency)]);
  const rows = await db.returnCase.findMany({ where: { shop }, select: { status: true, netMinor: true, originNetMinor: true, costMinor: true, originCostMinor: true } });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const byDestination = await db.returnCaseItem.groupBy({ by: ["destinationKey", "disposition"], where: { shop }, _sum: { quantity: true } });
  return {
    demo: isDemo, currency, cases, policies, destinations: destinations.map((d) => ({ id: d.id, name: d.name, kind: d.kind, country: d.country, city: d.city })),
    totals: { count: rows.length, net: sum((r) => r.netMinor), originNet: sum((r) => r.originNetMinor), cost: sum((r) => r.costMinor), originCost: sum((r) => r.originCostMinor) },
    byStatus: Object.entries(rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})),
    byDestination: byDestination.map((g) => ({ destination: g.destinationKey ?? "kept by the buyer", disposition: g.disposition, units: g._sum.quantity ?? 0 })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, admin } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "receive") {
    const caseId = String(form.get("caseId") ?? "");
    const grades: Record<string, ItemCondition> = {};
    for (const [key, value] of form.entries()) if (key.startsWith("grade:") && value) grades[key.slice(6)] = String(value) as ItemCondition;
    try {
      const received = await receiveReturn({ db, graphql: adminGraphqlOf(admin), shop: session.shop, today: new Date().toISOString().slice(0, 10), appUrl: env.SHOPIFY_APP_URL }, caseId, grades);
      return { ok: true, message: `${received.returnName ?? "Return"} received: ${received.items.length} item(s) graded, refunded ${received.refunded} ${received.currency}` };
    } catch (error) {
      if (error instanceof ReturnsError) return { ok: false, message: error.message };
      throw error;
    }
  }
  if (intent === "policy") {
    const market = String(form.get("market") ?? "");
    const current = (await loadPolicies(db, session.shop)).find((p) => p.market === market);
    if (!current) return { ok: false, message: `No policy for market "${market}".` };
    const int = (name: string) => (String(form.get(name) ?? "").trim() === "" ? NaN : Number(form.get(name)));
    const next: ReturnPolicy = {
      ...current,
      windowDays: int("windowDays"), restockingFeePercent: int("restockingFeePercent"),
      labelPaidBy: form.get("labelPaidBy") === "buyer" ? "buyer" : "merchant", keepItAllowed: form.get("keepItAllowed") === "yes", autoApprove: form.get("autoApprove") === "yes",
    };
    const problems = validatePolicy(next);
    if (problems.length) return { ok: false, message: `${current.name} policy not saved: ${problems.join("; ")}.` };
    await savePolicy(db, session.shop, next);
    return { ok: true, message: `${current.name} policy saved.` };
  }
  throw new Response(`Unknown action "${intent}": expected "receive" or "policy"`, { status: 400 });
};

const STATUS_TONES: Record<string, "info" | "success" | "attention" | "critical" | undefined> = { requested: "attention", approved: "info", label_attached: "info", refunded: "success", kept: "success", declined: "attention", failed: "critical" };

export default function Returns() {
  const { demo, currency, cases, policies, destinations, totals, byStatus, byDestination } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const m = (minor: number) => format(money(minor, currency));
  const name = (key: string | null) => destinations.find((d) => d.id === key)?.name ?? key ?? "kept by the buyer";
  return (
    <Page title="Returns" subtitle="Each returned item goes to the nearest place that can resell it; the decision and its reason are kept.">
      <BlockStack gap="500">
        {demo && <Banner tone="info">Returns here were created through the returns portal flow against the local Shopify emulator: this is demo data.</Banner>}
        {result && <Banner tone={result.ok ? "success" : "critical"}><span data-testid="returns-result">{result.message}</span></Banner>}
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Metric label="Returns" value={String(totals.count)} testId="returns-count" />
          <Metric label="Recovered (routed)" value={m(totals.net)} testId="returns-recovered" />
          <Metric label="If all went to origin" value={m(totals.originNet)} testId="returns-origin" />
          <Metric label="Return cost vs origin-only" value={`${m(totals.cost)} vs ${m(totals.originCost)}`} testId="returns-cost" />
        </InlineGrid>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">By status</Text>
              <InlineStack gap="200">{byStatus.map(([status, n]) => <Badge key={status} tone={STATUS_TONES[status]}>{`${status.replace(/_/g, " ")}: ${n}`}</Badge>)}</InlineStack>
            </BlockStack>
          </Card>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">By destination</Text>
              <DataTable columnContentTypes={["text", "text", "numeric"]} headings={["Destination", "Disposition", "Units"]} rows={byDestination.map((g) => [name(g.destination), g.disposition, g.units])} />
            </BlockStack>
          </Card>
        </InlineGrid>
        <Card padding="0">
          <Box padding="400"><Text as="h2" variant="headingMd">Returns and their routing</Text></Box>
          {cases.length === 0 ? <Box padding="400"><Text as="p">No returns yet. Buyers request them from their customer account.</Text></Box> : (
            <table style={{ width: "100%", borderCollapse: "collapse", fontSize: 13 }} data-testid="returns-table">
              <thead>
                <tr style={{ textAlign: "left", background: "#f7f7f7" }}>
                  {["Return", "Item", "Decision", "Why", "Label", "Status", ""].map((h) => <th key={h} style={{ padding: "8px 12px" }}>{h}</th>)}
                </tr>
              </thead>
              <tbody>
                {cases.filter((c) => c.items.length === 0).map((c) => (
                  <tr key={c.id} style={{ borderTop: "1px solid #e3e3e3", verticalAlign: "top" }}>
                    <td style={{ padding: "8px 12px" }}><strong>{c.returnName ?? c.orderName}</strong><br />{c.orderName}</td>
                    <td style={{ padding: "8px 12px" }}>requested in Shopify</td>
                    <td style={{ padding: "8px 12px" }}><Badge tone="attention">declined</Badge></td>
                    <td style={{ padding: "8px 12px", maxWidth: 420 }}>{c.error}</td>
                    <td />
                    <td style={{ padding: "8px 12px" }}><Badge tone={STATUS_TONES[c.status]}>{c.status}</Badge></td>
                    <td />
                  </tr>
                ))}
                {cases.map((c) => c.items.map((item, i) => (
                  <tr key={item.id} style={{ borderTop: "1px solid #e3e3e3", verticalAlign: "top" }}>
                    <td style={{ padding: "8px 12px" }}>{i === 0 ? <><strong>{c.returnName ?? c.orderName}</strong><br />{c.orderName}</> : null}</td>
                    <td style={{ padding: "8px 12px" }}>{item.quantity} × {item.title}<br /><Text as="span" tone="subdued">{item.reason.toLowerCase().replace(/_/g, " ")}</Text></td>
                    <td style={{ padding: "8px 12px" }}><Badge tone={item.disposition === "resell" ? "success" : item.disposition === "keep" ? "attention" : "info"}>{item.disposition}</Badge><br />{name(item.destinationKey)}</td>
                    <td style={{ padding: "8px 12px", maxWidth: 420 }}>{item.decisionReason}</td>
                    <td style={{ padding: "8px 12px" }}>{c.labels.filter((l) => item.disposition !== "keep" && l.destinationKey === item.destinationKey).map((l) => (
                      <div key={l.id}><a href={l.url} target="_blank" rel="noreferrer">{l.trackingNumber}</a> ({l.cost} {c.currency}){l.invoiceUrl && <> · <a href={l.invoiceUrl} target="_blank" rel="noreferrer">invoice</a></>}</div>
                    ))}</td>
                    <td style={{ padding: "8px 12px" }}>{i === 0 ? <Badge tone={STATUS_TONES[c.status]}>{c.status.replace(/_/g, " ")}</Badge> : null}{i === 0 && c.refunded ? <div>refunded {c.refunded}{c.resolution === "store_credit" ? " as store credit" : ""}</div> : null}</td>
                    <td style={{ padding: "8px 12px" }}>{i === 0 && ["label_attached", "approved"].includes(c.status) && c.items.some((x) => x.disposition !== "keep") ? <ReceiveForm caseId={c.id} items={c.items.filter((x) => x.disposition !== "keep")} /> : null}</td>
                  </tr>
                )))}
              </tbody>
            </table>
          )}
        </Card>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Return policies per market</Text>
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">{policies.map((p) => <PolicyForm key={p.market} policy={p} />)}</InlineGrid>
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">Return destinations</Text>
            <DataTable columnContentTypes={["text", "text", "text"]} headings={["Destination", "Kind", "Where"]} rows={destinations.map((d) => [d.name, d.kind.replace(/_/g, " "), `${d.city}, ${d.country}`])} />
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p" tone="subdued">{label}</Text>
        <Text as="p" variant="headingLg"><span data-testid={testId}>{value}</span></Text>
      </BlockStack>
    </Card>
  );
}

function ReceiveForm({ caseId, items }: { caseId: string; items: { id: string; title: string }[] }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="receive" />
      <input type="hidden" name="caseId" value={caseId} />
      {items.map((item) => (
        <label key={item.id} style={{ display: "block", marginBottom: 4 }}>
          <span style={{ display: "block", fontSize: 12 }}>Grade {item.title}</span>
          <select name={`grade:${item.id}`} defaultValue="" aria-label={`Grade ${item.title}`}>
            <option value="">as declared</option>
            {ITEM_CONDITIONS.map((c) => <option key={c} value={c}>{c.replace(/_/g, " ")}</option>)}
          </select>
        </label>
      ))}
      <Button submit size="slim" loading={busy}>Mark received</Button>
    </Form>
  );
}

function PolicyForm({ policy }: { policy: ReturnPolicy }) {
  const [label, setLabel] = useState<string>(policy.labelPaidBy);
  const [keep, setKeep] = useState(policy.keepItAllowed ? "yes" : "no");
  const [approve, setApprove] = useState(policy.autoApprove ? "yes" : "no");
  const [windowDays, setWindow] = useState(String(policy.windowDays));
  const [fee, setFee] = useState(String(policy.restockingFeePercent));
  return (
    <Card background="bg-surface-secondary">
      <Form method="post">
        <input type="hidden" name="intent" value="policy" />
        <input type="hidden" name="market" value={policy.market} />
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">{policy.name} ({policy.countries.length ? `${policy.countries.length} countries` : "every other country"})</Text>
          <InlineGrid columns={2} gap="200">
            <TextField label="Return window (days)" name="windowDays" value={windowDays} onChange={setWindow} autoComplete="off" />
            <TextField label="Restocking fee (%)" name="restockingFeePercent" value={fee} onChange={setFee} autoComplete="off" />
            <Select label="Return label paid by" name="labelPaidBy" options={[{ label: "the shop", value: "merchant" }, { label: "the buyer", value: "buyer" }]} value={label} onChange={setLabel} />
            <Select label="Keep it when returning costs more" name="keepItAllowed" options={[{ label: "yes", value: "yes" }, { label: "no", value: "no" }]} value={keep} onChange={setKeep} />
            <Select label="Approve valid requests automatically" name="autoApprove" options={[{ label: "yes", value: "yes" }, { label: "no", value: "no" }]} value={approve} onChange={setApprove} />
          </InlineGrid>
          <Text as="p" tone="subdued">Not returnable: {policy.excludedProductTypes.join(", ") || "nothing"}. Resolutions: {policy.resolutions.join(", ").replace(/_/g, " ")}.</Text>
          <InlineStack><Button submit>{`Save ${policy.market} policy`}</Button></InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
