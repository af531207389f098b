/** Renders the sample commercial invoice to docs/images/commercial-invoice.png (MuPDF WebAssembly). */
import { writeFileSync } from "node:fs";
import * as mupdf from "mupdf";
import { renderCommercialInvoice } from "../app/integrations/documents/commercial-invoice.server";
import { sampleInvoice } from "../app/integrations/documents/commercial-invoice.fixture";

const bytes = await renderCommercialInvoice(sampleInvoice);
const doc = mupdf.Document.openDocument(bytes, "application/pdf");
const pixmap = doc.loadPage(0).toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, false, true);
writeFileSync("docs/images/commercial-invoice.png", pixmap.asPNG());
console.log("docs/images/commercial-invoice.png");
