import { fulfill, placeOrder } from "./orders";
import { createPrng, type Prng } from "./prng";
import type {
  CustomerRecord, InventoryItemRecord, InventoryLevelRecord, LocationRecord, MailingAddressRecord, ProductRecord, ProductVariantRecord,
  ReturnLineItemRecord, ReturnRecord, ReverseFulfillmentOrderLineItemRecord, ReverseFulfillmentOrderRecord,
} from "./records";
import { CATALOG, COUNTRIES, type CountryProfile } from "./seed-catalog";
import type { Store } from "./store";

export const DEMO_SHOP = "borderless-demo.myshopify.com";
/** The offline access token of the demo session (the app's session row holds the same). */
export const DEMO_ACCESS_TOKEN = "shpat_borderless_demo_offline_token_0001";
export const DEMO_SCOPES_NOTE = "all scopes Borderless requests (see DEFAULT_SCOPES)";

export interface SeedOptions {
  /** The seed's "today": orders run up to it. Same `now` + same `seed` = same store. */
  now: Date;
  seed?: number;
  /** Months of order history (default 6). */
  months?: number;
}

const DAY = 86_400_000;
const EU_3PL = new Set(["DE", "FR", "NL", "IT", "ES", "SE", "IE", "CH", "BE", "AT", "DK"]);

/** Orders per day relative to the average, by month: Q4 gifting peak, quiet January. */
const SEASONALITY = [0.7, 0.75, 0.85, 0.9, 0.95, 0.9, 0.85, 0.9, 1.0, 1.15, 1.8, 2.1];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const handleize = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function seedLocations(store: Store, createdAt: string): { us: LocationRecord; nl: LocationRecord; gb: LocationRecord } {
  const location = (name: string, address: LocationRecord["address"], isPrimary: boolean) =>
    store.insert<LocationRecord>(DEMO_SHOP, {
      __typename: "Location", name, address, isActive: true, isPrimary, fulfillsOnlineOrders: true, shipsInventory: true,
      fulfillmentServiceId: null, createdAt, updatedAt: createdAt,
    });
  return {
    us: location("New Jersey Warehouse", { address1: "600 Meadowlands Pkwy", city: "Secaucus", province: "New Jersey", provinceCode: "NJ", zip: "07094", country: "United States", countryCode: "US", phone: "+1 201-555-0143" }, true),
    nl: location("Venlo 3PL (EU)", { address1: "Columbusweg 11", city: "Venlo", province: "Limburg", provinceCode: "LI", zip: "5928 LA", country: "Netherlands", countryCode: "NL", phone: "+31 77 555 0190" }, false),
    gb: location("Northampton Warehouse (UK)", { address1: "Caswell Road, Brackmills Industrial Estate", city: "Northampton", province: "England", provinceCode: "ENG", zip: "NN4 7PW", country: "United Kingdom", countryCode: "GB", phone: "+44 1604 555012" }, false),
  };
}

function seedCatalog(store: Store, prng: Prng, locations: LocationRecord[], createdAt: string): ProductVariantRecord[] {
  const variants: ProductVariantRecord[] = [];
  CATALOG.forEach((entry, index) => {
    const product = store.insert<ProductRecord>(DEMO_SHOP, {
      __typename: "Product", title: entry.title, handle: handleize(entry.title), vendor: entry.vendor, productType: entry.productType,
      status: "ACTIVE", tags: [entry.productType.toLowerCase()], descriptionHtml: `<p>${entry.title} by ${entry.vendor}.</p>`, createdAt, updatedAt: createdAt,
    });
    const values = entry.options?.values ?? ["Default Title"];
    values.forEach((value, position) => {
      const variantId = store.newId(DEMO_SHOP, "ProductVariant");
      const sku = `${entry.vendor.slice(0, 3).toUpperCase()}-${String(index + 1).padStart(3, "0")}${entry.options ? `-${value.toUpperCase().replace(/[^A-Z0-9]/g, "")}` : ""}`;
      const item = store.insert<InventoryItemRecord>(DEMO_SHOP, {
        __typename: "InventoryItem", variantId, sku, tracked: true, requiresShipping: true, harmonizedSystemCode: entry.hsCode,
        countryCodeOfOrigin: entry.origin, provinceCodeOfOrigin: null,
        measurement: { id: store.newId(DEMO_SHOP, "InventoryItemMeasurement"), weight: { unit: "KILOGRAMS", value: entry.grams / 1000 } },
        unitCost: { amount: (Number(entry.price) * 0.38).toFixed(2), currencyCode: "USD" }, createdAt, updatedAt: createdAt,
      });
      variants.push(store.insert<ProductVariantRecord>(DEMO_SHOP, {
        __typename: "ProductVariant", id: variantId, productId: product.id, inventoryItemId: item.id, title: value, sku, price: entry.price,
        barcode: `0${String(860_000_000_000 + index * 100 + position)}`, position: position + 1, inventoryPolicy: "DENY", taxable: true,
        selectedOptions: [{ name: entry.options?.name ?? "Title", value }], createdAt, updatedAt: createdAt,
      }));
      for (const location of locations) {
        // The EU 3PL and UK warehouse carry the faster movers only; the US warehouse carries everything.
        if (!location.isPrimary && prng.chance(0.25)) continue;
        const available = prng.int(location.isPrimary ? 40 : 10, location.isPrimary ? 260 : 120);
        store.insert<InventoryLevelRecord>(DEMO_SHOP, {
          __typename: "InventoryLevel", inventoryItemId: item.id, locationId: location.id,
          quantities: { available, on_hand: available, committed: 0, incoming: prng.chance(0.2) ? prng.int(20, 100) : 0, reserved: 0 },
          createdAt, updatedAt: createdAt,
        });
      }
    });
  });
  return variants;
}

