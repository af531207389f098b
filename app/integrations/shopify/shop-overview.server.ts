import { adminQuery, type AdminApiClient } from "./admin-graphql.server";

/** What the admin home page shows about the store, read through the Admin API. */
export const SHOP_OVERVIEW_QUERY = `#graphql
  query ShopOverview {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      billingAddress {
        countryCodeV2
      }
    }
    locations(first: 25) {
      nodes {
        id
        name
        isActive
        fulfillsOnlineOrders
        fulfillmentService {
          id
        }
        address {
          city
          countryCode
        }
      }
    }
    productsCount {
      count
    }
    ordersCount(limit: null) {
      count
    }
    orders(first: 8, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        createdAt
        displayFulfillmentStatus
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        shippingAddress {
          countryCodeV2
        }
      }
    }
  }
`;

export interface ShopOverview {
  shop: { name: string; domain: string; currency: string; timezone: string; country: string | null };
  locations: { id: string; name: string; city: string | null; country: string | null; active: boolean }[];
  productCount: number;
  orderCount: number;
  recentOrders: { id: string; name: string; createdAt: string; status: string; total: string; currency: string; country: string | null }[];
}

interface Overview {
  shop: { name: string; myshopifyDomain: string; currencyCode: string; ianaTimezone: string; billingAddress: { countryCodeV2: string | null } | null };
  locations: { nodes: { id: string; name: string; isActive: boolean; fulfillmentService: { id: string } | null; address: { city: string | null; countryCode: string | null } }[] };
  productsCount: { count: number } | null;
  ordersCount: { count: number } | null;
  orders: {
    nodes: {
      id: string;
      name: string;
      createdAt: string;
      displayFulfillmentStatus: string;
      totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
      shippingAddress: { countryCodeV2: string | null } | null;
    }[];
  };
}

export async function loadShopOverview(admin: AdminApiClient): Promise<ShopOverview> {
  // The counts are nullable: a store that denies one still gets its overview.
  const { shop, locations, productsCount, ordersCount, orders } = await adminQuery<Overview>(admin, SHOP_OVERVIEW_QUERY, undefined, { partial: true });
  return {
    shop: {
      name: shop.name,
      domain: shop.myshopifyDomain,
      currency: shop.currencyCode,
      timezone: shop.ianaTimezone,
      country: shop.billingAddress?.countryCodeV2 ?? null,
    },
    // The app's own fulfillment-service locations stand for the warehouses listed here already.
    locations: locations.nodes.filter((l) => !l.fulfillmentService).map((l) => ({ id: l.id, name: l.name, city: l.address.city, country: l.address.countryCode, active: l.isActive })),
    productCount: productsCount?.count ?? 0,
    orderCount: ordersCount?.count ?? 0,
    recentOrders: orders.nodes.map((o) => ({
      id: o.id,
      name: o.name,
      createdAt: o.createdAt,
      status: o.displayFulfillmentStatus,
      total: o.totalPriceSet.shopMoney.amount,
      currency: o.totalPriceSet.shopMoney.currencyCode,
      country: o.shippingAddress?.countryCodeV2 ?? null,
    })),
  };
}
