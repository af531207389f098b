/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { LandedCost } from "./LandedCost";
import { requestBody } from "./quote-client";

// purchase.checkout.shipping-option-item.render-after: one instance per shipping option.
export default async () => {
  render(<ShippingOptionDuties />, document.body);
};

/** Shown under the selected option only, so a list of five options costs one request, not five. */
export function ShippingOptionDuties() {
  const s = (globalThis as any).shopify;
  if (!s.isTargetSelected.value) return null;
  return <LandedCost page="checkout" body={requestBody(s.lines.value, s.shippingAddress?.value, s.target.value)} />;
}
