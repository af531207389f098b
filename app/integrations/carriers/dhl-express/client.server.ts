import type { CallOptions, CarrierAdapter, RateRequest, ShipmentRequest } from "~/engine/carriers";
import { callCarrier, type FetchLike } from "../http";
import { CARRIER_ID } from "./codes";
import { buildRatesRequest, parseRatesResponse, type DhlSettings } from "./rate";
import { buildShipmentRequest, parseShipmentResponse } from "./shipment";
import { parseTrackingResponse } from "./tracking";

export interface DhlExpressConfig extends DhlSettings {
  readonly username: string;
  readonly password: string;
  /** https://express.api.dhl.com/mydhlapi (production) or .../mydhlapi/test (sandbox). */
  readonly baseUrl: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

/** MyDHL API with HTTP basic auth; the only place this adapter talks to the network. */
export function createDhlExpressAdapter(config: DhlExpressConfig): CarrierAdapter {
  const fetchImpl = config.fetch ?? ((url, init) => fetch(url, init));
  const budget = config.timeoutMs ?? 2500;
  const headers = {
    Authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString("base64")}`,
    "Content-Type": "application/json",
    Accept: "application/json",
  };
  const call = (path: string, init: RequestInit, options?: CallOptions) =>
    callCarrier(CARRIER_ID, fetchImpl, `${config.baseUrl}${path}`, { ...init, headers }, budget, options?.signal);
  return {
    carrierId: CARRIER_ID,
    capabilities: { rates: true, labels: true, tracking: true, returnLabels: true },
    async rate(req: RateRequest, options?: CallOptions) {
      const r = await call("/rates", { method: "POST", body: JSON.stringify(buildRatesRequest(req, config)) }, options);
      return parseRatesResponse(r.status, r.body);
    },
    async createShipment(req: ShipmentRequest, options?: CallOptions) {
      const r = await call("/shipments", { method: "POST", body: JSON.stringify(buildShipmentRequest(req, config)) }, options);
      return parseShipmentResponse(r.status, r.body);
    },
    async track(trackingNumber: string, options?: CallOptions) {
      const r = await call(`/shipments/${encodeURIComponent(trackingNumber)}/tracking?trackingView=all-checkpoints&levelOfDetail=shipment`, { method: "GET" }, options);
      return parseTrackingResponse(r.status, r.body);
    },
  };
}
