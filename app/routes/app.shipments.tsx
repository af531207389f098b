import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, InlineGrid, InlineStack, Layout, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import db from "~/db.server";
import { env, isDemo } from "~/env.server";
import { defaultTemplate, LOCALES, NOTIFIABLE_STAGES, renderMessage, stageVars, type AttentionReason, type Channel, type Locale, type Stage } from "~/engine/tracking";
import { firstIssue, loadShipmentsPage, resetTemplate, saveSettings, saveTemplate, settingsSchema, templateSchema } from "~/integrations/tracking/admin.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { ...(await loadShipmentsPage(db, session.shop, env.SHOPIFY_APP_URL, new Date())), demo: isDemo };
};

type ActionResult = { ok: true; intent: string; message: string } | { ok: false; intent: string; field: string; message: string };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (field: string, message: string) => Response.json({ ok: false, intent, field, message } satisfies ActionResult, { status: 400 });
  if (intent === "settings") {
    const parsed = settingsSchema.safeParse({
      emailStages: form.getAll("emailStages").map(String),
      smsStages: form.getAll("smsStages").map(String),
      brandName: String(form.get("brandName") ?? ""),
      brandColor: String(form.get("brandColor") ?? ""),
      logoUrl: String(form.get("logoUrl") ?? ""),
      senderName: String(form.get("senderName") ?? ""),
      replyTo: String(form.get("replyTo") ?? ""),
      returnsUrl: String(form.get("returnsUrl") ?? ""),
    });
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      return fail(issue.field, `${issue.field}: ${issue.message}`);
    }
    await saveSettings(db, session.shop, parsed.data);
    return Response.json({ ok: true, intent, message: "Notification settings saved" } satisfies ActionResult);
  }
  if (intent === "template" || intent === "reset-template") {
    const raw = { stage: String(form.get("stage") ?? ""), channel: String(form.get("channel") ?? ""), locale: String(form.get("locale") ?? ""), subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") };
    const parsed = templateSchema.safeParse(intent === "reset-template" ? { ...raw, subject: raw.subject || "x", body: raw.body || "x" } : raw);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      return fail(issue.field, `${issue.field}: ${issue.message}`);
    }
    if (intent === "reset-template") {
      await resetTemplate(db, session.shop, parsed.data);
      return Response.json({ ok: true, intent, message: "Template reset to the built-in wording" } satisfies ActionResult);
    }
    await saveTemplate(db, session.shop, parsed.data);
    return Response.json({ ok: true, intent, message: "Template saved" } satisfies ActionResult);
  }
  return fail("intent", `Unknown action "${intent}": expected settings, template or reset-template`);
};

const STAGE_LABEL: Record<Stage, string> = {
  label_created: "Label created", picked_up: "Picked up", in_transit: "In transit", in_customs: "In customs", customs_held: "Customs hold", customs_cleared: "Customs cleared",
  out_for_delivery: "Out for delivery", delivered: "Delivered", delivery_failed: "Delivery failed", exception: "Exception", returning: "Returning", returned: "Returned",
};
const REASON: Record<AttentionReason, { label: string; tone: "critical" | "warning" | "attention" }> = {
  exception: { label: "Exception", tone: "critical" }, customs_held: { label: "Held in customs", tone: "critical" }, delivery_failed: { label: "Delivery failed", tone: "warning" },
  late: { label: "Late against promise", tone: "warning" }, quiet: { label: "No scan for 5+ days", tone: "attention" },
};
const LOCALE_LABEL: Record<Locale, string> = { en: "English", fr: "Français", de: "Deutsch", es: "Español", ja: "日本語" };
const statusTone = (s: Stage) => (s === "delivered" ? "success" : s === "exception" || s === "customs_held" ? "critical" : s === "delivery_failed" ? "warning" : "info");

