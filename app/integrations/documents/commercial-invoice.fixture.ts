import type { CommercialInvoice } from "~/engine/customs/invoice";

/** A realistic DDP sale from a US store to Germany with IOSS, used by the test and the README image. */
const usd = (amount: number) => ({ amount, currency: "USD" });
export const sampleInvoice: CommercialInvoice = {
  invoiceNumber: "INV-2026-00042", date: "2026-11-20", reason: "sale", incoterm: "DDP", currency: "USD",
  airwayBill: "1Z999AA10123456784", orderNumber: "#1042", portOfEntry: "Frankfurt (DE)",
  taxCollectedAtSale: { scheme: "IOSS", number: "IM2500000001" },
  shipper: { name: "Borderless Demo Store", address: ["100 Market St", "San Francisco CA 94105"], country: "US", phone: "+1 415 555 0100", taxId: "US-EIN 12-3456789", eori: "US123456789000" },
  consignee: { name: "Erika Mustermann", address: ["Hauptstrasse 5", "10115 Berlin"], country: "DE", phone: "+49 30 1234567", taxId: "DE123456789" },
  lines: [
    { description: "T-shirt, knitted, 100% cotton, apparel", hsCode: "6109.10.00", originCountry: "PK", quantity: 2, unitOfMeasure: "pcs", unitValue: usd(2500), netWeightGrams: 180 },
    { description: "Scented candle, paraffin wax, home decor", hsCode: "3406.00.00", originCountry: "US", quantity: 1, unitOfMeasure: "pcs", unitValue: usd(1800), netWeightGrams: 400 },
  ],
  packages: 1, grossWeightGrams: 1050,
  charges: { freight: usd(2500), insurance: usd(300) },
  signer: { name: "Alex Rivera", title: "Fulfilment manager" },
};

