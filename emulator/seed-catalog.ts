/**
 * The demo shop's catalogue: goods cross-border Shopify merchants sell, with the 6-digit HS
 * subheading each is classified under and where it is made.
 */
export interface CatalogProduct {
  title: string;
  vendor: string;
  productType: string;
  /** HS 2022 subheading, 6 digits. */
  hsCode: string;
  origin: string;
  /** Shipping weight of one unit, grams. */
  grams: number;
  price: string;
  options?: { name: string; values: string[] };
}

export const CATALOG: readonly CatalogProduct[] = [
  { title: "Merino Crew Sweater", vendor: "Northfold", productType: "Knitwear", hsCode: "611011", origin: "PT", grams: 380, price: "128.00", options: { name: "Size", values: ["S", "M", "L"] } },
  { title: "Organic Cotton Tee", vendor: "Northfold", productType: "T-Shirts", hsCode: "610910", origin: "PT", grams: 180, price: "38.00", options: { name: "Size", values: ["S", "M", "L", "XL"] } },
  { title: "Selvedge Denim Jeans", vendor: "Northfold", productType: "Trousers", hsCode: "620342", origin: "TR", grams: 720, price: "145.00", options: { name: "Waist", values: ["30", "32", "34"] } },
  { title: "Silk Twill Scarf", vendor: "Maison Aube", productType: "Accessories", hsCode: "621410", origin: "IT", grams: 80, price: "95.00" },
  { title: "Leather Court Sneaker", vendor: "Stride & Co", productType: "Footwear", hsCode: "640399", origin: "PT", grams: 1100, price: "165.00", options: { name: "EU Size", values: ["40", "42", "44"] } },
  { title: "Trail Running Shoe", vendor: "Stride & Co", productType: "Footwear", hsCode: "640411", origin: "VN", grams: 850, price: "139.00", options: { name: "EU Size", values: ["40", "42", "44"] } },
  { title: "Vitamin C Face Serum 30ml", vendor: "Glow Lab", productType: "Skincare", hsCode: "330499", origin: "KR", grams: 120, price: "42.00" },
  { title: "Satin Lipstick", vendor: "Maison Aube", productType: "Makeup", hsCode: "330410", origin: "FR", grams: 50, price: "29.00", options: { name: "Shade", values: ["Rouge", "Nude", "Berry"] } },
  { title: "Eau de Parfum 50ml", vendor: "Maison Aube", productType: "Fragrance", hsCode: "330300", origin: "FR", grams: 340, price: "118.00" },
  { title: "Argan Repair Shampoo", vendor: "Glow Lab", productType: "Haircare", hsCode: "330510", origin: "US", grams: 450, price: "24.00" },
  { title: "Sterling Silver Pendant Necklace", vendor: "Lune Jewellery", productType: "Jewellery", hsCode: "711311", origin: "TH", grams: 30, price: "89.00" },
  { title: "Gold-Plated Hoop Earrings", vendor: "Lune Jewellery", productType: "Jewellery", hsCode: "711719", origin: "CN", grams: 20, price: "45.00" },
  { title: "Full-Grain Leather Wallet", vendor: "Stride & Co", productType: "Accessories", hsCode: "420231", origin: "IT", grams: 150, price: "79.00" },
  { title: "Clear Phone Case", vendor: "Volt Goods", productType: "Electronics Accessories", hsCode: "392690", origin: "CN", grams: 45, price: "25.00" },
  { title: "Braided USB-C Cable 2m", vendor: "Volt Goods", productType: "Electronics Accessories", hsCode: "854442", origin: "CN", grams: 70, price: "19.00" },
  { title: "Wireless Earbuds", vendor: "Volt Goods", productType: "Electronics", hsCode: "851830", origin: "CN", grams: 160, price: "99.00" },
  { title: "Power Bank 10000mAh", vendor: "Volt Goods", productType: "Electronics", hsCode: "850760", origin: "CN", grams: 290, price: "49.00" },
  { title: "Stoneware Coffee Mug", vendor: "Hearth & Kiln", productType: "Home", hsCode: "691200", origin: "PT", grams: 420, price: "28.00" },
  { title: "Soy Wax Candle", vendor: "Hearth & Kiln", productType: "Home", hsCode: "340600", origin: "US", grams: 520, price: "34.00" },
  { title: "Stonewashed Linen Sheet Set", vendor: "Hearth & Kiln", productType: "Bedding", hsCode: "630239", origin: "LT", grams: 1650, price: "210.00", options: { name: "Size", values: ["Queen", "King"] } },
  { title: "Wooden Building Blocks (50 pcs)", vendor: "Little Oak", productType: "Toys", hsCode: "950300", origin: "DE", grams: 1250, price: "59.00" },
  { title: "Organic Plush Bear", vendor: "Little Oak", productType: "Toys", hsCode: "950300", origin: "CN", grams: 300, price: "36.00" },
  { title: "Single-Origin Coffee Beans 340g", vendor: "Altura Roasters", productType: "Coffee", hsCode: "090121", origin: "CO", grams: 380, price: "21.00" },
  { title: "Sencha Green Tea 100g", vendor: "Altura Roasters", productType: "Tea", hsCode: "090210", origin: "JP", grams: 130, price: "18.00" },
];

