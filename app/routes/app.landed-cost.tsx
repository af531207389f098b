import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, DataTable, FormLayout, InlineGrid, InlineStack, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { isDemo } from "../env.server";
import { toMajorString, type Money } from "../engine/money";
import { calculateLandedCost, calculatorDestinations, type CalculatorInput, type CalculatorLine } from "../integrations/customs/landed-cost.server";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { destinations: calculatorDestinations(), today: new Date().toISOString().slice(0, 10), demo: isDemo };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  await authenticate.admin(request);
  const form = await request.formData();
  let cart: CalculatorInput;
  try {
    cart = JSON.parse(String(form.get("cart") ?? "")) as CalculatorInput;
  } catch {
    return json({ ok: false as const, error: { field: "cart", code: "invalid_input", message: "cart: must be a JSON object" } }, { status: 400 });
  }
  const result = calculateLandedCost(cart);
  return json(result, { status: result.ok ? 200 : 400 });
};

const INCOTERMS = [
  { label: "DDP: duties and taxes collected at checkout", value: "DDP" },
  { label: "DAP: the buyer pays at the door", value: "DAP" },
];

/** A sample cart from the demo catalogue, so the page shows a full quote at first click. */
const SAMPLE_LINES: CalculatorLine[] = [
  { description: "Organic Cotton Tee", hsCode: "610910", originCountry: "PT", quantity: "2", unitValue: "38.00", weightGrams: "180" },
  { description: "Leather Court Sneaker", hsCode: "640399", originCountry: "PT", quantity: "1", unitValue: "165.00", weightGrams: "1100" },
  { description: "Wireless Earbuds", hsCode: "851830", originCountry: "CN", quantity: "1", unitValue: "99.00", weightGrams: "160" },
];

const show = (m: Money) => `${toMajorString(m)} ${m.currency}`;

