import { parse } from "csv-parse/sync";
import Decimal from "decimal.js";
import { fromMajor, isCurrencyCode } from "../money";
import { SERVICE_LEVELS, type ServiceLevel } from "./model";
import type { PostcodeArea, RateCard, VolumeTier, WeightBreak, ZoneRule } from "./rate-card";

/**
 * Rate cards travel as one CSV per service, one record per row, so a merchant can paste a
 * carrier's contract tables into a spreadsheet. Lines starting with "#" are comments.
 *
 *   record,key,value,zone,country,postcode_from,postcode_to,up_to_kg,price,transit_min,transit_max,customs_days
 *   setting,currency,EUR            card settings (see SETTINGS)
 *   zone,,,3,GB,,,,,2,4,1           country (or postcode range) -> zone, with the lane's transit
 *   remote,,,,GB,HS,HS              remote-area postcode range (or whole country)
 *   rate,,,3,,,,0.5,32.10           weight break: up to 0.5 kg in zone 3 costs 32.10
 *   per_kg,,,3,,,,,6.40             each started kg above the zone's last break
 *   tier,500,8                      from 500 shipments a month, 8% off base and weight charges
 */
export const RATE_CARD_COLUMNS = [
  "record", "key", "value", "zone", "country", "postcode_from", "postcode_to",
  "up_to_kg", "price", "transit_min", "transit_max", "customs_days",
] as const;

const SETTINGS = [
  "carrier_id", "carrier_name", "service_code", "service_name", "level", "origin_country", "currency",
  "dim_divisor", "fuel_percent", "remote_area_fee", "residential_fee", "ddp_handling_fee", "max_weight_kg",
] as const;
type Setting = (typeof SETTINGS)[number];
const REQUIRED: readonly Setting[] = ["carrier_id", "carrier_name", "service_code", "service_name", "level", "origin_country", "currency", "dim_divisor"];

export interface RateCardRowError {
  /** 1-based line in the file; null for a problem with the card as a whole. */
  readonly line: number | null;
  readonly column?: string;
  readonly message: string;
}

export interface RateCardImport {
  readonly card: RateCard | null;
  readonly errors: readonly RateCardRowError[];
}

type Row = Record<(typeof RATE_CARD_COLUMNS)[number], string>;
interface ParsedRow { readonly line: number; readonly row: Row }

