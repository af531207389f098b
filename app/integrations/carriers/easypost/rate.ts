import { fromMajor, toMajorString } from "~/engine/money";
import type { CarrierMessage, CarrierResult, LiveRate, RateRequest } from "~/engine/carriers";
import { CARRIER_ID, SERVICE_LEVELS } from "./codes";
import { parseError } from "./errors";

const address = (a: RateRequest["shipper"]) => ({
  ...(a.name ? { name: a.name } : {}), ...(a.company ? { company: a.company } : {}),
  street1: a.lines[0] ?? "", ...(a.lines[1] ? { street2: a.lines[1] } : {}),
  city: a.city, ...(a.province ? { state: a.province } : {}), zip: a.postcode, country: a.country,
  ...(a.phone ? { phone: a.phone } : {}), ...(a.email ? { email: a.email } : {}), ...(a.residential !== undefined ? { residential: a.residential } : {}),
});

// EasyPost parcels are in ounces and inches, one parcel per shipment.
const ounces = (g: number) => Math.round((g / 28.349523125) * 10) / 10;
const inches = (mm: number) => Math.round((mm / 25.4) * 10) / 10;

/** POST /v2/shipments body: creating a shipment is how EasyPost rates it. */
export function buildShipmentCreate(req: RateRequest, reference?: string): Record<string, unknown> {
  const p = req.packages[0]!;
  return {
    shipment: {
      from_address: address(req.shipper),
      to_address: address(req.recipient),
      parcel: { weight: ounces(req.packages.reduce((g, x) => g + x.weight, 0)), ...(p.dimensions ? { length: inches(p.dimensions.lengthMm), width: inches(p.dimensions.widthMm), height: inches(p.dimensions.heightMm) } : {}) },
      options: { currency: req.declaredValue.currency, incoterm: req.incoterm, ...(req.incoterm === "DDP" ? { delivered_duty_paid: true } : {}) },
      ...(reference ? { reference } : {}),
      ...(req.shipper.country !== req.recipient.country ? { customs_info: { contents_type: "merchandise", customs_certify: true, customs_items: [{ description: "Merchandise", quantity: 1, value: toMajorString(req.declaredValue), currency: req.declaredValue.currency, weight: ounces(req.packages.reduce((g, x) => g + x.weight, 0)), origin_country: req.shipper.country }] } } : {}),
    },
  };
}

interface EpRate { id?: string; carrier?: string; service?: string; rate?: string; currency?: string; list_rate?: string | null; delivery_days?: number | null; delivery_date?: string | null }

/** Rates of a created shipment. `messages` holds carriers that could not rate (EasyPost's own "rate errors"). */
export function parseRates(status: number, body: unknown): CarrierResult<LiveRate[]> {
  if (status >= 400) return { data: [], messages: parseError(status, body) };
  const s = (body ?? {}) as { rates?: EpRate[]; messages?: { carrier?: string; message?: string; type?: string }[] };
  const messages: CarrierMessage[] = (s.messages ?? []).map((m) => ({ carrierId: CARRIER_ID, code: `${m.carrier ?? ""}:${m.type ?? "rate_error"}`, message: m.message ?? "", level: "warning" }));
  const data: LiveRate[] = (s.rates ?? []).filter((r) => r.rate && r.currency).map((r) => ({
    carrierId: CARRIER_ID,
    // The rate id is what /buy needs; service names repeat across carriers, so the code keeps both.
    serviceCode: `${r.carrier ?? ""}:${r.service ?? ""}`,
    serviceName: `${r.carrier ?? ""} ${r.service ?? ""}`.trim(),
    level: SERVICE_LEVELS[r.service ?? ""] ?? "standard",
    total: fromMajor(r.rate!, r.currency!),
    charges: [],
    ...(typeof r.delivery_days === "number" ? { transitDays: r.delivery_days } : {}),
    ...(r.delivery_date ? { estimatedDelivery: r.delivery_date.slice(0, 10) } : {}),
    negotiated: r.list_rate !== null && r.list_rate !== undefined && r.list_rate !== r.rate,
  }));
  return { data, messages };
}

export function rateIdFor(body: unknown, serviceCode: string): string | undefined {
  return ((body ?? {}) as { rates?: EpRate[] }).rates?.find((r) => `${r.carrier ?? ""}:${r.service ?? ""}` === serviceCode)?.id;
}
