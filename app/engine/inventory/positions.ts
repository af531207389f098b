/**
 * Stock positions: what each warehouse holds of each SKU, what is on its way, what open orders
 * have claimed, and how many days the rest lasts against the forecast demand of the region the
 * warehouse serves.
 */

/** Regions a warehouse can serve. A market's region decides which warehouse is "local" to it. */
export type Region = "NA" | "EU" | "UK" | "APAC" | "ROW";

const EU = new Set(["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]);
// Non-EU European countries we route like the EU (served from an EU warehouse, customs apply).
const EUROPE_OTHER = new Set(["CH", "NO", "IS", "LI"]);
const APAC = new Set(["AU", "NZ", "JP", "KR", "SG", "HK", "TW", "CN", "IN", "TH", "MY", "ID", "PH", "VN"]);

export function regionOf(countryCode: string | null | undefined): Region {
  const code = (countryCode ?? "").toUpperCase();
  if (code === "US" || code === "CA" || code === "MX") return "NA";
  if (code === "GB" || code === "IM" || code === "JE" || code === "GG") return "UK";
  if (EU.has(code) || EUROPE_OTHER.has(code)) return "EU";
  if (APAC.has(code)) return "APAC";
  return "ROW";
}

export interface WarehouseRef {
  id: string;
  name: string;
  countryCode: string;
  /** Regions this warehouse fulfils; the first is its home region. */
  serves: Region[];
}

export interface StockLevel {
  sku: string;
  warehouseId: string;
  /** Sellable now (Shopify's `available`). */
  available: number;
  /** Claimed by open orders not yet shipped (Shopify's `committed` plus `reserved`). */
  reserved: number;
  /** On its way to this warehouse: purchase orders (`incoming`) and approved transfers. */
  inTransit: number;
}

export interface StockThresholds {
  /** Below this many days of cover a position is flagged low (default 14). */
  lowCoverDays: number;
  /** Above this many days of cover a position is flagged overstocked (default 120). */
  overstockCoverDays: number;
}

export type StockFlag = "stockout" | "low" | "overstock" | "ok" | "no-demand";

export interface StockCell extends StockLevel {
  /** Forecast units per day for the regions this warehouse serves. */
  dailyDemand: number;
  /** (available + in transit) / daily demand; null when there is no demand. */
  daysOfCover: number | null;
  flag: StockFlag;
}

export interface StockRow {
  sku: string;
  cells: StockCell[];
  totalAvailable: number;
  totalInTransit: number;
  totalReserved: number;
}

export function assignServedRegions(warehouses: Array<Omit<WarehouseRef, "serves">>, primaryId?: string): WarehouseRef[] {
  const home = warehouses.map((w) => ({ ...w, serves: [regionOf(w.countryCode)] as Region[] }));
  // Regions no warehouse is home to are served from the primary location (the shop's origin).
  const covered = new Set(home.flatMap((w) => w.serves));
  const primary = home.find((w) => w.id === primaryId) ?? home[0];
  if (primary) for (const region of ["NA", "EU", "UK", "APAC", "ROW"] as Region[]) if (!covered.has(region)) primary.serves.push(region);
  return home;
}

export function flagFor(available: number, inTransit: number, daysOfCover: number | null, thresholds: StockThresholds): StockFlag {
  if (available <= 0 && inTransit <= 0) return daysOfCover === null ? "no-demand" : "stockout";
  if (daysOfCover === null) return "no-demand";
  if (daysOfCover < thresholds.lowCoverDays) return "low";
  if (daysOfCover > thresholds.overstockCoverDays) return "overstock";
  return "ok";
}

/**
 * The stock matrix: one row per SKU, one cell per warehouse. `demandPerDay(sku, region)` is the
 * forecast rate; a warehouse's demand is the sum over the regions it serves.
 */
export function stockMatrix(
  levels: StockLevel[],
  warehouses: WarehouseRef[],
  demandPerDay: (sku: string, region: Region) => number,
  thresholds: StockThresholds = { lowCoverDays: 14, overstockCoverDays: 120 },
): StockRow[] {
  const bySku = new Map<string, Map<string, StockLevel>>();
  for (const level of levels) {
    if (!bySku.has(level.sku)) bySku.set(level.sku, new Map());
    const existing = bySku.get(level.sku)!.get(level.warehouseId);
    // Two variants sharing a SKU at one location add up: the warehouse sees one bin.
    bySku.get(level.sku)!.set(level.warehouseId, existing
      ? { ...existing, available: existing.available + level.available, reserved: existing.reserved + level.reserved, inTransit: existing.inTransit + level.inTransit }
      : level);
  }
  return [...bySku.keys()].sort().map((sku) => {
    const cells = warehouses.map((warehouse): StockCell => {
      const level = bySku.get(sku)!.get(warehouse.id) ?? { sku, warehouseId: warehouse.id, available: 0, reserved: 0, inTransit: 0 };
      const dailyDemand = warehouse.serves.reduce((sum, region) => sum + Math.max(0, demandPerDay(sku, region)), 0);
      const usable = Math.max(0, level.available) + level.inTransit;
      const daysOfCover = dailyDemand > 0 ? usable / dailyDemand : null;
      return { ...level, dailyDemand, daysOfCover, flag: flagFor(level.available, level.inTransit, daysOfCover, thresholds) };
    });
    return {
      sku,
      cells,
      totalAvailable: cells.reduce((s, c) => s + c.available, 0),
      totalInTransit: cells.reduce((s, c) => s + c.inTransit, 0),
      totalReserved: cells.reduce((s, c) => s + c.reserved, 0),
    };
  });
}

/**
 * Days of cover per region: the stock of the warehouses serving it against the demand those
 * warehouses face. A warehouse serving several regions shares its stock between them, so their
 * demand is added rather than its stock counted twice.
 */
export function coverByRegion(rows: StockRow[], warehouses: WarehouseRef[], demandPerDay: (sku: string, region: Region) => number): Array<{ region: Region; units: number; dailyDemand: number; daysOfCover: number | null }> {
  const regions = [...new Set(warehouses.flatMap((w) => w.serves))];
  return regions.map((region) => {
    const serving = warehouses.filter((w) => w.serves.includes(region));
    const servedRegions = new Set(serving.flatMap((w) => w.serves));
    let units = 0;
    let dailyDemand = 0;
    for (const row of rows) {
      for (const r of servedRegions) dailyDemand += Math.max(0, demandPerDay(row.sku, r));
      for (const cell of row.cells) if (serving.some((w) => w.id === cell.warehouseId)) units += Math.max(0, cell.available) + cell.inTransit;
    }
    return { region, units, dailyDemand, daysOfCover: dailyDemand > 0 ? units / dailyDemand : null };
  });
}

/** Weekly demand per SKU and region from order lines; the last bucket ends at `until`. */
export function weeklyDemand(
  lines: Array<{ sku: string; countryCode: string | null; quantity: number; orderedAt: Date }>,
  until: Date,
  weeks: number,
): Map<string, { sku: string; region: Region; weekly: number[] }> {
  const WEEK = 7 * 86_400_000;
  const start = until.getTime() - weeks * WEEK;
  const series = new Map<string, { sku: string; region: Region; weekly: number[] }>();
  for (const line of lines) {
    const t = line.orderedAt.getTime();
    if (t < start || t >= until.getTime() || line.quantity <= 0) continue;
    const region = regionOf(line.countryCode);
    const key = `${line.sku}|${region}`;
    if (!series.has(key)) series.set(key, { sku: line.sku, region, weekly: new Array(weeks).fill(0) });
    series.get(key)!.weekly[Math.floor((t - start) / WEEK)]! += line.quantity;
  }
  return series;
}
