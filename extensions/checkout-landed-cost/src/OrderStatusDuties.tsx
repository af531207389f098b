/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import type {} from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { render } from "preact";
import { describeOrder } from "./describe";
import { api, day, Sentences, useAppAnswer } from "./LandedCost";
import { fetchOrderLandedCost } from "./quote-client";

// customer-account.order-status.block.render: the order status page of customer accounts, every
// plan. It sees the order but not the delivery option chosen, so it restates the figures the app
// saved for the order instead of quoting again.
export default async () => {
  render(<OrderStatusDuties />, document.body);
};

export function OrderStatusDuties() {
  const s = (globalThis as any).shopify;
  const orderId: string | null = s.order?.value?.id ?? null;
  const state = useAppAnswer(orderId, (token) => fetchOrderLandedCost(orderId!, token));
  if (state.status === "hidden") return null;
  if (state.status === "loading") return <s-skeleton-paragraph />;
  const { i18n } = api();
  return <Sentences sentences={describeOrder(state.answer, { money: (amount, currency) => i18n.formatCurrency(amount, { currencyCode: currency }), day })} />;
}
