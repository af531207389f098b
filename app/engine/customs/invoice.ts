import { toMajorString, type Money } from "../money";

export interface Party {
  readonly name: string;
  readonly address: readonly string[];
  readonly country: string;
  readonly phone?: string;
  readonly taxId?: string;
  readonly eori?: string;
}

export interface InvoiceLine {
  readonly description: string;
  readonly hsCode: string;
  readonly originCountry: string;
  readonly quantity: number;
  readonly unitOfMeasure: string;
  readonly unitValue: Money;
  readonly netWeightGrams: number;
}

/**
 * A commercial invoice with the fields UPS and DHL ask for and 19 CFR 141.86 requires: parties and
 * tax ids, the scheme number when tax was collected at sale (IOSS, UK VAT, VOEC, ABN/ARN...), incoterm,
 * reason for export, per-line description, HS code, origin, quantity, unit value, currency, weights,
 * itemised charges, totals, declaration and signature.
 */
export interface CommercialInvoice {
  readonly invoiceNumber: string;
  readonly date: string;
  readonly reason: "sale" | "return" | "gift" | "sample" | "repair";
  readonly shipper: Party;
  readonly consignee: Party;
  readonly soldTo?: Party;
  readonly incoterm: "DDP" | "DAP";
  readonly currency: string;
  readonly airwayBill?: string;
  readonly orderNumber?: string;
  readonly portOfEntry?: string;
  readonly taxCollectedAtSale?: { readonly scheme: string; readonly number: string };
  readonly originalInvoice?: string;
  readonly lines: readonly InvoiceLine[];
  readonly packages: number;
  readonly grossWeightGrams: number;
  readonly charges: { readonly freight: Money; readonly insurance: Money; readonly packing?: Money; readonly discount?: Money; readonly other?: Money };
  readonly signer: { readonly name: string; readonly title: string };
}

export interface InvoiceTotals {
  readonly subtotal: Money;
  readonly total: Money;
  readonly netWeightGrams: number;
}

export function invoiceTotals(inv: CommercialInvoice): InvoiceTotals {
  const c = inv.currency;
  const subtotal = inv.lines.reduce((a, l) => a + l.unitValue.amount * l.quantity, 0);
  const ch = inv.charges;
  const total = subtotal + ch.freight.amount + ch.insurance.amount + (ch.packing?.amount ?? 0) + (ch.other?.amount ?? 0) - (ch.discount?.amount ?? 0);
  return { subtotal: { amount: subtotal, currency: c }, total: { amount: total, currency: c }, netWeightGrams: inv.lines.reduce((a, l) => a + l.netWeightGrams * l.quantity, 0) };
}

export const DECLARATION =
  "I declare that all the information contained in this invoice is true and correct, and that the goods originate in the countries shown.";
export const RETURN_DECLARATION =
  "Goods returned to the seller unused and unaltered, not advanced in value or improved in condition while abroad (19 CFR 10.1; returned goods relief).";

export const major = (m: Money) => `${toMajorString(m)} ${m.currency}`;
export const kg = (grams: number) => `${(grams / 1000).toFixed(3)} kg`;
