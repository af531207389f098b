import { parse } from "csv-parse/sync";
import type { HandoverOrder, StockSnapshot, ThirdPartyShipment } from "~/engine/fulfillment/third-party";

/**
 * The file exchange, for partners whose warehouse system only does files: we export the orders
 * handed over, they send back shipments and stock counts. An import applies its good rows and
 * names each bad one by its line in the file (the header is line 1) and why.
 */
export interface RowError {
  readonly line: number;
  readonly reason: string;
}

export const ORDER_COLUMNS = ["reference", "order_name", "ordered_at", "shipping_method", "name", "company", "address1", "address2", "city", "province", "postcode", "country", "phone", "sku", "item_name", "quantity"] as const;
export const SHIPMENT_COLUMNS = ["reference", "shipped_at", "carrier", "tracking_number", "tracking_url", "sku", "quantity"] as const;
export const STOCK_COLUMNS = ["sku", "on_hand"] as const;

const cell = (v: string | number) => {
  const s = String(v);
  // Quote anything a spreadsheet could misread; a leading =,+,-,@ would run as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per order line, so a partner can import it into any warehouse system. */
export function exportOrders(orders: readonly HandoverOrder[]): string {
  const rows = [ORDER_COLUMNS.join(",")];
  for (const o of orders) {
    const r = o.recipient;
    for (const l of o.lines) {
      rows.push([o.reference, o.orderName, o.orderedAt, o.shippingMethod, r.name ?? "", r.company ?? "", r.lines[0] ?? "", r.lines[1] ?? "", r.city, r.province ?? "", r.postcode, r.country, r.phone ?? "", l.sku, l.name, l.quantity].map(cell).join(","));
    }
  }
  return rows.join("\r\n") + "\r\n";
}

type Rows = { ok: true; rows: { line: number; values: Record<string, string> }[] } | { ok: false; reason: string };

function readRows(text: string, required: readonly string[]): Rows {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: true }) as never;
  } catch (error) {
    return { ok: false, reason: `The file is not readable CSV: ${error instanceof Error ? error.message : String(error)}` };
  }
  const header = records[0] ? Object.keys(records[0].record) : text.split(/\r?\n/)[0]!.split(",").map((c) => c.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) return { ok: false, reason: `The header must name ${required.join(", ")}; missing ${missing.join(", ")}` };
  return { ok: true, rows: records.map((r) => ({ line: r.info.lines, values: r.record })) };
}

const wholeNumber = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
const isTime = (v: string | undefined) => !!v && !Number.isNaN(Date.parse(v));

export interface ShipmentImport {
  readonly shipments: (ThirdPartyShipment & { lines: { sku: string; quantity: number }[]; fileLines: number[] })[];
  readonly errors: RowError[];
  readonly fileError?: string;
}

/** Shipments from a file; rows sharing reference and tracking number are one parcel. */
export function importShipments(text: string): ShipmentImport {
  const read = readRows(text, ["reference", "shipped_at", "carrier", "tracking_number", "sku", "quantity"]);
  if (!read.ok) return { shipments: [], errors: [], fileError: read.reason };
  const errors: RowError[] = [];
  const groups = new Map<string, ShipmentImport["shipments"][number]>();
  const badGroups = new Map<string, number>();
  for (const { line, values: v } of read.rows) {
    const key = `${v.reference}\u0000${v.tracking_number}`;
    const reason = !v.reference ? "reference is empty"
      : !v.tracking_number ? "tracking_number is empty"
      : !v.carrier ? "carrier is empty"
      : !isTime(v.shipped_at) ? `shipped_at "${v.shipped_at ?? ""}" is not a date and time (ISO 8601)`
      : !v.sku ? "sku is empty"
      : !wholeNumber(v.quantity) ? `quantity "${v.quantity ?? ""}" is not a whole number above 0`
      : null;
    if (reason) {
      errors.push({ line, reason });
      if (v.reference && v.tracking_number) badGroups.set(key, line);
      continue;
    }
    const g = groups.get(key) ?? { reference: v.reference!, shippedAt: new Date(v.shipped_at!).toISOString(), carrier: v.carrier!, trackingNumber: v.tracking_number!, ...(v.tracking_url ? { trackingUrl: v.tracking_url } : {}), lines: [], fileLines: [] };
    g.lines.push({ sku: v.sku!, quantity: wholeNumber(v.quantity)! });
    g.fileLines.push(line);
    groups.set(key, g);
  }
  // A parcel with one bad row is held whole: applying the rest would record it short-shipped.
  for (const [key, badLine] of badGroups) {
    const g = groups.get(key);
    if (!g) continue;
    for (const line of g.fileLines) errors.push({ line, reason: `held: line ${badLine} of the same parcel (${g.trackingNumber}) is invalid` });
    groups.delete(key);
  }
  errors.sort((a, b) => a.line - b.line);
  return { shipments: [...groups.values()], errors };
}

export interface StockImport {
  readonly snapshot: StockSnapshot | null;
  readonly errors: RowError[];
  readonly fileError?: string;
}

export function importStock(text: string, countedAt: Date): StockImport {
  const read = readRows(text, STOCK_COLUMNS);
  if (!read.ok) return { snapshot: null, errors: [], fileError: read.reason };
  const errors: RowError[] = [];
  const counts = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const { line, values: v } of read.rows) {
    const onHand = wholeNumber(v.on_hand);
    const reason = !v.sku ? "sku is empty"
      : onHand === null ? `on_hand "${v.on_hand ?? ""}" is not a whole number of units (0 or more)`
      : seen.has(v.sku) ? `sku ${v.sku} is counted again (first on line ${seen.get(v.sku)})`
      : null;
    if (reason) {
      errors.push({ line, reason });
      continue;
    }
    seen.set(v.sku!, line);
    counts.set(v.sku!, onHand!);
  }
  return { snapshot: counts.size ? { countedAt: countedAt.toISOString(), counts: [...counts].map(([sku, onHand]) => ({ sku, onHand })) } : null, errors };
}
