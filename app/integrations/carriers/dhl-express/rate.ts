import { fromMajor, toMajorString } from "~/engine/money";
import type { CarrierMessage, CarrierResult, LiveRate, RateRequest } from "~/engine/carriers";
import { asString } from "../http";
import { CARRIER_ID, CHARGE_NAMES, PRODUCTS } from "./codes";
import { parseError } from "./errors";

export interface DhlSettings {
  readonly accountNumber: string;
}

const kg = (grams: number) => Math.max(0.001, Math.round(grams) / 1000);
const cm = (mm: number) => Math.max(1, Math.ceil(mm / 10));

/** POST /rates body (supermodelIoLogisticsExpressRateRequest). */
export function buildRatesRequest(req: RateRequest, settings: DhlSettings): Record<string, unknown> {
  return {
    customerDetails: {
      shipperDetails: { postalCode: req.shipper.postcode, cityName: req.shipper.city, countryCode: req.shipper.country },
      receiverDetails: { postalCode: req.recipient.postcode, cityName: req.recipient.city, countryCode: req.recipient.country },
    },
    accounts: [{ typeCode: "shipper", number: settings.accountNumber }],
    ...(req.serviceCode ? { productCode: req.serviceCode } : {}),
    // DHL wants a local time with an explicit GMT offset; 10:00 on the ship date keeps the
    // pickup inside every origin's same-day window.
    plannedShippingDateAndTime: `${req.shipDate}T10:00:00 GMT+00:00`,
    unitOfMeasurement: "metric",
    isCustomsDeclarable: req.shipper.country !== req.recipient.country,
    monetaryAmount: [{ typeCode: "declaredValue", value: Number(toMajorString(req.declaredValue)), currency: req.declaredValue.currency }],
    estimatedDeliveryDate: { isRequested: true, typeCode: "QDDC" },
    nextBusinessDay: false,
    packages: req.packages.map((p) => ({
      weight: kg(p.weight),
      dimensions: p.dimensions
        ? { length: cm(p.dimensions.lengthMm), width: cm(p.dimensions.widthMm), height: cm(p.dimensions.heightMm) }
        : { length: 1, width: 1, height: 1 },
    })),
  };
}

interface DhlPrice { currencyType?: string; priceCurrency?: string; price?: number }
interface DhlProduct {
  productName?: string;
  productCode?: string;
  totalPrice?: DhlPrice[];
  totalPriceBreakdown?: { currencyType?: string; priceCurrency?: string; priceBreakdown?: { typeCode?: string; price?: number }[] }[];
  deliveryCapabilities?: { estimatedDeliveryDateAndTime?: string; totalTransitDays?: number | string };
  isCustomerAgreement?: boolean;
}

/**
 * totalPrice lists the same price in up to three currencies: BILLC (the account's billing
 * currency), PULCL (the pickup country's) and BASEC (DHL's base). The account is invoiced in
 * BILLC, so that is the price; an entry with price 0 means "not priced" for that product.
 */
function billedPrice(prices: readonly DhlPrice[] | undefined): DhlPrice | undefined {
  const list = prices ?? [];
  return list.find((p) => p.currencyType === "BILLC" && p.priceCurrency) ?? list.find((p) => p.priceCurrency && (p.price ?? 0) > 0);
}

export function parseRatesResponse(status: number, body: unknown): CarrierResult<LiveRate[]> {
  if (status >= 400) return { data: [], messages: parseError(status, body) };
  const root = (body ?? {}) as { products?: DhlProduct[]; warnings?: string[] };
  const messages: CarrierMessage[] = (root.warnings ?? []).map((w) => ({ carrierId: CARRIER_ID, code: "warning", message: String(w), level: "warning" }));
  const data: LiveRate[] = [];
  for (const p of root.products ?? []) {
    const code = p.productCode ?? "";
    const price = billedPrice(p.totalPrice);
    if (!price?.priceCurrency || price.price === undefined || price.price <= 0) {
      messages.push({ carrierId: CARRIER_ID, code: `unpriced:${code}`, message: `${p.productName ?? code} came back without a price`, level: "warning" });
      continue;
    }
    const currency = price.priceCurrency;
    const breakdown = (p.totalPriceBreakdown ?? []).find((b) => b.currencyType === price.currencyType)?.priceBreakdown ?? [];
    const transit = Number(p.deliveryCapabilities?.totalTransitDays);
    data.push({
      carrierId: CARRIER_ID,
      serviceCode: code,
      serviceName: PRODUCTS[code]?.name ?? p.productName ?? code,
      level: PRODUCTS[code]?.level ?? "express",
      total: fromMajor(asString(price.price), currency),
      charges: breakdown.map((b) => ({ code: b.typeCode ?? "", name: CHARGE_NAMES[b.typeCode ?? ""] ?? b.typeCode ?? "", amount: fromMajor(asString(b.price ?? 0), currency) })),
      ...(Number.isFinite(transit) ? { transitDays: transit } : {}),
      ...(p.deliveryCapabilities?.estimatedDeliveryDateAndTime ? { estimatedDelivery: p.deliveryCapabilities.estimatedDeliveryDateAndTime.slice(0, 10) } : {}),
      negotiated: p.isCustomerAgreement === true,
    });
  }
  return { data, messages };
}
