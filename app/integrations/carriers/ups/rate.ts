import { fromMajor } from "~/engine/money";
import type { CarrierMessage, CarrierResult, LiveRate, RateRequest } from "~/engine/carriers";
import { asArray, asString } from "../http";
import { CARRIER_ID, SERVICES } from "./codes";
import { parseErrors } from "./errors";

export interface UpsSettings {
  readonly accountNumber: string;
}

const addr = (a: RateRequest["shipper"]) => ({
  AddressLine: a.lines.length ? [...a.lines] : [""],
  City: a.city,
  ...(a.province ? { StateProvinceCode: a.province } : {}),
  PostalCode: a.postcode,
  CountryCode: a.country,
});

/** Rating API body; the path is /rating/v2409/Shop (every service) or /Rate (one service). */
export function buildRateRequest(req: RateRequest, settings: UpsSettings): Record<string, unknown> {
  return {
    RateRequest: {
      Request: { TransactionReference: { CustomerContext: "rate" } },
      Shipment: {
        Shipper: { Name: req.shipper.company ?? req.shipper.name ?? "", ShipperNumber: settings.accountNumber, Address: addr(req.shipper) },
        ShipTo: { Name: req.recipient.name ?? "", Address: { ...addr(req.recipient), ...(req.recipient.residential ? { ResidentialAddressIndicator: "Y" } : {}) } },
        ShipFrom: { Name: req.shipper.company ?? req.shipper.name ?? "", Address: addr(req.shipper) },
        PaymentDetails: { ShipmentCharge: [{ Type: "01", BillShipper: { AccountNumber: settings.accountNumber } }] },
        ...(req.serviceCode ? { Service: { Code: req.serviceCode, Description: SERVICES[req.serviceCode]?.name ?? "" } } : {}),
        NumOfPieces: String(req.packages.length),
        // UPS takes strings with at most one decimal for KGS and whole centimetres.
        Package: req.packages.map((p) => ({
          PackagingType: { Code: "02", Description: "Package" },
          ...(p.dimensions ? { Dimensions: { UnitOfMeasurement: { Code: "CM" }, Length: String(Math.ceil(p.dimensions.lengthMm / 10)), Width: String(Math.ceil(p.dimensions.widthMm / 10)), Height: String(Math.ceil(p.dimensions.heightMm / 10)) } } : {}),
          PackageWeight: { UnitOfMeasurement: { Code: "KGS" }, Weight: (Math.ceil(p.weight / 100) / 10).toFixed(1) },
        })),
        ShipmentRatingOptions: { NegotiatedRatesIndicator: "Y" },
        DeliveryTimeInformation: { PackageBillType: "03", Pickup: { Date: req.shipDate.replaceAll("-", "") } },
        InvoiceLineTotal: { CurrencyCode: req.declaredValue.currency, MonetaryValue: (req.declaredValue.amount / 100).toFixed(2) },
      },
    },
  };
}

interface Charge { CurrencyCode?: string; MonetaryValue?: string; Code?: string }
interface Rated {
  Service?: { Code?: string };
  TotalCharges?: Charge;
  NegotiatedRateCharges?: { TotalCharge?: Charge };
  ItemizedCharges?: Charge | Charge[];
  GuaranteedDelivery?: { BusinessDaysInTransit?: string };
  RatedShipmentAlert?: { Code?: string; Description?: string } | { Code?: string; Description?: string }[];
}

/**
 * Prefers the account's negotiated total over the published one. UPS sends a single object where
 * the schema says array whenever there is one element (RatedShipment, ItemizedCharges, alerts,
 * see the "single objects" fixture), and sometimes a negotiated block without an amount.
 */
export function parseRateResponse(status: number, body: unknown): CarrierResult<LiveRate[]> {
  if (status >= 400) return { data: [], messages: parseErrors(status, body) };
  const rated = asArray(((body ?? {}) as { RateResponse?: { RatedShipment?: Rated | Rated[] } }).RateResponse?.RatedShipment);
  const messages: CarrierMessage[] = [];
  const data: LiveRate[] = [];
  for (const r of rated) {
    const code = r.Service?.Code ?? "";
    for (const alert of asArray(r.RatedShipmentAlert)) messages.push({ carrierId: CARRIER_ID, code: alert.Code ?? "", message: `${code}: ${alert.Description ?? ""}`, level: "info" });
    const negotiated = r.NegotiatedRateCharges?.TotalCharge;
    const useNegotiated = !!negotiated?.MonetaryValue && !!negotiated.CurrencyCode;
    const total = useNegotiated ? negotiated : r.TotalCharges;
    if (!total?.MonetaryValue || !total.CurrencyCode) {
      messages.push({ carrierId: CARRIER_ID, code: `unpriced:${code}`, message: `service ${code} came back without a total`, level: "warning" });
      continue;
    }
    const currency = total.CurrencyCode;
    const days = Number(r.GuaranteedDelivery?.BusinessDaysInTransit);
    data.push({
      carrierId: CARRIER_ID,
      serviceCode: code,
      serviceName: SERVICES[code]?.name ?? `UPS service ${code}`,
      level: SERVICES[code]?.level ?? "standard",
      total: fromMajor(asString(total.MonetaryValue), currency),
      charges: asArray(r.ItemizedCharges).filter((c) => c.MonetaryValue).map((c) => ({ code: c.Code ?? "", name: c.Code === "375" ? "fuel surcharge" : `accessorial ${c.Code ?? ""}`, amount: fromMajor(asString(c.MonetaryValue), c.CurrencyCode ?? currency) })),
      ...(Number.isFinite(days) && days > 0 ? { transitDays: days } : {}),
      negotiated: useNegotiated,
    });
  }
  return { data, messages };
}
