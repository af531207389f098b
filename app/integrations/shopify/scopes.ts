/**
 * Every access scope the app needs, in one place: shopify.app.toml states the same list and a
 * test keeps the two equal.
 */
export const ACCESS_SCOPES = [
  "read_orders",
  "write_orders",
  "read_products",
  "write_products",
  "read_inventory",
  "write_inventory",
  "read_locations",
  "write_locations",
  "read_fulfillments",
  "write_fulfillments",
  "read_assigned_fulfillment_orders",
  "write_assigned_fulfillment_orders",
  "read_merchant_managed_fulfillment_orders",
  "write_merchant_managed_fulfillment_orders",
  "read_third_party_fulfillment_orders",
  "write_third_party_fulfillment_orders",
  "read_shipping",
  "write_shipping",
  "read_returns",
  "write_returns",
  "read_markets",
  "read_customers",
] as const;