/** Demo customers' home addresses: real cities, postcodes in each country's format. */
export interface CountryProfile {
  countryCode: string;
  country: string;
  locale: string;
  firstNames: string[];
  lastNames: string[];
  addresses: { address1: string; city: string; province?: string; provinceCode?: string; zip: string }[];
  phonePrefix: string;
  /** Relative share of the demo shop's orders. */
  weight: number;
}

export const COUNTRIES: readonly CountryProfile[] = [
  { countryCode: "US", country: "United States", locale: "en", phonePrefix: "+1 212", weight: 30, firstNames: ["Emily", "Jacob", "Olivia", "Ethan", "Ava"], lastNames: ["Johnson", "Miller", "Davis", "Garcia", "Wilson"],
    addresses: [{ address1: "148 Bedford Ave", city: "Brooklyn", province: "New York", provinceCode: "NY", zip: "11249" }, { address1: "2210 NW Glisan St", city: "Portland", province: "Oregon", provinceCode: "OR", zip: "97210" }, { address1: "415 Congress Ave", city: "Austin", province: "Texas", provinceCode: "TX", zip: "78701" }, { address1: "1870 Union St", city: "San Francisco", province: "California", provinceCode: "CA", zip: "94123" }] },
  { countryCode: "CA", country: "Canada", locale: "en", phonePrefix: "+1 416", weight: 8, firstNames: ["Liam", "Chloe", "Noah", "Mélanie"], lastNames: ["Tremblay", "Roy", "MacDonald", "Singh"],
    addresses: [{ address1: "220 King St W", city: "Toronto", province: "Ontario", provinceCode: "ON", zip: "M5H 1K4" }, { address1: "4100 Rue Saint-Denis", city: "Montréal", province: "Quebec", provinceCode: "QC", zip: "H2W 2M5" }, { address1: "1055 W Georgia St", city: "Vancouver", province: "British Columbia", provinceCode: "BC", zip: "V6E 3P3" }] },
  { countryCode: "GB", country: "United Kingdom", locale: "en", phonePrefix: "+44 20", weight: 12, firstNames: ["Oliver", "Amelia", "Harry", "Isla"], lastNames: ["Smith", "Taylor", "Brown", "Evans"],
    addresses: [{ address1: "12 Upper Street", city: "London", province: "England", provinceCode: "ENG", zip: "N1 0PQ" }, { address1: "48 Deansgate", city: "Manchester", province: "England", provinceCode: "ENG", zip: "M3 2EG" }, { address1: "7 Rose Street", city: "Edinburgh", province: "Scotland", provinceCode: "SCT", zip: "EH2 2PR" }] },
  { countryCode: "DE", country: "Germany", locale: "de", phonePrefix: "+49 30", weight: 9, firstNames: ["Lukas", "Hannah", "Felix", "Lea"], lastNames: ["Müller", "Schmidt", "Schneider", "Fischer"],
    addresses: [{ address1: "Kastanienallee 32", city: "Berlin", zip: "10435" }, { address1: "Maximilianstraße 15", city: "München", zip: "80539" }, { address1: "Schanzenstraße 70", city: "Hamburg", zip: "20357" }] },
  { countryCode: "FR", country: "France", locale: "fr", phonePrefix: "+33 1", weight: 7, firstNames: ["Camille", "Louis", "Léa", "Hugo"], lastNames: ["Martin", "Bernard", "Dubois", "Laurent"],
    addresses: [{ address1: "18 Rue de Bretagne", city: "Paris", zip: "75003" }, { address1: "5 Place Bellecour", city: "Lyon", zip: "69002" }, { address1: "22 Cours Julien", city: "Marseille", zip: "13006" }] },
  { countryCode: "NL", country: "Netherlands", locale: "nl", phonePrefix: "+31 20", weight: 5, firstNames: ["Daan", "Emma", "Sem", "Julia"], lastNames: ["de Jong", "Jansen", "de Vries", "Bakker"],
    addresses: [{ address1: "Prinsengracht 263", city: "Amsterdam", zip: "1016 GV" }, { address1: "Oudegracht 158", city: "Utrecht", zip: "3511 AZ" }] },
  { countryCode: "AU", country: "Australia", locale: "en", phonePrefix: "+61 2", weight: 7, firstNames: ["Jack", "Charlotte", "William", "Mia"], lastNames: ["Smith", "Jones", "Williams", "Nguyen"],
    addresses: [{ address1: "88 Crown St", city: "Surry Hills", province: "New South Wales", provinceCode: "NSW", zip: "2010" }, { address1: "320 Brunswick St", city: "Fitzroy", province: "Victoria", provinceCode: "VIC", zip: "3065" }] },
  { countryCode: "JP", country: "Japan", locale: "ja", phonePrefix: "+81 3", weight: 5, firstNames: ["Haruto", "Yui", "Sota", "Hina"], lastNames: ["Sato", "Suzuki", "Takahashi", "Tanaka"],
    addresses: [{ address1: "1-2-3 Jingumae", city: "Shibuya-ku", province: "Tokyo", provinceCode: "JP-13", zip: "150-0001" }, { address1: "2-4-9 Umeda", city: "Kita-ku, Osaka", province: "Osaka", provinceCode: "JP-27", zip: "530-0001" }] },
  { countryCode: "IT", country: "Italy", locale: "it", phonePrefix: "+39 02", weight: 4, firstNames: ["Giulia", "Lorenzo", "Sofia", "Matteo"], lastNames: ["Rossi", "Russo", "Ferrari", "Esposito"],
    addresses: [{ address1: "Via Tortona 27", city: "Milano", province: "Milano", provinceCode: "MI", zip: "20144" }, { address1: "Via dei Coronari 44", city: "Roma", province: "Roma", provinceCode: "RM", zip: "00186" }] },
  { countryCode: "ES", country: "Spain", locale: "es", phonePrefix: "+34 91", weight: 4, firstNames: ["Lucía", "Pablo", "Martina", "Alejandro"], lastNames: ["García", "Fernández", "López", "Martínez"],
    addresses: [{ address1: "Calle de Fuencarral 45", city: "Madrid", province: "Madrid", provinceCode: "M", zip: "28004" }, { address1: "Carrer de Verdi 12", city: "Barcelona", province: "Barcelona", provinceCode: "B", zip: "08012" }] },
  { countryCode: "SE", country: "Sweden", locale: "sv", phonePrefix: "+46 8", weight: 3, firstNames: ["Elsa", "William", "Alice", "Oscar"], lastNames: ["Andersson", "Johansson", "Karlsson", "Nilsson"],
    addresses: [{ address1: "Götgatan 48", city: "Stockholm", zip: "118 26" }, { address1: "Linnégatan 21", city: "Göteborg", zip: "413 04" }] },
  { countryCode: "CH", country: "Switzerland", locale: "de", phonePrefix: "+41 44", weight: 3, firstNames: ["Noah", "Mia", "Luca", "Lina"], lastNames: ["Müller", "Meier", "Keller", "Weber"],
    addresses: [{ address1: "Langstrasse 120", city: "Zürich", province: "Zürich", provinceCode: "ZH", zip: "8004" }, { address1: "Rue du Rhône 30", city: "Genève", province: "Genève", provinceCode: "GE", zip: "1204" }] },
  { countryCode: "IE", country: "Ireland", locale: "en", phonePrefix: "+353 1", weight: 2, firstNames: ["Conor", "Aoife", "Seán", "Niamh"], lastNames: ["Murphy", "Kelly", "O'Brien", "Walsh"],
    addresses: [{ address1: "14 Camden Street Lower", city: "Dublin", province: "Dublin", provinceCode: "D", zip: "D02 XY47" }] },
  { countryCode: "NZ", country: "New Zealand", locale: "en", phonePrefix: "+64 9", weight: 2, firstNames: ["Oliver", "Isla", "Nikau", "Aria"], lastNames: ["Wilson", "Thompson", "Ngata", "Clarke"],
    addresses: [{ address1: "180 Ponsonby Rd", city: "Auckland", province: "Auckland", provinceCode: "AUK", zip: "1011" }] },
  { countryCode: "MX", country: "Mexico", locale: "es", phonePrefix: "+52 55", weight: 2, firstNames: ["Sofía", "Santiago", "Valentina", "Mateo"], lastNames: ["Hernández", "González", "Rodríguez", "López"],
    addresses: [{ address1: "Av. Álvaro Obregón 130", city: "Ciudad de México", province: "Ciudad de México", provinceCode: "CMX", zip: "06700" }] },
];
