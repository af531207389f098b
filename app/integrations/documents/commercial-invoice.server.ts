import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { DECLARATION, RETURN_DECLARATION, invoiceTotals, kg, major, type CommercialInvoice, type Party } from "~/engine/customs/invoice";
import { money } from "~/engine/money";

/** Renders a commercial invoice (A4) with pdf-lib. Standard fonts: WinAnsi text only. */
export async function renderCommercialInvoice(inv: CommercialInvoice): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Commercial invoice ${inv.invoiceNumber}`);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595.28, 841.89]);
  let y = 800;
  const text = (s: string, x: number, size = 8, f: PDFFont = font) => page.drawText(s, { x, y, size, font: f, color: rgb(0, 0, 0) });
  const line = () => page.drawLine({ start: { x: 36, y: y + 10 }, end: { x: 559, y: y + 10 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });

  text(inv.reason === "return" ? "COMMERCIAL INVOICE - RETURN" : "COMMERCIAL INVOICE", 36, 16, bold);
  y -= 22;
  text(`Invoice no.: ${inv.invoiceNumber}`, 36); text(`Date: ${inv.date}`, 220); text(`Reason for export: ${inv.reason}`, 380);
  y -= 12;
  text(`Incoterm: ${inv.incoterm}`, 36); text(`Currency: ${inv.currency}`, 220); text(`Air waybill: ${inv.airwayBill ?? "-"}`, 380);
  y -= 12;
  text(`Order / PO no.: ${inv.orderNumber ?? "-"}`, 36); text(`Port of entry: ${inv.portOfEntry ?? "-"}`, 220);
  if (inv.originalInvoice) text(`Original invoice: ${inv.originalInvoice}`, 380);
  y -= 12;
  if (inv.taxCollectedAtSale) { text(`Tax collected at sale - ${inv.taxCollectedAtSale.scheme}: ${inv.taxCollectedAtSale.number}`, 36, 8, bold); y -= 12; }
  y -= 6;
  const party = (title: string, p: Party, x: number, top: number) => {
    let yy = top;
    const t = (s: string, f: PDFFont = font) => { page.drawText(s, { x, y: yy, size: 8, font: f }); yy -= 11; };
    t(title, bold); t(p.name); p.address.forEach((a) => t(a)); t(`Country: ${p.country}`);
    if (p.phone) t(`Phone: ${p.phone}`);
    t(`Tax ID / VAT: ${p.taxId ?? "-"}`); t(`EORI: ${p.eori ?? "-"}`);
    return yy;
  };
  const ends = [party("Shipper / Exporter", inv.shipper, 36, y), party("Consignee / Importer", inv.consignee, 220, y)];
  if (inv.soldTo) ends.push(party("Sold to", inv.soldTo, 400, y));
  y = Math.min(...ends) - 8;
  line();
  const cols = [36, 210, 262, 300, 338, 400, 470];
  ["Description (material, use)", "HS code", "Origin", "Qty", "Unit value", "Net weight", "Line total"].forEach((h, i) => text(h, cols[i]!, 8, bold));
  y -= 12;
  for (const l of inv.lines) {
    const total = money(l.unitValue.amount * l.quantity, l.unitValue.currency);
    [l.description.slice(0, 40), l.hsCode, l.originCountry, `${l.quantity} ${l.unitOfMeasure}`, major(l.unitValue), kg(l.netWeightGrams * l.quantity), major(total)].forEach((v, i) => text(v, cols[i]!));
    y -= 11;
  }
  line();
  const t = invoiceTotals(inv);
  const c = inv.charges;
  const rows: [string, string][] = [
    ["Subtotal", major(t.subtotal)], ["Discount", c.discount ? `-${major(c.discount)}` : major(money(0, inv.currency))], ["Freight", major(c.freight)],
    ["Insurance", major(c.insurance)], ["Packing", major(c.packing ?? money(0, inv.currency))], ["Other", major(c.other ?? money(0, inv.currency))], ["Total", major(t.total)],
  ];
  for (const [k, v] of rows) { text(k, 380, 8, k === "Total" ? bold : font); text(v, 470, 8, k === "Total" ? bold : font); y -= 11; }
  y -= 4;
  text(`Packages: ${inv.packages}   Total net weight: ${kg(t.netWeightGrams)}   Total gross weight: ${kg(inv.grossWeightGrams)}`, 36);
  y -= 20;
  text("Declaration", 36, 9, bold); y -= 12;
  text(DECLARATION, 36, 7.5); y -= 11;
  if (inv.reason === "return") { text(RETURN_DECLARATION, 36, 7.5); y -= 11; }
  y -= 14;
  text(`Signature: ____________________   Name: ${inv.signer.name}   Title: ${inv.signer.title}   Date: ${inv.date}`, 36);
  return pdf.save({ useObjectStreams: false });
}

export type { PDFPage };
