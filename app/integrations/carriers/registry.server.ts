import type { CarrierAdapter } from "~/engine/carriers";
import { createDhlExpressAdapter } from "./dhl-express/client.server";
import { createEasyPostAdapter } from "./easypost/client.server";
import { createUpsAdapter } from "./ups/client.server";

/** Carriers with a live rating API, and the production endpoints their adapters call. */
export const LIVE_CARRIERS = ["dhl-express", "ups", "easypost"] as const;

/**
 * The live adapter for a carrier from the merchant's stored credentials, or null when they are
 * incomplete (then the carrier is priced from its rate cards only).
 */
export function adapterFromCredentials(carrierId: string, values: Record<string, string>): CarrierAdapter | null {
  switch (carrierId) {
    case "dhl-express":
      if (!values.username || !values.password || !values.accountNumber) return null;
      return createDhlExpressAdapter({ username: values.username, password: values.password, accountNumber: values.accountNumber, baseUrl: values.baseUrl || "https://express.api.dhl.com/mydhlapi" });
    case "ups":
      if (!values.clientId || !values.clientSecret || !values.accountNumber) return null;
      return createUpsAdapter({ clientId: values.clientId, clientSecret: values.clientSecret, accountNumber: values.accountNumber, baseUrl: values.baseUrl || "https://onlinetools.ups.com" });
    case "easypost":
      if (!values.apiKey) return null;
      return createEasyPostAdapter({ apiKey: values.apiKey });
    default:
      return null;
  }
}
