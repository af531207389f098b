import { createHash } from "node:crypto";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { CarrierAdapter, Label, LiveRate, RateRequest, ShipmentRequest } from "~/engine/carriers";
import type { LabelQuote } from "~/engine/returns";

/**
 * A sandbox return carrier for the demo and the tests: prices from the return rate cards like a
 * contract carrier would and issues a PDF label clearly marked as not valid for shipping. It
 * answers like a live adapter (errors as messages, never a throw for a refusal), so the returns
 * flow runs the same code with DHL's or UPS's adapter in its place.
 */
export function createSandboxReturnCarrier(quote: (from: { country: string; postcode?: string | null }, to: { country: string }, grams: number) => LabelQuote | null): CarrierAdapter {
  const carrierId = "sandbox-returns";
  const price = (request: RateRequest) => quote(
    { country: request.shipper.country, postcode: request.shipper.postcode },
    { country: request.recipient.country },
    request.packages.reduce((g, p) => g + p.weight, 0),
  );
  return {
    carrierId,
    capabilities: { rates: true, labels: true, tracking: false, returnLabels: true },
    async rate(request) {
      const q = price(request);
      if (!q) return { data: [], messages: [{ carrierId, code: "no_service", message: `no return service from ${request.shipper.country} to ${request.recipient.country}`, level: "error" }] };
      const rate: LiveRate = { carrierId: q.card.carrierId, serviceCode: q.card.serviceCode, serviceName: q.card.serviceName, level: q.card.level, total: q.price, charges: [], negotiated: true };
      return { data: [rate], messages: [] };
    },
    async createShipment(request: ShipmentRequest) {
      const q = price(request);
      if (!q) return { data: null, messages: [{ carrierId, code: "no_service", message: `no return service from ${request.shipper.country} to ${request.recipient.country}`, level: "error" }] };
      if (!request.isReturn) return { data: null, messages: [{ carrierId, code: "returns_only", message: "the sandbox carrier issues return labels only", level: "error" }] };
      // Same reference, same tracking number: a retried step does not mint a second parcel.
      const digits = BigInt(`0x${createHash("sha256").update(request.reference).digest("hex").slice(0, 14)}`).toString().padStart(16, "0").slice(0, 10);
      const trackingNumber = `RT${digits}${request.recipient.country}`;
      const pdf = await renderLabel(request, trackingNumber, q);
      const label: Label = { trackingNumber, packageTrackingNumbers: [trackingNumber], format: "PDF", content: Buffer.from(pdf).toString("base64"), charge: q.price };
      return { data: label, messages: [] };
    },
    async track() {
      return { data: null, messages: [{ carrierId, code: "unsupported", message: "the sandbox carrier does not track parcels", level: "info" }] };
    },
  };
}

async function renderLabel(request: ShipmentRequest, trackingNumber: string, q: LabelQuote): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Return label ${trackingNumber}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  // 4x6 inch thermal label, the size carriers print.
  const page = pdf.addPage([288, 432]);
  let y = 405;
  const text = (s: string, size = 9, f = font) => { page.drawText(ascii(s), { x: 14, y, size, font: f, color: rgb(0, 0, 0) }); y -= size + 4; };
  text("SANDBOX - NOT VALID FOR SHIPPING", 10, bold);
  text(`${q.card.carrierName} - ${q.card.serviceName}`, 11, bold);
  y -= 6;
  text("FROM (return sender)", 8, bold);
  for (const l of addressLines(request.shipper)) text(l);
  y -= 6;
  text("TO (returns centre)", 8, bold);
  for (const l of addressLines(request.recipient)) text(l, 11, bold);
  y -= 10;
  page.drawRectangle({ x: 14, y: y - 50, width: 260, height: 50, borderColor: rgb(0, 0, 0), borderWidth: 1 });
  y -= 30;
  text(`Tracking: ${trackingNumber}`, 13, bold);
  y -= 20;
  text(`Reference: ${request.reference}`);
  text(`Weight: ${(request.packages.reduce((g, p) => g + p.weight, 0) / 1000).toFixed(2)} kg   Ship date: ${request.shipDate}`);
  text(`Declared value: ${(request.declaredValue.amount / 100).toFixed(2)} ${request.declaredValue.currency}`);
  return pdf.save({ useObjectStreams: false });
}

const addressLines = (a: ShipmentRequest["shipper"]) => [a.name ?? "", a.company ?? "", ...a.lines, `${a.postcode} ${a.city}`, a.country].filter(Boolean);
// pdf-lib's standard fonts encode WinAnsi only; carriers' thermal printers are no better.
const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "?");