function seedCustomers(store: Store, prng: Prng, createdAt: string): CustomerRecord[] {
  const customers: CustomerRecord[] = [];
  for (const profile of COUNTRIES) {
    const count = Math.max(2, Math.round(profile.weight / 1.5));
    for (let i = 0; i < count; i++) {
      const firstName = profile.firstNames[i % profile.firstNames.length]!;
      const lastName = profile.lastNames[(i + Math.floor(i / profile.firstNames.length)) % profile.lastNames.length]!;
      const home = profile.addresses[i % profile.addresses.length]!;
      const phone = `${profile.phonePrefix} 555 ${String(prng.int(1000, 9999))}`;
      const address = store.insert<MailingAddressRecord>(DEMO_SHOP, {
        __typename: "MailingAddress", firstName, lastName, company: null, address1: home.address1, address2: null, city: home.city,
        province: home.province ?? null, provinceCode: home.provinceCode ?? null, zip: home.zip, country: profile.country, countryCode: profile.countryCode, phone,
      });
      const email = `${firstName}.${lastName}${i}`.normalize("NFD").replace(/[^\w.]/g, "").toLowerCase() + `@example.${profile.countryCode === "US" ? "com" : profile.countryCode.toLowerCase()}`;
      customers.push(store.insert<CustomerRecord>(DEMO_SHOP, {
        __typename: "Customer", firstName, lastName, email, phone, locale: profile.locale, tags: profile.countryCode === "US" ? [] : ["international"],
        defaultAddress: address, createdAt, updatedAt: createdAt,
      }));
    }
  }
  return customers;
}

function shippingFor(countryCode: string, subtotal: number, prng: Prng) {
  if (countryCode === "US") {
    if (prng.chance(0.2)) return { title: "Express (2-day)", code: "EXPRESS", price: "14.95", carrierIdentifier: null };
    return { title: "Standard Shipping", code: "STANDARD", price: subtotal >= 150 ? "0.00" : "5.95", carrierIdentifier: null };
  }
  if (prng.chance(0.3)) return { title: "DHL Express Worldwide", code: "DHL_EXPRESS_WORLDWIDE", price: "39.95", carrierIdentifier: "dhl" };
  return { title: "International Standard", code: "INTL_STANDARD", price: countryCode === "CA" || countryCode === "MX" ? "14.95" : "19.95", carrierIdentifier: null };
}

