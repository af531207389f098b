/**
 * The carts the demo's checkout preview shows: one per kind of answer the extension gives
 * (duties folded into the price, due at the door, under a low-value threshold, duty free but
 * taxed), each with the buyer's language and currency as Shopify Markets would present them.
 */
export interface PreviewCart {
  readonly id: string;
  readonly label: string;
  readonly locale: string;
  readonly currency: string;
  readonly destination: { readonly countryCode: string; readonly provinceCode?: string; readonly zip: string };
  /** Product title and the unit price in the cart's currency. */
  readonly lines: readonly { readonly product: string; readonly quantity: number; readonly unit: number }[];
  /** The shipping service the buyer picked. */
  readonly option: string;
}

export const PREVIEW_CARTS: readonly PreviewCart[] = [
  { id: "gb-ddp", label: "London, United Kingdom · DDP", locale: "en-GB", currency: "GBP", destination: { countryCode: "GB", zip: "SW1A 1AA" }, lines: [{ product: "Merino Crew Sweater", quantity: 2, unit: 120 }], option: "ups-08" },
  { id: "de-dap", label: "Berlin, Germany · DAP", locale: "de-DE", currency: "EUR", destination: { countryCode: "DE", zip: "10115" }, lines: [{ product: "Leather Court Sneaker", quantity: 1, unit: 160 }, { product: "Silk Twill Scarf", quantity: 1, unit: 90 }], option: "dhl-express-w" },
  { id: "au-low-value", label: "Sydney, Australia · under AUD 1,000", locale: "en-AU", currency: "AUD", destination: { countryCode: "AU", provinceCode: "NSW", zip: "2000" }, lines: [{ product: "Vitamin C Face Serum 30ml", quantity: 2, unit: 65 }], option: "usps-pmi" },
  { id: "ch-duty-free", label: "Genève, Switzerland · duty free, VAT due", locale: "fr-CH", currency: "CHF", destination: { countryCode: "CH", zip: "1201" }, lines: [{ product: "Wireless Earbuds", quantity: 1, unit: 89 }], option: "ups-11" },
  { id: "es-flat-duty", label: "Madrid, Spain · EU EUR 3 flat duty", locale: "es-ES", currency: "EUR", destination: { countryCode: "ES", zip: "28013" }, lines: [{ product: "Stoneware Coffee Mug", quantity: 2, unit: 26 }], option: "usps-pmi" },
];
