/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { ReturnPortal } from "./ReturnPortal";

// customer-account.order.action.render: the modal the menu item opens.
export default async () => {
  render(<ReturnPortal />, document.body);
};
