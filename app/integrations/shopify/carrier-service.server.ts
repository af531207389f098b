import { createHmac, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { userErrorMessages, type AdminGraphql, type UserError } from "./admin-graphql.server";

/**
 * The app's CarrierService on a shop: the callback URL Shopify posts rate requests to, and its
 * registration. Shopify's rate request names no shop we could trust (and API carrier services
 * get no session), so each shop's callback URL carries the shop and a signature of it made with
 * the app secret; the callback answers only when the signature matches.
 */

export const CARRIER_SERVICE_NAME = "Borderless Rates";
export const CALLBACK_PATH = "/carrier/rates";

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

function signatureOf(shop: string, appSecret: string): string {
  // A purpose prefix, so this HMAC can never be replayed as any other signature the app makes.
  return createHmac("sha256", appSecret).update(`carrier-rates\0${shop}`).digest("base64url");
}

/** The callback URL registered for one shop: `${appUrl}/carrier/rates?shop=…&sig=…`. */
export function carrierCallbackUrl(appUrl: string, shop: string, appSecret: string): string {
  const url = new URL(CALLBACK_PATH, appUrl);
  url.searchParams.set("shop", shop);
  url.searchParams.set("sig", signatureOf(shop, appSecret));
  return url.toString();
}

/** The shop a callback URL was signed for, or null when it is missing, malformed or not signed by us. */
export function verifiedCallbackShop(requestUrl: string, appSecret: string): string | null {
  const url = new URL(requestUrl);
  const shop = url.searchParams.get("shop");
  const sig = url.searchParams.get("sig");
  if (!shop || !sig || !SHOP_DOMAIN.test(shop)) return null;
  const expected = Buffer.from(signatureOf(shop, appSecret));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? shop : null;
}

export type { AdminGraphql } from "./admin-graphql.server";

const CARRIER_SERVICES = `#graphql
  query BorderlessCarrierServices {
    carrierServices(first: 50) {
      nodes { id name callbackUrl active }
    }
  }
`;

const CARRIER_SERVICE_CREATE = `#graphql
  mutation BorderlessCarrierServiceCreate($input: DeliveryCarrierServiceCreateInput!) {
    carrierServiceCreate(input: $input) {
      carrierService { id name callbackUrl active }
      userErrors { field message }
    }
  }
`;

const CARRIER_SERVICE_UPDATE = `#graphql
  mutation BorderlessCarrierServiceUpdate($input: DeliveryCarrierServiceUpdateInput!) {
    carrierServiceUpdate(input: $input) {
      carrierService { id name callbackUrl active }
      userErrors { field message }
    }
  }
`;

interface Service { id: string; name: string; callbackUrl: string | null; active: boolean }
type UserErrors = UserError[];

export type CarrierServiceOutcome =
  | { readonly status: "created" | "updated" | "unchanged"; readonly id: string; readonly callbackUrl: string }
  | { readonly status: "refused"; readonly message: string };

/**
 * Registers the app's CarrierService on a shop, idempotently: an existing one (same name, or a
 * callback on our path) is kept, and updated when its URL changed (a new app URL or secret) or it
 * was deactivated. Shopify refuses carrier services on plans without calculated rates: that comes
 * back as `refused` with Shopify's message, not as an exception.
 */
export async function ensureCarrierService(db: PrismaClient, shop: string, graphql: AdminGraphql, options: { appUrl: string; appSecret: string }): Promise<CarrierServiceOutcome> {
  const callbackUrl = carrierCallbackUrl(options.appUrl, shop, options.appSecret);
  const { carrierServices } = await graphql<{ carrierServices: { nodes: Service[] } }>(CARRIER_SERVICES);
  const ours = carrierServices.nodes.find((s) => s.name === CARRIER_SERVICE_NAME)
    ?? carrierServices.nodes.find((s) => s.callbackUrl !== null && new URL(s.callbackUrl).pathname === CALLBACK_PATH);
  let outcome: CarrierServiceOutcome;
  if (ours && ours.callbackUrl === callbackUrl && ours.active) {
    outcome = { status: "unchanged", id: ours.id, callbackUrl };
  } else if (ours) {
    const { carrierServiceUpdate } = await graphql<{ carrierServiceUpdate: { carrierService: Service | null; userErrors: UserErrors } }>(
      CARRIER_SERVICE_UPDATE, { input: { id: ours.id, name: CARRIER_SERVICE_NAME, callbackUrl, active: true } },
    );
    outcome = carrierServiceUpdate.carrierService
      ? { status: "updated", id: carrierServiceUpdate.carrierService.id, callbackUrl }
      : { status: "refused", message: userErrorMessages(carrierServiceUpdate.userErrors) };
  } else {
    const { carrierServiceCreate } = await graphql<{ carrierServiceCreate: { carrierService: Service | null; userErrors: UserErrors } }>(
      CARRIER_SERVICE_CREATE, { input: { name: CARRIER_SERVICE_NAME, callbackUrl, active: true, supportsServiceDiscovery: true } },
    );
    outcome = carrierServiceCreate.carrierService
      ? { status: "created", id: carrierServiceCreate.carrierService.id, callbackUrl }
      : { status: "refused", message: userErrorMessages(carrierServiceCreate.userErrors) };
  }
  if (outcome.status !== "refused") {
    await db.carrierServiceRegistration.upsert({
      where: { shop },
      create: { shop, carrierServiceId: outcome.id, callbackUrl },
      update: { carrierServiceId: outcome.id, callbackUrl },
    });
  }
  return outcome;
}
