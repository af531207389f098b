/** @jsxImportSource preact */
import type {} from "@shopify/ui-extensions/purchase.checkout.shipping-option-item.render-after"; // JSX types of the Polaris web components (s-text, s-stack...)
import { useEffect, useState } from "preact/hooks";
import { describeQuote, type Page, type QuoteResponse, type Sentence } from "./describe";
import { fetchQuote, type QuoteRequestBody } from "./quote-client";

/** The part of the extension API these components use (the same on every target). */
export interface LandedCostApi {
  sessionToken: { get(): Promise<string> };
  i18n: {
    translate(key: string, values?: Record<string, string>): string;
    formatCurrency(amount: number, options?: { currencyCode?: string }): string;
    formatDate(date: Date, options?: Intl.DateTimeFormatOptions): string;
  };
}

const TRANSLATED_TAXES = new Set(["VAT", "GST"]);

type State<T> = { status: "loading" } | { status: "ready"; answer: T } | { status: "hidden" };

export function api(): LandedCostApi {
  return (globalThis as unknown as { shopify: LandedCostApi }).shopify;
}

/**
 * The app's answer for `key` (null: nothing to ask yet): loading, then the answer, or hidden when
 * anything fails, so the page itself never breaks. `load` is asked again when `key` changes.
 */
export function useAppAnswer<T>(key: string | null, load: (token: string) => Promise<T>, shown: (answer: T) => boolean = () => true): State<T> {
  const [state, setState] = useState<State<T>>(key === null ? { status: "hidden" } : { status: "loading" });
  useEffect(() => {
    if (key === null) {
      setState({ status: "hidden" });
      return;
    }
    let live = true;
    setState({ status: "loading" });
    api().sessionToken.get()
      .then(load)
      .then(
        (answer) => live && setState(shown(answer) ? { status: "ready", answer } : { status: "hidden" }),
        () => live && setState({ status: "hidden" }),
      );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** The sentences in the buyer's language, the first one in the body colour. */
export function Sentences({ sentences }: { sentences: readonly Sentence[] }) {
  const { i18n } = api();
  return (
    <s-stack gap="small-300">
      {sentences.map((s, i) => (
        <s-text key={s.key} color={i === 0 ? "base" : "subdued"}>{i18n.translate(s.key, s.values)}</s-text>
      ))}
    </s-stack>
  );
}

/** A calendar day in the buyer's locale; noon UTC keeps the day whatever the buyer's time zone. */
export function day(iso: string): string {
  return api().i18n.formatDate(new Date(`${iso}T12:00:00Z`), { month: "short", day: "numeric" });
}

/** Duties, import taxes and delivery dates for the cart. A skeleton while the app answers; nothing if anything fails. */
export function LandedCost({ page, body }: { page: Page; body: QuoteRequestBody | null }) {
  const state = useAppAnswer(body ? JSON.stringify(body) : null, (token) => fetchQuote(body!, token), (quote) => !!quote.selected);
  if (state.status === "hidden") return null;
  if (state.status === "loading") return <s-skeleton-paragraph />;
  const { i18n } = api();
  const quote = state.answer;
  return (
    <Sentences
      sentences={describeQuote(quote, page, {
        money: (amount) => i18n.formatCurrency(amount, { currencyCode: quote.currency }),
        // The customs engine names the tax in English; the common ones have a local name.
        taxName: (name) => (TRANSLATED_TAXES.has(name) ? i18n.translate(`tax.${name}`) : name),
        day,
      })}
    />
  );
}
