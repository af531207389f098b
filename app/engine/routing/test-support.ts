import type { RoutingLine, RoutingWarehouse } from "./model";

/** The demo shop's three buildings, as routing sees them (handling in USD cents). */
export const NEW_JERSEY: RoutingWarehouse = {
  id: "nj", name: "New Jersey Warehouse", kind: "own", country: "US", timeZone: "America/New_York", cutoff: "14:00", handlingDays: 1,
  handlingPerOrder: 250, handlingPerUnit: 40, carriers: [], capacityPerDay: 400, latitude: 40.79, longitude: -74.06,
};
export const VENLO: RoutingWarehouse = {
  id: "venlo", name: "Venlo 3PL (EU)", kind: "3pl", country: "NL", timeZone: "Europe/Amsterdam", cutoff: "15:00", handlingDays: 1,
  handlingPerOrder: 320, handlingPerUnit: 55, carriers: [], capacityPerDay: 250, latitude: 51.37, longitude: 6.17,
};
export const NORTHAMPTON: RoutingWarehouse = {
  id: "nn", name: "Northampton Warehouse (UK)", kind: "3pl", country: "GB", timeZone: "Europe/London", cutoff: "14:00", handlingDays: 1,
  handlingPerOrder: 300, handlingPerUnit: 50, carriers: [], capacityPerDay: 200, latitude: 52.2, longitude: -0.88,
};

/** Lines from the demo catalogue (HS code and origin as the emulator's products carry them). */
export const line = {
  trailShoe: (quantity = 1): RoutingLine => ({ sku: "TRAIL-42", quantity, unitValue: 13_900, unitGrams: 850, hsCode: "640411", originCountry: "VN", description: "Trail Running Shoe" }),
  earbuds: (quantity = 1): RoutingLine => ({ sku: "EARBUDS", quantity, unitValue: 9_900, unitGrams: 160, hsCode: "851830", originCountry: "CN", description: "Wireless Earbuds" }),
  sweater: (quantity = 1): RoutingLine => ({ sku: "MERINO-M", quantity, unitValue: 12_800, unitGrams: 380, hsCode: "611011", originCountry: "PT", description: "Merino Crew Sweater" }),
  candle: (quantity = 1): RoutingLine => ({ sku: "CANDLE", quantity, unitValue: 3_400, unitGrams: 520, hsCode: "340600", originCountry: "US", description: "Soy Wax Candle" }),
};
