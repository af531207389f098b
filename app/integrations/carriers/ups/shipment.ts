import { fromMajor } from "~/engine/money";
import type { CarrierResult, Label, ShipmentRequest } from "~/engine/carriers";
import { asArray, asString } from "../http";
import { parseErrors } from "./errors";
import { buildRateRequest, type UpsSettings } from "./rate";

/** Shipping API body (/shipments/v2409/ship): the rate shipment plus service, label spec and reference. */
export function buildShipmentRequest(req: ShipmentRequest, settings: UpsSettings): Record<string, unknown> {
  const [shipper, recipient] = req.isReturn ? [req.recipient, req.shipper] : [req.shipper, req.recipient];
  const shipment = (buildRateRequest({ ...req, shipper, recipient }, settings).RateRequest as { Shipment: Record<string, unknown> }).Shipment;
  return {
    ShipmentRequest: {
      Request: { RequestOption: "nonvalidate", TransactionReference: { CustomerContext: req.reference } },
      Shipment: {
        ...shipment,
        Description: req.contents?.map((c) => c.description).join(", ").slice(0, 50) || "Merchandise",
        Service: { Code: req.serviceCode },
        ...(req.isReturn ? { ReturnService: { Code: "9" } } : {}),
        ReferenceNumber: { Value: req.reference.slice(0, 35) },
      },
      LabelSpecification: { LabelImageFormat: { Code: "GIF" } },
    },
  };
}

interface UpsShipmentResults {
  ShipmentIdentificationNumber?: string;
  ShipmentCharges?: { TotalCharges?: { CurrencyCode?: string; MonetaryValue?: string } };
  NegotiatedRateCharges?: { TotalCharge?: { CurrencyCode?: string; MonetaryValue?: string } };
  PackageResults?: { TrackingNumber?: string; ShippingLabel?: { ImageFormat?: { Code?: string }; GraphicImage?: string } } | { TrackingNumber?: string; ShippingLabel?: { ImageFormat?: { Code?: string }; GraphicImage?: string } }[];
}

export function parseShipmentResponse(status: number, body: unknown): CarrierResult<Label | null> {
  if (status >= 400) return { data: null, messages: parseErrors(status, body) };
  const results = ((body ?? {}) as { ShipmentResponse?: { ShipmentResults?: UpsShipmentResults } }).ShipmentResponse?.ShipmentResults;
  if (!results?.ShipmentIdentificationNumber) return { data: null, messages: [{ carrierId: "ups", code: "no-shipment", message: "shipment response has no identification number", level: "error" }] };
  const packages = asArray(results.PackageResults);
  const charge = results.NegotiatedRateCharges?.TotalCharge?.MonetaryValue ? results.NegotiatedRateCharges.TotalCharge : results.ShipmentCharges?.TotalCharges;
  const first = packages[0]?.ShippingLabel;
  return {
    data: {
      trackingNumber: results.ShipmentIdentificationNumber,
      packageTrackingNumbers: packages.map((p) => p.TrackingNumber ?? "").filter(Boolean),
      format: first?.ImageFormat?.Code ?? "GIF",
      ...(first?.GraphicImage ? { content: first.GraphicImage } : {}),
      ...(charge?.MonetaryValue && charge.CurrencyCode ? { charge: fromMajor(asString(charge.MonetaryValue), charge.CurrencyCode) } : {}),
    },
    messages: [],
  };
}
