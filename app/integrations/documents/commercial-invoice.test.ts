import { describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { renderCommercialInvoice } from "./commercial-invoice.server";
import { DECLARATION, RETURN_DECLARATION } from "~/engine/customs/invoice";
import { sampleInvoice } from "./commercial-invoice.fixture";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join("\n");
}

describe("commercial invoice PDF", () => {
  it("prints every field carriers and 19 CFR 141.86 require", async () => {
    const text = await pdfText(await renderCommercialInvoice(sampleInvoice));
    for (const expected of [
      "COMMERCIAL INVOICE", "Invoice no.: INV-2026-00042", "Date: 2026-11-20", "Reason for export: sale", "Incoterm: DDP", "Currency: USD",
      "Air waybill: 1Z999AA10123456784", "Order / PO no.: #1042", "Port of entry: Frankfurt (DE)", "Tax collected at sale - IOSS: IM2500000001",
      "Borderless Demo Store", "100 Market St", "Phone: +1 415 555 0100", "Tax ID / VAT: US-EIN 12-3456789", "EORI: US123456789000",
      "Erika Mustermann", "Tax ID / VAT: DE123456789",
      "T-shirt, knitted, 100% cotton, apparel", "6109.10.00", "PK", "2 pcs", "25.00 USD", "0.360 kg", "50.00 USD",
      "Scented candle, paraffin wax, home decor", "3406.00.00", "18.00 USD",
      "Subtotal", "68.00 USD", "Freight", "Insurance", "3.00 USD", "Total", "96.00 USD",
      "Total gross weight: 1.050 kg", "Total net weight: 0.760 kg", DECLARATION, "Name: Alex Rivera", "Title: Fulfilment manager", "Signature:",
    ]) expect(text).toContain(expected);
  });

  it("renders the returns variant with its reason, original invoice and declaration", async () => {
    const text = await pdfText(await renderCommercialInvoice({ ...sampleInvoice, invoiceNumber: "RET-2026-0007", reason: "return", originalInvoice: "INV-2026-00042", taxCollectedAtSale: undefined }));
    for (const expected of ["COMMERCIAL INVOICE - RETURN", "Reason for export: return", "Original invoice: INV-2026-00042", RETURN_DECLARATION]) expect(text).toContain(expected);
  });
});
