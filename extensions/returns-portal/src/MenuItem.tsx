/** @jsxImportSource preact */
import type {} from "@shopify/ui-extensions/customer-account.order.action.menu-item.render"; // JSX types of the Polaris web components
import "@shopify/ui-extensions/preact";
import { render } from "preact";

// customer-account.order.action.menu-item.render: a button on the order; Shopify opens the
// extension's customer-account.order.action.render modal when it is pressed.
export default async () => {
  render(<MenuItem />, document.body);
};

export function MenuItem() {
  return <s-button>Request a return</s-button>;
}