export default function LandedCost() {
  const { destinations, today, demo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submit = useSubmit();
  const busy = useNavigation().state !== "idle";
  const [cart, setCart] = useState<CalculatorInput>({
    destination: "DE", region: "", shipFrom: "US", currency: "USD", date: today, incoterm: "DDP", mode: "courier",
    shipping: "25.00", insurance: "", ddpFee: "", brokerage: "", lines: SAMPLE_LINES,
  });
  const set = (key: keyof CalculatorInput) => (value: string) => setCart((c) => ({ ...c, [key]: value }));
  const setLine = (i: number, key: keyof CalculatorLine) => (value: string | boolean) =>
    setCart((c) => ({ ...c, lines: c.lines!.map((l, j) => (j === i ? { ...l, [key]: value } : l)) }));
  const lines = cart.lines ?? [];
  const quote = result?.ok ? result.quote : null;

  return (
    <Page title="Landed cost calculator" subtitle="Any cart to any destination: duties, import taxes and fees per line and in total, with every rule applied and its source.">
      <BlockStack gap="500">
        {demo && (
          <Banner tone="info" title="Demo store: this is demo data from the local Shopify emulator">
            <p>The sample cart uses products of the demo catalogue. Rates come from the shipped tariff tables and the reference FX table.</p>
          </Banner>
        )}
        <Card>
          <FormLayout>
            <FormLayout.Group condensed>
              <Select label="Destination" options={destinations.map((d) => ({ label: `${d.name} (${d.code})`, value: d.code }))} value={cart.destination} onChange={set("destination")} />
              <TextField label="Province or state" autoComplete="off" value={cart.region ?? ""} onChange={set("region")} helpText="CA: ON, QC..." />
              <TextField label="Ships from" autoComplete="off" value={cart.shipFrom ?? ""} onChange={set("shipFrom")} maxLength={2} />
              <TextField label="Currency" autoComplete="off" value={cart.currency ?? ""} onChange={set("currency")} maxLength={3} />
              <TextField label="Import date" type="date" autoComplete="off" value={cart.date ?? ""} onChange={set("date")} />
            </FormLayout.Group>
            <FormLayout.Group condensed>
              <Select label="Incoterm" options={INCOTERMS} value={cart.incoterm} onChange={set("incoterm")} />
              <Select label="Service" options={[{ label: "Courier", value: "courier" }, { label: "Postal", value: "postal" }]} value={cart.mode} onChange={set("mode")} />
              <TextField label="Shipping" autoComplete="off" value={cart.shipping ?? ""} onChange={set("shipping")} />
              <TextField label="Insurance" autoComplete="off" value={cart.insurance ?? ""} onChange={set("insurance")} />
              <TextField label="DDP fee" autoComplete="off" value={cart.ddpFee ?? ""} onChange={set("ddpFee")} />
              <TextField label="Brokerage" autoComplete="off" value={cart.brokerage ?? ""} onChange={set("brokerage")} />
            </FormLayout.Group>
            {lines.map((l, i) => (
              <FormLayout.Group condensed key={i}>
                <TextField label={`Line ${i + 1} product`} autoComplete="off" value={l.description ?? ""} onChange={setLine(i, "description")} />
                <TextField label={`Line ${i + 1} HS code`} autoComplete="off" value={l.hsCode ?? ""} onChange={setLine(i, "hsCode")} />
                <TextField label={`Line ${i + 1} origin`} autoComplete="off" value={l.originCountry ?? ""} onChange={setLine(i, "originCountry")} maxLength={2} />
                <TextField label={`Line ${i + 1} unit value`} autoComplete="off" value={l.unitValue ?? ""} onChange={setLine(i, "unitValue")} />
                <TextField label={`Line ${i + 1} weight (g)`} autoComplete="off" value={l.weightGrams ?? ""} onChange={setLine(i, "weightGrams")} />
                <TextField label={`Line ${i + 1} quantity`} autoComplete="off" value={l.quantity ?? ""} onChange={setLine(i, "quantity")} />
                <TextField label={`Line ${i + 1} duty %`} autoComplete="off" value={l.dutyRate ?? ""} onChange={setLine(i, "dutyRate")} placeholder="tariff" helpText="your broker's rate, if any" />
                <Checkbox label="Proof of origin" checked={l.proofOfOrigin === true} onChange={setLine(i, "proofOfOrigin")} />
              </FormLayout.Group>
            ))}
            <InlineStack gap="200">
              <Button onClick={() => setCart((c) => ({ ...c, lines: [...lines, { quantity: "1" }] }))}>Add line</Button>
              <Button disabled={lines.length <= 1} onClick={() => setCart((c) => ({ ...c, lines: lines.slice(0, -1) }))}>Remove last line</Button>
              <Button variant="primary" loading={busy} onClick={() => submit({ cart: JSON.stringify(cart) }, { method: "post" })}>
                Calculate
              </Button>
            </InlineStack>
          </FormLayout>
        </Card>
        {result && !result.ok && (
          <Banner tone="critical" title="No quote: fix the field named below">
            <p data-testid="quote-error">{result.error.message}</p>
          </Banner>
        )}
        {quote && (
          <>
            <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
              <Figure label="Customs value" value={show(quote.totals.customsValue)} />
              <Figure label="Duty" value={show(quote.totals.duty)} />
              <Figure label={quote.taxName} value={show(quote.totals.tax)} testId="tax" />
              <Figure label="Fees" value={show(quote.totals.fees)} />
              <Figure label="Total duties, taxes and fees" value={show(quote.totals.total)} testId="total" />
              <Figure label="Collected at checkout" value={`${show(quote.collectedAtCheckout)} (${show(quote.presentment.collectedAtCheckout)})`} testId="checkout" />
              <Figure label="Collected at the door" value={`${show(quote.collectedAtDoor)} (${show(quote.presentment.collectedAtDoor)})`} testId="door" />
              <Figure label="Regime" value={quote.regime} testId="regime" />
            </InlineGrid>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">Per line</Text>
                <DataTable
                  columnContentTypes={["text", "text", "text", "text", "numeric", "numeric", "numeric"]}
                  headings={["Line", "HS code", "Tariff line", "Duty rate", "Customs value", "Duty", "Tax"]}
                  rows={quote.lines.map((l) => [
                    lines[l.index]?.description || `Line ${l.index + 1}`, l.hsCode, l.tariffLine ?? "—", `${l.dutyRate}${l.estimate ? " (estimate)" : ""}`,
                    show(l.customsValue), show(l.duty), show(l.tax),
                  ])}
                  totals={["", "", "", "", show(quote.totals.customsValue), show(quote.totals.duty), show(quote.totals.tax)]}
                  showTotalsInFooter
                />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h2" variant="headingMd">Rules applied</Text>
                  <Badge>{`${quote.trace.length} rules`}</Badge>
                </InlineStack>
                <div data-testid="trace">
                  <DataTable
                    columnContentTypes={["text", "text", "text"]}
                    headings={["Rule", "What it did", "Source"]}
                    rows={quote.trace.map((t) => [t.line === undefined ? t.rule : `${t.rule} (line ${t.line + 1})`, t.detail, t.source || "—"])}
                  />
                </div>
              </BlockStack>
            </Card>
          </>
        )}
      </BlockStack>
    </Page>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card>
      <BlockStack gap="100">
        <Text as="p" tone="subdued">{label}</Text>
        <Text as="p" variant="headingLg">
          <span data-testid={`quote-${testId ?? label.toLowerCase().replaceAll(" ", "-")}`}>{value}</span>
        </Text>
      </BlockStack>
    </Card>
  );
}
