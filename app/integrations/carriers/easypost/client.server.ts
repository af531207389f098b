import type { CallOptions, CarrierAdapter, RateRequest, ShipmentRequest } from "~/engine/carriers";
import { callCarrier, type FetchLike } from "../http";
import { CARRIER_ID } from "./codes";
import { buildShipmentCreate, parseRates, rateIdFor } from "./rate";
import { buildBuy, parseBuyResponse } from "./shipment";
import { parseTracker } from "./tracking";

export interface EasyPostConfig {
  readonly apiKey: string;
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly fetch?: FetchLike;
}

/** EasyPost v2 with the API key as basic-auth user; the only place this adapter talks to the network. */
export function createEasyPostAdapter(config: EasyPostConfig): CarrierAdapter {
  const fetchImpl = config.fetch ?? ((url, init) => fetch(url, init));
  const base = config.baseUrl ?? "https://api.easypost.com/v2";
  const budget = config.timeoutMs ?? 2500;
  const headers = { Authorization: `Basic ${Buffer.from(`${config.apiKey}:`).toString("base64")}`, "Content-Type": "application/json" };
  const call = (path: string, init: RequestInit, options?: CallOptions) => callCarrier(CARRIER_ID, fetchImpl, `${base}${path}`, { ...init, headers }, budget, options?.signal);
  return {
    carrierId: CARRIER_ID,
    capabilities: { rates: true, labels: true, tracking: true, returnLabels: true },
    async rate(req: RateRequest, options?: CallOptions) {
      const r = await call("/shipments", { method: "POST", body: JSON.stringify(buildShipmentCreate(req)) }, options);
      return parseRates(r.status, r.body);
    },
    async createShipment(req: ShipmentRequest, options?: CallOptions) {
      const created = await call("/shipments", { method: "POST", body: JSON.stringify(buildShipmentCreate(req.isReturn ? { ...req, shipper: req.recipient, recipient: req.shipper } : req, req.reference)) }, options);
      if (created.status >= 400) return parseBuyResponse(created.status, created.body);
      const id = (created.body as { id?: string }).id;
      const rateId = rateIdFor(created.body, req.serviceCode);
      if (!id || !rateId) return { data: null, messages: [{ carrierId: CARRIER_ID, code: "no-rate", message: `no ${req.serviceCode} rate offered for this shipment`, level: "error" }] };
      const bought = await call(`/shipments/${id}/buy`, { method: "POST", body: JSON.stringify(buildBuy(rateId)) }, options);
      return parseBuyResponse(bought.status, bought.body);
    },
    async track(trackingNumber: string, options?: CallOptions) {
      const r = await call("/trackers", { method: "POST", body: JSON.stringify({ tracker: { tracking_code: trackingNumber } }) }, options);
      return parseTracker(r.status, r.body);
    },
  };
}
