/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { LandedCost } from "./LandedCost";
import { requestBody } from "./quote-client";

// purchase.thank-you.block.render: restates what was paid and what the carrier will collect.
export default async () => {
  render(<ThankYouDuties />, document.body);
};

export function ThankYouDuties() {
  const s = (globalThis as any).shopify;
  const groups: any[] = s.deliveryGroups?.value ?? [];
  const group = groups.find((g) => g.selectedDeliveryOption);
  const option = group?.deliveryOptions?.find((o: any) => o.handle === group.selectedDeliveryOption.handle) ?? null;
  return <LandedCost page="thank-you" body={requestBody(s.lines.value, s.shippingAddress?.value, option)} />;
}
