/** @jsxImportSource preact */
import type {} from "@shopify/ui-extensions/customer-account.order.action.render"; // JSX types of the Polaris web components (s-text, s-stack...)
import { useEffect, useState } from "preact/hooks";
import { fetchOrder, previewReturn, submitReturn, type PortalOrder, type RequestedLine, type Resolution, type ReturnPreview, type SubmittedReturn } from "./portal-client";

/** The part of the customer account API the portal uses. */
export interface PortalApi {
  orderId: string;
  sessionToken: { get(): Promise<string> };
  close?: () => void;
}

const REASON_LABELS: Record<string, string> = {
  SIZE_TOO_SMALL: "Too small", SIZE_TOO_LARGE: "Too large", UNWANTED: "Changed my mind", STYLE: "Not my style", COLOR: "Colour not as expected",
  NOT_AS_DESCRIBED: "Not as described", WRONG_ITEM: "Wrong item sent", DEFECTIVE: "Damaged or faulty", OTHER: "Other",
};
const RESOLUTION_LABELS: Record<Resolution, string> = { refund: "Refund to my payment method", store_credit: "Store credit" };
const CONDITION_LABELS: Record<string, string> = { new_unopened: "New, unopened", new_opened: "New, opened", used: "Worn or used", damaged: "Damaged" };

type Step =
  | { name: "loading" }
  | { name: "choose" }
  | { name: "reviewing" }
  | { name: "review"; preview: ReturnPreview }
  | { name: "submitting"; preview: ReturnPreview }
  | { name: "done"; submitted: SubmittedReturn; preview: ReturnPreview };

interface Choice { quantity: number; reason: string; condition: string }

function api(): PortalApi {
  return (globalThis as unknown as { shopify: PortalApi }).shopify;
}

