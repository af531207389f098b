import { fromMajor, toMajorString } from "~/engine/money";
import type { CarrierResult, Label, ShipmentRequest } from "~/engine/carriers";
import { asString } from "../http";
import { parseError } from "./errors";
import type { DhlSettings } from "./rate";

const address = (a: ShipmentRequest["shipper"]) => ({
  postalAddress: {
    postalCode: a.postcode, cityName: a.city, countryCode: a.country,
    addressLine1: a.lines[0] ?? "", ...(a.lines[1] ? { addressLine2: a.lines[1] } : {}), ...(a.province ? { provinceCode: a.province } : {}),
  },
  contactInformation: { fullName: a.name ?? a.company ?? "", companyName: a.company ?? a.name ?? "", phone: a.phone ?? "", ...(a.email ? { email: a.email } : {}) },
});

/** POST /shipments body. A return label swaps shipper and receiver here rather than relying on an account-specific return product. */
export function buildShipmentRequest(req: ShipmentRequest, settings: DhlSettings): Record<string, unknown> {
  const [from, to] = req.isReturn ? [req.recipient, req.shipper] : [req.shipper, req.recipient];
  const dutiable = from.country !== to.country;
  return {
    plannedShippingDateAndTime: `${req.shipDate}T10:00:00 GMT+00:00`,
    pickup: { isRequested: false },
    productCode: req.serviceCode,
    accounts: [{ typeCode: "shipper", number: settings.accountNumber }],
    customerDetails: { shipperDetails: address(from), receiverDetails: address(to) },
    content: {
      packages: req.packages.map((p) => ({ weight: p.weight / 1000, ...(p.dimensions ? { dimensions: { length: Math.ceil(p.dimensions.lengthMm / 10), width: Math.ceil(p.dimensions.widthMm / 10), height: Math.ceil(p.dimensions.heightMm / 10) } } : {}) })),
      isCustomsDeclarable: dutiable,
      declaredValue: Number(toMajorString(req.declaredValue)),
      declaredValueCurrency: req.declaredValue.currency,
      description: req.contents?.map((c) => c.description).join(", ").slice(0, 70) || "Merchandise",
      incoterm: req.incoterm,
      unitOfMeasurement: "metric",
    },
    customerReferences: [{ value: req.reference.slice(0, 35), typeCode: "CU" }],
    // DDP: duties and taxes billed to the shipper's account (DHL service code DD).
    ...(req.incoterm === "DDP" ? { valueAddedServices: [{ serviceCode: "DD" }] } : {}),
  };
}

interface DhlShipmentResponse {
  shipmentTrackingNumber?: string;
  packages?: { trackingNumber?: string }[];
  documents?: { typeCode?: string; imageFormat?: string; content?: string }[];
  shipmentCharges?: { currencyType?: string; priceCurrency?: string; price?: number }[];
  warnings?: string[];
}

export function parseShipmentResponse(status: number, body: unknown): CarrierResult<Label | null> {
  if (status >= 400) return { data: null, messages: parseError(status, body) };
  const b = (body ?? {}) as DhlShipmentResponse;
  const label = (b.documents ?? []).find((d) => d.typeCode === "label");
  const charge = (b.shipmentCharges ?? []).find((c) => c.currencyType === "BILLC") ?? b.shipmentCharges?.[0];
  const messages = (b.warnings ?? []).map((w) => ({ carrierId: "dhl-express", code: "warning", message: String(w), level: "warning" as const }));
  if (!b.shipmentTrackingNumber) return { data: null, messages: [...messages, { carrierId: "dhl-express", code: "no-waybill", message: "shipment response has no waybill number", level: "error" }] };
  return {
    data: {
      trackingNumber: b.shipmentTrackingNumber,
      packageTrackingNumbers: (b.packages ?? []).map((p) => p.trackingNumber ?? "").filter(Boolean),
      format: label?.imageFormat ?? "PDF",
      ...(label?.content ? { content: label.content } : {}),
      ...(charge?.priceCurrency && charge.price !== undefined ? { charge: fromMajor(asString(charge.price), charge.priceCurrency) } : {}),
    },
    messages,
  };
}