export default function Shipments() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page title="Shipments" subtitle="Every parcel to the door: what needs you first, then notifications buyers get at each stage">
      <BlockStack gap="500">
        {data.demo && (
          <Banner tone="info" title="Demo data: shipments from the emulator's seeded fulfillments">
            <p>A carrier simulator moves a few parcels along while the demo runs (DHL Express is polled, EasyPost pushes signed webhooks), so statuses change every few seconds. Emails go to a local demo mailbox.</p>
          </Banner>
        )}
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Metric label="In flight" value={data.metrics.inFlight} />
          <Metric label="Need attention" value={data.metrics.attention} testId="metric-attention" />
          <Metric label="Delivered" value={data.metrics.delivered} />
          <Metric label="Notifications sent" value={data.metrics.sent} />
        </InlineGrid>
        <Card padding="0">
          <div data-testid="shipments-table">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["Order", "Parcel", "Status", "Needs attention", "Last scan", "Promised by"]}
              rows={data.rows.slice(0, 60).map((r) => [
                r.orderName ?? "—",
                <Link key="t" url={r.trackingUrl} target="_blank">{`${r.carrier} ${r.trackingNumber}`}</Link>,
                <Badge key="s" tone={statusTone(r.status)}>{STAGE_LABEL[r.status]}</Badge>,
                <InlineStack key="r" gap="100">{r.reasons.map((reason) => <Badge key={reason} tone={REASON[reason].tone}>{REASON[reason].label}</Badge>)}</InlineStack>,
                r.lastEvent ? `${r.lastEvent}${r.lastEventAt ? ` (${new Date(r.lastEventAt).toLocaleDateString("en", { month: "short", day: "numeric" })})` : ""}` : "—",
                r.promisedBy ?? "—",
              ])}
              footerContent={data.rows.length > 60 ? `Showing 60 of ${data.rows.length} shipments` : `${data.rows.length} shipments`}
            />
          </div>
        </Card>
        <Layout>
          <Layout.Section variant="oneThird">
            <SettingsCard settings={data.settings} />
          </Layout.Section>
          <Layout.Section>
            <TemplateEditor templates={data.templates} settings={data.settings} sample={data.sample} />
          </Layout.Section>
        </Layout>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">Notification log</Text>
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
              headings={["Stage", "Channel", "To", "State", "Attempts", "Last error"]}
              rows={data.log.map((n) => [STAGE_LABEL[n.stage as Stage] ?? n.stage, n.channel, n.recipient, n.state, n.attempts, n.lastError ?? ""])}
            />
          </BlockStack>
        </Card>
      </BlockStack>
    </Page>
  );
}

function Metric({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="span" tone="subdued">{label}</Text>
        <span data-testid={testId}>
          <Text as="span" variant="headingLg">{value.toLocaleString("en")}</Text>
        </span>
      </BlockStack>
    </Card>
  );
}

type Settings = ReturnType<typeof useLoaderData<typeof loader>>["settings"];

function SettingsCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<ActionResult>();
  const [form, setForm] = useState(settings);
  const toggle = (key: "emailStages" | "smsStages", stage: Stage, on: boolean) => setForm((f) => ({ ...f, [key]: on ? [...f[key], stage] : f[key].filter((s) => s !== stage) }));
  const submit = () => {
    const fd = new FormData();
    fd.set("intent", "settings");
    for (const s of form.emailStages) fd.append("emailStages", s);
    for (const s of form.smsStages) fd.append("smsStages", s);
    for (const key of ["brandName", "brandColor", "logoUrl", "senderName", "replyTo", "returnsUrl"] as const) fd.set(key, form[key] ?? "");
    fetcher.submit(fd, { method: "post" });
  };
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Notifications and branding</Text>
        <Text as="p" tone="subdued">Each buyer gets at most one message per stage and channel, in their language.</Text>
        <InlineGrid columns={["twoThirds", "oneThird"]}>
          <Text as="span" fontWeight="semibold">Stage</Text>
          <Text as="span" fontWeight="semibold">Email · SMS</Text>
        </InlineGrid>
        {NOTIFIABLE_STAGES.map((stage) => (
          <InlineGrid key={stage} columns={["twoThirds", "oneThird"]} alignItems="center">
            <Text as="span">{STAGE_LABEL[stage]}</Text>
            <InlineStack gap="200">
              <Checkbox label={`Email on ${STAGE_LABEL[stage]}`} labelHidden checked={form.emailStages.includes(stage)} onChange={(v) => toggle("emailStages", stage, v)} />
              <Checkbox label={`SMS on ${STAGE_LABEL[stage]}`} labelHidden checked={form.smsStages.includes(stage)} onChange={(v) => toggle("smsStages", stage, v)} />
            </InlineStack>
          </InlineGrid>
        ))}
        <TextField label="Brand name" value={form.brandName ?? ""} onChange={(v) => setForm({ ...form, brandName: v })} autoComplete="off" />
        <TextField label="Brand colour" value={form.brandColor} onChange={(v) => setForm({ ...form, brandColor: v })} autoComplete="off" helpText="Hex, e.g. #1f5f99" />
        <TextField label="Logo URL" value={form.logoUrl ?? ""} onChange={(v) => setForm({ ...form, logoUrl: v })} autoComplete="off" />
        <TextField label="Sender name" value={form.senderName ?? ""} onChange={(v) => setForm({ ...form, senderName: v })} autoComplete="off" />
        <TextField label="Reply-to address" value={form.replyTo ?? ""} onChange={(v) => setForm({ ...form, replyTo: v })} autoComplete="email" />
        <TextField label="Returns page URL" value={form.returnsUrl ?? ""} onChange={(v) => setForm({ ...form, returnsUrl: v })} autoComplete="off" helpText="Where the tracking page's return button leads (default: the customer account)" />
        {fetcher.data && (fetcher.data.ok ? <Banner tone="success">{fetcher.data.message}</Banner> : <Banner tone="critical">{fetcher.data.message}</Banner>)}
        <InlineStack align="end">
          <Button variant="primary" onClick={submit} loading={fetcher.state !== "idle"}>Save settings</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

