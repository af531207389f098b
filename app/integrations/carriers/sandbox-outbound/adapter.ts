import { createHash } from "node:crypto";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { CarrierAdapter, Label, ShipmentRequest } from "~/engine/carriers";

/** A carrier adapter that can also cancel a label it issued (most label APIs can, until pick-up). */
export interface LabelCarrier extends CarrierAdapter {
  voidLabel(trackingNumber: string): Promise<{ voided: boolean; message?: string }>;
}

/**
 * A sandbox outbound carrier for the demo and the tests: issues PDF labels clearly marked as not
 * valid for shipping, and keeps the ledger a real carrier account would (labels issued, voided).
 * Like carriers that take an idempotency key, the same reference returns the same label, so a
 * retried step never buys a second parcel.
 */
export function createSandboxCarrier(carrierId = "sandbox") {
  const issued = new Map<string, Label>();
  const voided = new Set<string>();
  const adapter: LabelCarrier = {
    carrierId,
    capabilities: { rates: false, labels: true, tracking: false, returnLabels: false },
    async rate() {
      return { data: [], messages: [{ carrierId, code: "unsupported", message: "the sandbox carrier prices from rate cards only", level: "info" }] };
    },
    async createShipment(request: ShipmentRequest) {
      const known = issued.get(request.reference);
      if (known && !voided.has(known.trackingNumber)) return { data: known, messages: [] };
      const digits = BigInt(`0x${createHash("sha256").update(`${request.reference}#${voided.size}`).digest("hex").slice(0, 14)}`).toString().padStart(12, "0").slice(0, 12);
      const trackingNumber = `SBX${digits}`;
      const pdf = await renderLabel(request, trackingNumber);
      const label: Label = { trackingNumber, packageTrackingNumbers: [trackingNumber], format: "PDF", content: Buffer.from(pdf).toString("base64") };
      issued.set(request.reference, label);
      return { data: label, messages: [] };
    },
    async track() {
      return { data: null, messages: [{ carrierId, code: "unsupported", message: "the sandbox carrier does not track parcels", level: "info" }] };
    },
    async voidLabel(trackingNumber) {
      const known = [...issued.values()].some((l) => l.trackingNumber === trackingNumber);
      if (!known) return { voided: false, message: `no label ${trackingNumber} on this account` };
      voided.add(trackingNumber);
      return { voided: true };
    },
  };
  return {
    adapter,
    /** Labels currently valid (issued and not voided), for tests and the demo's account view. */
    activeLabels: () => [...issued.entries()].filter(([, l]) => !voided.has(l.trackingNumber)).map(([reference, l]) => ({ reference, trackingNumber: l.trackingNumber })),
    voided: () => [...voided],
  };
}

async function renderLabel(request: ShipmentRequest, trackingNumber: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Shipping label ${trackingNumber}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([288, 432]); // 4x6 inch thermal label
  let y = 405;
  const text = (s: string, size = 9, f = font) => { page.drawText(ascii(s), { x: 14, y, size, font: f, color: rgb(0, 0, 0) }); y -= size + 4; };
  text("SANDBOX - NOT VALID FOR SHIPPING", 10, bold);
  text(`Service ${request.serviceCode}  ${request.incoterm}`, 11, bold);
  y -= 6;
  text("FROM", 8, bold);
  for (const l of lines(request.shipper)) text(l);
  y -= 6;
  text("TO", 8, bold);
  for (const l of lines(request.recipient)) text(l, 11, bold);
  y -= 16;
  text(`Tracking: ${trackingNumber}`, 13, bold);
  text(`Reference: ${request.reference}`, 7);
  text(`Weight: ${(request.packages.reduce((g, p) => g + p.weight, 0) / 1000).toFixed(2)} kg   Ship date: ${request.shipDate}`);
  return pdf.save({ useObjectStreams: false });
}

const lines = (a: ShipmentRequest["shipper"]) => [a.name ?? "", a.company ?? "", ...a.lines, `${a.postcode} ${a.city}`, a.country].filter(Boolean);
// pdf-lib's standard fonts encode WinAnsi only.
const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]/g, "?");