const COUNTRY = /^[A-Z]{2}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export function importRateCardCsv(text: string, id: string): RateCardImport {
  const errors: RateCardRowError[] = [];
  const rows: ParsedRow[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { comment: "#", skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { card: null, errors: [{ line: err.lines ?? null, message: `not a readable rate-card CSV: ${err.message}` }] };
  }
  const header = records[0]?.record ?? [];
  const missing = RATE_CARD_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { card: null, errors: [{ line: records[0]?.info.lines ?? 1, message: `header is missing ${missing.join(", ")}` }] };
  for (const { record, info } of records.slice(1)) {
    // A decimal comma ("5,50") splits a price in two and shifts every later column: refuse the row.
    if (record.length > header.length) {
      errors.push({ line: info.lines, message: `row has ${record.length} columns, the header ${header.length}: is there a comma inside a number?` });
      continue;
    }
    const row = Object.fromEntries(header.map((h, i) => [h, record[i] ?? ""])) as Row;
    rows.push({ line: info.lines, row });
  }

  const settings = new Map<Setting, { value: string; line: number }>();
  for (const { line, row } of rows) {
    if (row.record !== "setting") continue;
    if (!(SETTINGS as readonly string[]).includes(row.key)) {
      errors.push({ line, column: "key", message: `unknown setting "${row.key}"; expected one of ${SETTINGS.join(", ")}` });
    } else if (settings.has(row.key as Setting)) {
      errors.push({ line, column: "key", message: `setting "${row.key}" given twice (first on line ${settings.get(row.key as Setting)!.line})` });
    } else {
      settings.set(row.key as Setting, { value: row.value, line });
    }
  }
  for (const s of REQUIRED) if (!settings.get(s)?.value) errors.push({ line: null, column: "key", message: `setting "${s}" is required` });

  const currency = settings.get("currency");
  const currencyOk = !!currency && isCurrencyCode(currency.value);
  if (currency && !currencyOk) errors.push({ line: currency.line, column: "value", message: `"${currency.value}" is not an ISO 4217 currency` });
  const level = settings.get("level");
  if (level && !(SERVICE_LEVELS as readonly string[]).includes(level.value)) {
    errors.push({ line: level.line, column: "value", message: `level must be one of ${SERVICE_LEVELS.join(", ")}, got "${level.value}"` });
  }
  const origin = settings.get("origin_country");
  if (origin && !COUNTRY.test(origin.value)) errors.push({ line: origin.line, column: "value", message: `origin_country must be a 2-letter ISO country code, got "${origin.value}"` });

  const amount = (value: string, line: number, column: string): number | null => {
    if (!DECIMAL.test(value)) {
      errors.push({ line, column, message: `"${value}" is not an amount (use digits and a dot, e.g. 12.50)` });
      return null;
    }
    return currencyOk ? fromMajor(value, currency!.value).amount : null;
  };
  const decimalSetting = (name: Setting, fallback: string): string => {
    const s = settings.get(name);
    if (!s || s.value === "") return fallback;
    if (!DECIMAL.test(s.value)) {
      errors.push({ line: s.line, column: "value", message: `${name} must be a non-negative number, got "${s.value}"` });
      return fallback;
    }
    return s.value;
  };
  const amountSetting = (name: Setting): number => {
    const s = settings.get(name);
    if (!s || s.value === "") return 0;
    return amount(s.value, s.line, "value") ?? 0;
  };
  const whole = (value: string, line: number, column: string): number | null => {
    if (!/^\d+$/.test(value)) {
      errors.push({ line, column, message: `"${value}" is not a whole number` });
      return null;
    }
    return Number(value);
  };

  const zones: ZoneRule[] = [];
  const remoteAreas: PostcodeArea[] = [];
  const weightBreaks: Record<string, WeightBreak[]> = {};
  const perKgAbove: Record<string, number> = {};
  const transit: Record<string, { min: number; max: number; customsDays: number }> = {};
  const volumeTiers: VolumeTier[] = [];

  const area = (row: Row, line: number): PostcodeArea | null => {
    if (!COUNTRY.test(row.country)) {
      errors.push({ line, column: "country", message: `country must be a 2-letter ISO code, got "${row.country}"` });
      return null;
    }
    if ((row.postcode_from === "") !== (row.postcode_to === "")) {
      errors.push({ line, column: row.postcode_from ? "postcode_to" : "postcode_from", message: "a postcode range needs both postcode_from and postcode_to" });
      return null;
    }
    if (row.postcode_from && row.postcode_from.toUpperCase() > row.postcode_to.toUpperCase()) {
      errors.push({ line, column: "postcode_to", message: `postcode range ${row.postcode_from}-${row.postcode_to} runs backwards` });
      return null;
    }
    return row.postcode_from
      ? { country: row.country, postcodeFrom: row.postcode_from.toUpperCase().replace(/[\s-]/g, ""), postcodeTo: row.postcode_to.toUpperCase().replace(/[\s-]/g, "") }
      : { country: row.country };
  };

  for (const { line, row } of rows) {
    switch (row.record) {
      case "setting":
        break;
      case "zone": {
        if (!row.zone) { errors.push({ line, column: "zone", message: "zone is required" }); break; }
        const a = area(row, line);
        if (a) zones.push({ ...a, zone: row.zone });
        const min = whole(row.transit_min, line, "transit_min");
        const max = whole(row.transit_max, line, "transit_max");
        const customs = row.customs_days === "" ? 0 : whole(row.customs_days, line, "customs_days");
        if (min !== null && max !== null && customs !== null) {
          if (max < min) errors.push({ line, column: "transit_max", message: `transit_max ${max} is below transit_min ${min}` });
          else transit[row.zone] ??= { min, max, customsDays: customs };
        }
        break;
      }
      case "remote": {
        const a = area(row, line);
        if (a) remoteAreas.push(a);
        break;
      }
      case "rate": {
        if (!row.zone) { errors.push({ line, column: "zone", message: "zone is required" }); break; }
        if (!DECIMAL.test(row.up_to_kg) || Number(row.up_to_kg) <= 0) {
          errors.push({ line, column: "up_to_kg", message: `up_to_kg must be a positive number of kilograms, got "${row.up_to_kg}"` });
          break;
        }
        const price = amount(row.price, line, "price");
        if (price === null) break;
        const upTo = new Decimal(row.up_to_kg).mul(1000).toNumber();
        const list = (weightBreaks[row.zone] ??= []);
        if (list.some((b) => b.upTo === upTo)) { errors.push({ line, column: "up_to_kg", message: `zone ${row.zone} already has a ${row.up_to_kg} kg break` }); break; }
        list.push({ upTo, price });
        break;
      }
      case "per_kg": {
        if (!row.zone) { errors.push({ line, column: "zone", message: "zone is required" }); break; }
        const price = amount(row.price, line, "price");
        if (price !== null) perKgAbove[row.zone] = price;
        break;
      }
      case "tier": {
        const min = whole(row.key, line, "key");
        if (!DECIMAL.test(row.value) || Number(row.value) >= 100) {
          errors.push({ line, column: "value", message: `discount must be a percentage below 100, got "${row.value}"` });
          break;
        }
        if (min !== null) volumeTiers.push({ minMonthlyShipments: min, discountPercent: row.value });
        break;
      }
      default:
        errors.push({ line, column: "record", message: `unknown record "${row.record}"; expected setting, zone, remote, rate, per_kg or tier` });
    }
  }

  for (const z of new Set(zones.map((z) => z.zone))) {
    if (!weightBreaks[z]?.length) errors.push({ line: null, column: "zone", message: `zone ${z} has no rate rows` });
  }
  for (const z of Object.keys(weightBreaks)) {
    if (!zones.some((r) => r.zone === z)) errors.push({ line: null, column: "zone", message: `rates given for zone ${z}, which no zone row defines` });
    weightBreaks[z]!.sort((a, b) => a.upTo - b.upTo);
  }
  const divisorValue = settings.get("dim_divisor");
  const divisor = divisorValue ? whole(divisorValue.value, divisorValue.line, "value") : null;
  const maxWeight = settings.get("max_weight_kg");
  if (maxWeight && !DECIMAL.test(maxWeight.value)) errors.push({ line: maxWeight.line, column: "value", message: `max_weight_kg must be a number, got "${maxWeight.value}"` });
  const fuelPercent = decimalSetting("fuel_percent", "0");
  const remoteAreaFee = amountSetting("remote_area_fee");
  const residentialFee = amountSetting("residential_fee");
  const ddpHandlingFee = amountSetting("ddp_handling_fee");

  if (errors.length > 0) return { card: null, errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  const get = (s: Setting) => settings.get(s)!.value;
  return {
    card: {
      id,
      carrierId: get("carrier_id"),
      carrierName: get("carrier_name"),
      serviceCode: get("service_code"),
      serviceName: get("service_name"),
      level: get("level") as ServiceLevel,
      originCountry: get("origin_country"),
      currency: get("currency"),
      dimDivisor: divisor!,
      fuelPercent,
      remoteAreaFee,
      residentialFee,
      ddpHandlingFee,
      zones,
      remoteAreas,
      weightBreaks,
      perKgAbove,
      transit,
      volumeTiers: volumeTiers.sort((a, b) => a.minMonthlyShipments - b.minMonthlyShipments),
      ...(maxWeight ? { maxWeight: new Decimal(maxWeight.value).mul(1000).toNumber() } : {}),
    },
    errors: [],
  };
}