const idempotencyKey = () => `portal-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/**
 * The returns portal: choose items, quantities, reasons and condition; review where each item
 * goes, the label and the refund; submit. Every failure is shown with the app's message and the
 * buyer can try again; nothing is lost from the form.
 */
export function ReturnPortal() {
  const { orderId } = api();
  const [order, setOrder] = useState<PortalOrder | null>(null);
  const [step, setStep] = useState<Step>({ name: "loading" });
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(idempotencyKey);
  const [resolution, setResolution] = useState<Resolution>("refund");

  useEffect(() => {
    let live = true;
    api().sessionToken.get().then((token) => fetchOrder(orderId, token)).then(
      (loaded) => {
        if (!live) return;
        setOrder(loaded);
        setChoices(Object.fromEntries(loaded.lines.filter((l) => l.eligible).map((l) => [l.lineItemId, { quantity: 0, reason: "SIZE_TOO_SMALL", condition: "new_unopened" }])));
        setStep({ name: "choose" });
      },
      (e: Error) => live && (setError(e.message), setStep({ name: "choose" })),
    );
    return () => {
      live = false;
    };
  }, [orderId]);

  const lines = (): RequestedLine[] => Object.entries(choices).filter(([, c]) => c.quantity > 0).map(([lineItemId, c]) => ({ lineItemId, quantity: c.quantity, reason: c.reason, condition: c.condition }));
  const update = (id: string, patch: Partial<Choice>) => {
    setChoices((all) => ({ ...all, [id]: { ...all[id]!, ...patch } }));
    if (step.name === "review") setStep({ name: "choose" });
  };

  const review = async () => {
    setError(null);
    setStep({ name: "reviewing" });
    try {
      const token = await api().sessionToken.get();
      setStep({ name: "review", preview: await previewReturn(orderId, lines(), resolution, token) });
      setKey(idempotencyKey());
    } catch (e) {
      setError((e as Error).message);
      setStep({ name: "choose" });
    }
  };

  const submit = async (preview: ReturnPreview) => {
    setError(null);
    setStep({ name: "submitting", preview });
    try {
      const token = await api().sessionToken.get();
      setStep({ name: "done", preview, submitted: await submitReturn(orderId, lines(), resolution, key, token) });
    } catch (e) {
      setError((e as Error).message);
      setStep({ name: "review", preview });
    }
  };

  const heading = order ? `Return items from ${order.order.name}` : "Request a return";
  if (step.name === "loading") {
    return <s-customer-account-action heading={heading}><s-skeleton-paragraph /></s-customer-account-action>;
  }
  if (!order) {
    return (
      <s-customer-account-action heading={heading}>
        <s-banner tone="critical" heading="We couldn't load this order">{error}</s-banner>
        <s-button slot="secondary-actions" onClick={() => api().close?.()}>Close</s-button>
      </s-customer-account-action>
    );
  }
  if (step.name === "done") return <Done order={order} submitted={step.submitted} preview={step.preview} />;

  const chosen = lines();
  const preview = step.name === "review" || step.name === "submitting" ? step.preview : null;
  return (
    <s-customer-account-action heading={heading}>
      <s-stack direction="block" gap="base">
        {error && <s-banner tone="critical" heading="Something went wrong">{error}</s-banner>}
        <s-text>{policySentence(order)}</s-text>
        {!order.eligible && <s-banner tone="warning" heading="This order can't be returned">{order.reasons.join("; ") || "No item of this order can be returned."}</s-banner>}
        {order.lines.map((line) => (
          <s-section key={line.lineItemId} heading={line.title}>
            {line.eligible ? (
              <s-stack direction="block" gap="small-200">
                <s-number-field
                  label={`Quantity to return (up to ${line.returnableQuantity})`}
                  name={`quantity-${line.lineItemId}`}
                  min={0}
                  max={line.returnableQuantity}
                  value={String(choices[line.lineItemId]?.quantity ?? 0)}
                  onChange={(e: Event) => update(line.lineItemId, { quantity: clamp(Number((e.currentTarget as HTMLInputElement).value), line.returnableQuantity) })}
                />
                <s-select label="Reason" name={`reason-${line.lineItemId}`} value={choices[line.lineItemId]?.reason} onChange={(e: Event) => update(line.lineItemId, { reason: (e.currentTarget as HTMLSelectElement).value })}>
                  {order.returnReasons.map((r) => <s-option key={r} value={r}>{REASON_LABELS[r] ?? r}</s-option>)}
                </s-select>
                <s-select label="Condition" name={`condition-${line.lineItemId}`} value={choices[line.lineItemId]?.condition} onChange={(e: Event) => update(line.lineItemId, { condition: (e.currentTarget as HTMLSelectElement).value })}>
                  {order.conditions.map((c) => <s-option key={c} value={c}>{CONDITION_LABELS[c] ?? c}</s-option>)}
                </s-select>
              </s-stack>
            ) : (
              <s-text color="subdued">Not returnable: {line.reasons.join("; ")}</s-text>
            )}
          </s-section>
        ))}
        {order.eligible && order.policy.resolutions.includes("store_credit") && (
          <s-select label="Refund as" name="resolution" value={resolution} onChange={(e: Event) => { setResolution((e.currentTarget as HTMLSelectElement).value as Resolution); if (step.name === "review") setStep({ name: "choose" }); }}>
            {(["refund", "store_credit"] as const).filter((r) => order.policy.resolutions.includes(r)).map((r) => <s-option key={r} value={r}>{RESOLUTION_LABELS[r]}</s-option>)}
          </s-select>
        )}
        {preview && <Review preview={preview} />}
      </s-stack>
      {preview ? (
        <s-button slot="primary-action" variant="primary" loading={step.name === "submitting"} onClick={() => submit(preview)}>Request return</s-button>
      ) : (
        <s-button slot="primary-action" variant="primary" disabled={chosen.length === 0} loading={step.name === "reviewing"} onClick={review}>Review return</s-button>
      )}
      <s-button slot="secondary-actions" onClick={() => api().close?.()}>Cancel</s-button>
    </s-customer-account-action>
  );
}

const clamp = (n: number, max: number) => (Number.isFinite(n) ? Math.max(0, Math.min(max, Math.floor(n))) : 0);

function policySentence(order: PortalOrder): string {
  const p = order.policy;
  const until = p.windowEndsOn ? ` until ${p.windowEndsOn}` : "";
  const label = p.labelPaidBy === "merchant" ? "The return label is free." : "The return label is deducted from your refund unless the item is faulty.";
  return `${p.name}: returns within ${p.windowDays} days of delivery${until}. ${label}`;
}

function Review({ preview }: { preview: ReturnPreview }) {
  const r = preview.refund;
  return (
    <s-section heading="Your return">
      <s-stack direction="block" gap="small-200">
        {preview.items.map((item) => (
          <s-stack key={item.lineItemId} direction="block" gap="small-500">
            <s-text type="strong">{item.quantity} × {item.title}</s-text>
            {item.destination ? (
              <s-text>Send to: {item.destination.address.join(", ")}. Prepaid label {item.label} {r.currency}.</s-text>
            ) : (
              <s-text>Keep it: no need to send this item back; you are refunded all the same.</s-text>
            )}
          </s-stack>
        ))}
        <s-text type="strong">Refund estimate: {r.total} {r.currency}</s-text>
        {r.restockingFee !== "0.00" && <s-text>Restocking fee: {r.restockingFee} {r.currency}</s-text>}
        {r.labelCharge !== "0.00" && <s-text>Return label: {r.labelCharge} {r.currency}</s-text>}
      </s-stack>
    </s-section>
  );
}

function Done({ order, submitted, preview }: { order: PortalOrder; submitted: SubmittedReturn; preview: ReturnPreview }) {
  return (
    <s-customer-account-action heading={`Return ${submitted.returnName ?? ""} requested`.replace("  ", " ")}>
      <s-stack direction="block" gap="base">
        <s-banner tone="success" heading={submitted.labels.length ? "Your return is approved: print the label" : "Your return is approved"}>
          {submitted.labels.length ? "Pack the items, attach the label and drop the parcel at the carrier." : "You don't need to send anything back."} Refund estimate: {submitted.refundEstimate} {submitted.currency}.
        </s-banner>
        {submitted.labels.map((label, i) => {
          const destination = preview.items.find((it) => it.destination)?.destination;
          return (
            <s-stack key={label.trackingNumber} direction="block" gap="small-200">
              {destination && <s-text>Return address: {(preview.items.filter((it) => it.destination)[i]?.destination ?? destination).address.join(", ")}</s-text>}
              <s-link href={label.url} target="_blank">Download return label ({label.trackingNumber})</s-link>
              {label.invoiceUrl && <s-link href={label.invoiceUrl} target="_blank">Download the customs invoice to put in the parcel</s-link>}
            </s-stack>
          );
        })}
        <s-text color="subdued">{order.order.name}</s-text>
      </s-stack>
      <s-button slot="primary-action" onClick={() => api().close?.()}>Done</s-button>
    </s-customer-account-action>
  );
}
