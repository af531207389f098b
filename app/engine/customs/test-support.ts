import type { FxTable } from "../money";
import { loadCustomsTables } from "../../integrations/customs/tables.server";
import type { CustomsTables } from "./quote";
import { parsePercentDuty } from "./duty";
import type { RateOverride } from "./tariff";

/** A dated FX table for tests (rates as the authorities' examples state them, plus round ones). */
export const TEST_FX: FxTable = {
  date: "2026-03-01",
  source: "test table",
  rates: {
    USD: { CAD: "1.15", MXN: "18", BRL: "5", JPY: "150", KRW: "1400", ILS: "3.5", AED: "3.6725", SAR: "3.75", INR: "88", CNY: "7.2", ZAR: "18" },
    AUD: { USD: "0.91" },
    EUR: { USD: "1.10", GBP: "0.85", CHF: "0.95", NOK: "11.5", NZD: "1.9", SGD: "1.45", HKD: "8.6" },
  },
};

let cached: CustomsTables | undefined;
export function testTables(overrides: RateOverride[] = []): CustomsTables {
  cached ??= loadCustomsTables(TEST_FX);
  return { ...cached, overrides };
}

export const rate = (country: string, code: string, pct: string, note = "test rate"): RateOverride => ({ country, code, rate: parsePercentDuty(pct), note });