type Templates = ReturnType<typeof useLoaderData<typeof loader>>["templates"];
type Sample = ReturnType<typeof useLoaderData<typeof loader>>["sample"];

function TemplateEditor({ templates, settings, sample }: { templates: Templates; settings: Settings; sample: Sample }) {
  const fetcher = useFetcher<ActionResult>();
  const [stage, setStage] = useState<Stage>("out_for_delivery");
  const [channel, setChannel] = useState<Channel>("email");
  const [locale, setLocale] = useState<Locale>("en");
  const stored = templates.find((t) => t.stage === stage && t.channel === channel && t.locale === locale);
  const initial = stored ?? defaultTemplate(stage, channel, locale);
  const [subject, setSubject] = useState(initial.subject);
  const [body, setBody] = useState(initial.body);
  useEffect(() => {
    setSubject(initial.subject);
    setBody(initial.body);
    // Switching stage, channel or language loads that template; typing does not reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stage, channel, locale, stored?.subject, stored?.body]);
  const preview = useMemo(
    () => renderMessage({ template: { subject, body }, channel, locale, vars: { ...stageVars(stage, locale), ...sample, shop: settings.brandName ?? "" }, branding: { name: settings.brandName ?? "", color: settings.brandColor, logoUrl: settings.logoUrl || null } }),
    [subject, body, channel, locale, stage, sample, settings],
  );
  const send = (intent: "template" | "reset-template") => fetcher.submit({ intent, stage, channel, locale, subject, body }, { method: "post" });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Message templates</Text>
        <InlineGrid columns={3} gap="200">
          <Select label="Stage" options={NOTIFIABLE_STAGES.map((s) => ({ label: STAGE_LABEL[s], value: s }))} value={stage} onChange={(v) => setStage(v as Stage)} />
          <Select label="Channel" options={[{ label: "Email", value: "email" }, { label: "SMS", value: "sms" }]} value={channel} onChange={(v) => setChannel(v as Channel)} />
          <Select label="Language" options={LOCALES.map((l) => ({ label: LOCALE_LABEL[l], value: l }))} value={locale} onChange={(v) => setLocale(v as Locale)} />
        </InlineGrid>
        {channel === "email" && <TextField label="Subject" value={subject} onChange={setSubject} autoComplete="off" />}
        <TextField label="Message" value={body} onChange={setBody} multiline={6} autoComplete="off" helpText="Placeholders: {{shop}} {{order}} {{name}} {{headline}} {{detail}} {{carrier}} {{tracking_number}} {{window}} {{url}}" />
        <Text as="h3" variant="headingSm">Preview{stored ? "" : " (built-in wording)"}</Text>
        <div data-testid="template-preview" style={{ border: "1px solid #e3e3e3", borderRadius: 8, overflow: "hidden" }}>
          {channel === "email" ? (
            <>
              <div style={{ padding: "8px 12px", background: "#f6f6f7" }} data-testid="preview-subject">
                <Text as="span" fontWeight="semibold">{preview.subject}</Text>
              </div>
              <iframe title="Email preview" srcDoc={preview.html} style={{ width: "100%", height: 360, border: 0 }} sandbox="" />
            </>
          ) : (
            <div style={{ padding: 12, whiteSpace: "pre-wrap" }} data-testid="preview-sms">{preview.text}</div>
          )}
        </div>
        {fetcher.data && (fetcher.data.ok ? <Banner tone="success">{fetcher.data.message}</Banner> : <Banner tone="critical">{fetcher.data.message}</Banner>)}
        <InlineStack align="end" gap="200">
          <Button onClick={() => send("reset-template")} disabled={!stored}>Reset to built-in</Button>
          <Button variant="primary" onClick={() => send("template")} loading={fetcher.state !== "idle"}>Save template</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
