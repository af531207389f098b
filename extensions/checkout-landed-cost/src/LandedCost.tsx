/** @jsxImportSource preact */
import type {} from "@shopify/ui-extensions/purchase.checkout.shipping-option-item.render-after"; // JSX types of the Polaris web components (s-text, s-stack...)
import { useEffect, useState } from "preact/hooks";
import { describeQuote, type Page, type QuoteResponse } from "./describe";
import { fetchQuote, type QuoteRequestBody } from "./quote-client";

/** The part of the extension API this component uses (the same on both targets). */
export interface LandedCostApi {
  sessionToken: { get(): Promise<string> };
  i18n: {
    translate(key: string, values?: Record<string, string>): string;
    formatCurrency(amount: number, options?: { currencyCode?: string }): string;
    formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
  };
}

const TRANSLATED_TAXES = new Set(["VAT", "GST"]);

type State = { status: "loading" } | { status: "ready"; quote: QuoteResponse } | { status: "hidden" };

function api(): LandedCostApi {
  return (globalThis as unknown as { shopify: LandedCostApi }).shopify;
}

/**
 * Duties, import taxes and delivery dates for the cart. A skeleton while the app answers;
 * nothing at all if anything fails, so checkout itself never breaks.
 */
export function LandedCost({ page, body }: { page: Page; body: QuoteRequestBody | null }) {
  const key = body ? JSON.stringify(body) : "";
  const [state, setState] = useState<State>(body ? { status: "loading" } : { status: "hidden" });

  useEffect(() => {
    if (!body) {
      setState({ status: "hidden" });
      return;
    }
    let live = true;
    setState({ status: "loading" });
    api().sessionToken.get()
      .then((token) => fetchQuote(body, token))
      .then(
        (quote) => live && setState(quote.selected ? { status: "ready", quote } : { status: "hidden" }),
        () => live && setState({ status: "hidden" }),
      );
    return () => {
      live = false;
    };
  }, [key]);

  if (state.status === "hidden") return null;
  if (state.status === "loading") return <s-skeleton-paragraph />;
  const { i18n } = api();
  const { quote } = state;
  const sentences = describeQuote(quote, page, {
    money: (amount) => i18n.formatCurrency(amount, { currencyCode: quote.currency }),
    // Noon UTC keeps the calendar day whatever the buyer's time zone.
    // The customs engine names the tax in English; the common ones have a local name.
    taxName: (name) => (TRANSLATED_TAXES.has(name) ? i18n.translate(`tax.${name}`) : name),
    day: (iso) => i18n.formatDate(new Date(`${iso}T12:00:00Z`), { month: "short", day: "numeric" }),
  });
  return (
    <s-stack gap="small-300">
      {sentences.map((s, i) => (
        <s-text key={s.key} color={i === 0 ? "base" : "subdued"}>{i18n.translate(s.key, s.values)}</s-text>
      ))}
    </s-stack>
  );
}