function tracking(countryCode: string, locationCountry: string, prng: Prng) {
  const digits = (n: number) => Array.from({ length: n }, () => prng.int(0, 9)).join("");
  if (locationCountry === "GB") {
    const number = `RM${digits(9)}GB`;
    return { company: "Royal Mail", number, url: `https://www.royalmail.com/track-your-item#/tracking-results/${number}` };
  }
  if (locationCountry === "NL") {
    const number = `3S${digits(13)}`;
    return { company: "PostNL", number, url: `https://jouw.postnl.nl/track-and-trace/${number}-${countryCode}` };
  }
  if (countryCode === "US") {
    const number = `9400${digits(18)}`;
    return { company: "USPS", number, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}` };
  }
  const number = digits(10);
  return { company: "DHL Express", number, url: `https://www.dhl.com/en/express/tracking.html?AWB=${number}` };
}

function pickCustomer(prng: Prng, customers: CustomerRecord[]): CustomerRecord {
  const country = prng.weighted(COUNTRIES.map((c): readonly [CountryProfile, number] => [c, c.weight]));
  const local = customers.filter((c) => c.defaultAddress.countryCode === country.countryCode);
  return prng.pick(local.length ? local : customers);
}

/**
 * Seeds the demo shop: catalogue with HS codes and origins, three warehouses on two continents,
 * customers in fifteen countries, `months` of orders with Q4 seasonality, fulfillments, returns.
 */
export function seedDemoStore(store: Store, options: SeedOptions): void {
  const prng = createPrng(options.seed ?? 20261125);
  const nowMs = options.now.getTime();
  const months = options.months ?? 6;
  const startMs = nowMs - Math.round(months * 30.4 * DAY);
  const shopCreated = iso(startMs - 400 * DAY);
  const clock = store.now;
  store.createShop({
    domain: DEMO_SHOP, accessToken: DEMO_ACCESS_TOKEN, name: "Borderless Demo", currencyCode: "USD", ianaTimezone: "America/New_York",
    email: "owner@borderless-demo.example", createdAt: shopCreated,
    billingAddress: { company: "Borderless Demo Inc.", address1: "600 Meadowlands Pkwy", city: "Secaucus", province: "New Jersey", provinceCode: "NJ", zip: "07094", country: "United States", countryCode: "US" },
  });
  const { us, nl, gb } = seedLocations(store, shopCreated);
  const variants = seedCatalog(store, prng, [us, nl, gb], shopCreated);
  const customers = seedCustomers(store, prng, shopCreated);
  const stocked = (locationId: string) => new Set(store.list(DEMO_SHOP, "InventoryLevel").filter((l) => l.locationId === locationId).map((l) => l.inventoryItemId));
  const stock = { [us.id]: stocked(us.id), [nl.id]: stocked(nl.id), [gb.id]: stocked(gb.id) };

  try {
    for (let day = startMs; day < nowMs; day += DAY) {
      const date = new Date(day);
      const rate = 1.45 * SEASONALITY[date.getUTCMonth()]! * (date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1.2 : 1);
      const count = Math.floor(rate + prng.next());
      for (let n = 0; n < count; n++) {
        const hour = prng.int(7 * 3600, 23 * 3600) * 1000;
        const createdMs = day + hour < nowMs ? day + hour : day + Math.floor(prng.next() * (nowMs - day));
        const createdAt = iso(createdMs);
        store.now = () => new Date(createdMs);
        const customer = pickCustomer(prng, customers);
        const country = customer.defaultAddress.countryCode;
        const preferred = country === "GB" ? gb : EU_3PL.has(country) ? nl : us;
        const lines = new Map<string, number>();
        for (let i = prng.weighted([[1, 55], [2, 30], [3, 15]] as const); i > 0; i--) {
          lines.set(prng.pick(variants).id, prng.weighted([[1, 85], [2, 12], [3, 3]] as const));
        }
        const everythingStocked = [...lines.keys()].every((id) => stock[preferred.id]!.has(store.get(DEMO_SHOP, id, "ProductVariant")!.inventoryItemId));
        const location = everythingStocked ? preferred : us;
        const subtotal = [...lines].reduce((sum, [id, qty]) => sum + Number(store.get(DEMO_SHOP, id, "ProductVariant")!.price) * qty, 0);
        const ageDays = (nowMs - createdMs) / DAY;
        const financialStatus = ageDays < 2 && prng.chance(0.1) ? "PENDING" : prng.chance(0.02) ? "REFUNDED" : prng.chance(0.03) ? "PARTIALLY_REFUNDED" : "PAID";
        const { defaultAddress } = customer;
        const order = placeOrder(store, DEMO_SHOP, {
          customerId: customer.id, email: customer.email, customerLocale: customer.locale,
          shippingAddress: { firstName: defaultAddress.firstName, lastName: defaultAddress.lastName, company: null, address1: defaultAddress.address1, address2: null, city: defaultAddress.city, province: defaultAddress.province, provinceCode: defaultAddress.provinceCode, zip: defaultAddress.zip, country: defaultAddress.country, countryCode: defaultAddress.countryCode, phone: defaultAddress.phone },
          lines: [...lines].map(([variantId, quantity]) => ({ variantId, quantity })),
          shippingLine: shippingFor(country, subtotal, prng),
          locationId: location.id, createdAt, financialStatus,
          totalTax: country === "US" ? (subtotal * 0.06625).toFixed(2) : "0.00",
          tags: country === "US" ? [] : ["cross-border"],
        });
        const fo = store.list(DEMO_SHOP, "FulfillmentOrder").find((f) => f.orderId === order.id)!;
        if (prng.chance(0.03) || financialStatus === "REFUNDED") {
          order.cancelledAt = iso(createdMs + 3 * 3600_000);
          order.cancelReason = prng.pick(["CUSTOMER", "INVENTORY", "DECLINED"]);
          order.displayFinancialStatus = financialStatus === "PAID" || financialStatus === "REFUNDED" ? "REFUNDED" : "VOIDED";
          order.closedAt = order.cancelledAt;
          order.updatedAt = order.cancelledAt;
          fo.status = "CANCELLED";
          continue;
        }
        const shipped = ageDays > 7 ? 0.97 : ageDays > 3 ? 0.6 : ageDays > 1 ? 0.2 : 0;
        if (prng.chance(shipped)) {
          const shippedMs = createdMs + prng.int(18, 60) * 3600_000;
          store.now = () => new Date(shippedMs);
          const partial = fo.lineItemIds.length > 1 && prng.chance(0.06);
          fulfill(store, DEMO_SHOP, [{
            fulfillmentOrderId: fo.id, at: iso(shippedMs), tracking: [tracking(country, location.address.countryCode, prng)],
            quantities: partial ? new Map([[fo.lineItemIds[0]!, store.get(DEMO_SHOP, fo.lineItemIds[0]!, "FulfillmentOrderLineItem")!.totalQuantity]]) : undefined,
          }]);
          if (!partial && ageDays > 12) order.closedAt = iso(shippedMs + 10 * DAY);
        }
      }
    }
    seedReturns(store, prng, nowMs);
  } finally {
    store.now = clock;
  }
}

function seedReturns(store: Store, prng: Prng, nowMs: number): void {
  const fulfilled = store.list(DEMO_SHOP, "Fulfillment").filter((f) => Date.parse(f.createdAt) < nowMs - 10 * DAY);
  const reasons = ["SIZE_TOO_SMALL", "SIZE_TOO_LARGE", "NOT_AS_DESCRIBED", "DEFECTIVE", "UNWANTED", "STYLE"];
  for (let i = 0; i < 8 && fulfilled.length; i++) {
    const fulfillment = fulfilled.splice(prng.int(0, fulfilled.length - 1), 1)[0]!;
    const order = store.get(DEMO_SHOP, fulfillment.orderId, "Order")!;
    const fli = store.get(DEMO_SHOP, fulfillment.fulfillmentLineItemIds[0], "FulfillmentLineItem")!;
    const createdMs = Date.parse(fulfillment.createdAt) + prng.int(6, 20) * DAY;
    const status: ReturnRecord["status"] = i < 3 ? "REQUESTED" : i < 6 ? "OPEN" : "CLOSED";
    const returnId = store.newId(DEMO_SHOP, "Return");
    const line = store.insert<ReturnLineItemRecord>(DEMO_SHOP, {
      __typename: "ReturnLineItem", returnId, fulfillmentLineItemId: fli.id, quantity: 1, returnReason: prng.pick(reasons),
      returnReasonNote: "", customerNote: i % 2 === 0 ? "Please send a return label." : null,
    });
    const record = store.insert<ReturnRecord>(DEMO_SHOP, {
      __typename: "Return", id: returnId, orderId: order.id, name: `${order.name}-R1`, status, returnLineItemIds: [line.id],
      reverseFulfillmentOrderIds: [], createdAt: iso(Math.min(createdMs, nowMs - DAY)),
      requestApprovedAt: status === "REQUESTED" ? null : iso(Math.min(createdMs + DAY, nowMs)), closedAt: status === "CLOSED" ? iso(Math.min(createdMs + 9 * DAY, nowMs)) : null,
    });
    if (status !== "REQUESTED") {
      const rfoId = store.newId(DEMO_SHOP, "ReverseFulfillmentOrder");
      const rfoLine = store.insert<ReverseFulfillmentOrderLineItemRecord>(DEMO_SHOP, {
        __typename: "ReverseFulfillmentOrderLineItem", reverseFulfillmentOrderId: rfoId, fulfillmentLineItemId: fli.id, totalQuantity: 1,
      });
      store.insert<ReverseFulfillmentOrderRecord>(DEMO_SHOP, {
        __typename: "ReverseFulfillmentOrder", id: rfoId, returnId, orderId: order.id, status: status === "CLOSED" ? "CLOSED" : "OPEN",
        lineItemIds: [rfoLine.id], reverseDeliveryIds: [],
      });
      record.reverseFulfillmentOrderIds.push(rfoId);
    }
  }
}
