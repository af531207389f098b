/**
 * The webhook topics the app subscribes to and the path each is delivered to, as shopify.app.toml
 * declares them (a test keeps the two equal). The emulator uses the same map to deliver.
 */
export const WEBHOOK_ROUTES = {
  "/webhooks/orders": ["orders/create", "orders/updated", "orders/cancelled", "orders/edited"],
  "/webhooks/fulfillment_orders": [
    "fulfillment_orders/fulfillment_request_submitted",
    "fulfillment_orders/fulfillment_request_accepted",
    "fulfillment_orders/fulfillment_request_rejected",
    "fulfillment_orders/cancellation_request_submitted",
    "fulfillment_orders/cancellation_request_accepted",
    "fulfillment_orders/cancellation_request_rejected",
    "fulfillment_orders/cancelled",
    "fulfillment_orders/moved",
    "fulfillment_orders/order_routing_complete",
    "fulfillment_orders/placed_on_hold",
    "fulfillment_orders/hold_released",
    "fulfillment_orders/split",
    "fulfillment_orders/merged",
  ],
  "/webhooks/fulfillments": ["fulfillments/create", "fulfillments/update"],
  "/webhooks/inventory_levels": ["inventory_levels/update"],
  "/webhooks/products": ["products/update"],
  "/webhooks/returns": ["returns/request", "returns/approve", "returns/decline", "returns/cancel", "returns/close", "returns/process", "returns/reopen", "returns/update"],
  "/webhooks/compliance": ["customers/data_request", "customers/redact", "shop/redact"],
  "/webhooks/app/uninstalled": ["app/uninstalled"],
  "/webhooks/app/scopes_update": ["app/scopes_update"],
} as const satisfies Record<string, readonly string[]>;

export type WebhookPath = keyof typeof WEBHOOK_ROUTES;

/** Every subscribed topic. */
export const SUBSCRIBED_TOPICS: readonly string[] = Object.values(WEBHOOK_ROUTES).flat();

export function webhookPathFor(topic: string): WebhookPath | undefined {
  return (Object.keys(WEBHOOK_ROUTES) as WebhookPath[]).find((path) => (WEBHOOK_ROUTES[path] as readonly string[]).includes(topic));
}

export const acceptsTopicsOf = (path: WebhookPath) => (topic: string) => (WEBHOOK_ROUTES[path] as readonly string[]).includes(topic);
