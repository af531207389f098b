import { EU_COUNTRIES, SELLER_FAULT_REASONS, type ReturnReason } from "./policy";

/**
 * Customs territories: a return inside one crosses no customs border. The EU is one territory
 * (Union Customs Code art. 4); Monaco clears through France.
 */
export function customsTerritory(country: string): string {
  if ((EU_COUNTRIES as readonly string[]).includes(country) || country === "MC") return "EU";
  return country;
}

export interface ReliefRule {
  /** What the rule does to the route's duty. */
  readonly effect: "no-border" | "returned-goods-relief" | "duty-repayment";
  readonly territory: string;
  /** Share of the duty relieved or repaid, percent. */
  readonly percent: number;
  readonly source: string;
}

/**
 * Returned goods relief: goods exported from a territory and re-imported unaltered (within three
 * years for the EU and UK) come back free of import duty.
 */
const RETURNED_GOODS_RELIEF: Readonly<Record<string, { readonly source: string; readonly originOnly?: string }>> = {
  EU: { source: "Union Customs Code (Reg. (EU) 952/2013) art. 203: returned goods relief within 3 years, goods unaltered" },
  GB: { source: "HMRC Notice 236: Returned Goods Relief, re-import within 3 years in the same state" },
  CH: { source: "Swiss Customs Act (ZG) art. 10: returned Swiss goods (Rückwaren) free of duty" },
  // The US relieves American goods returned (HTSUS 9801.00.10); foreign goods pay duty again.
  US: { source: "HTSUS 9801.00.10 / 19 CFR 10.1: products of the United States returned unaltered", originOnly: "US" },
};

/**
 * Repayment of the import duty the buyer's territory collected at sale once the goods leave it
 * again. The EU and UK repay for goods rejected as defective or not as contracted; a change of
 * mind is not covered there. US unused-merchandise drawback covers any reason at 99 %.
 */
const DUTY_REPAYMENT: Readonly<Record<string, { readonly source: string; readonly percent: number; readonly faultOnly: boolean }>> = {
  EU: { source: "Union Customs Code art. 118: repayment of import duty on goods rejected as defective or not complying with the contract", percent: 100, faultOnly: true },
  GB: { source: "HMRC rejected imports relief (claim on form C285): goods faulty or not as contracted, re-exported", percent: 100, faultOnly: true },
  US: { source: "19 U.S.C. 1313(j)(1): unused merchandise drawback, 99 % of duties on export within 5 years", percent: 99, faultOnly: false },
  CH: { source: "Swiss Customs Act (ZG) art. 11: refund of import duty on goods re-exported to the supplier unchanged", percent: 100, faultOnly: false },
};

export interface DutyOutlook {
  /** Whether importing the return at the destination costs duty (false under relief or without a border). */
  readonly importDutyDue: boolean;
  /** Percent of the duty paid at sale that can be recovered by sending the item out of the buyer's territory. */
  readonly repaymentPercent: number;
  readonly rules: readonly ReliefRule[];
}

/**
 * The duty position of sending an item from the buyer's country to a destination, for goods
 * that were exported to the buyer from `exportedFrom`.
 */
export function dutyOutlook(args: { buyerCountry: string; destinationCountry: string; exportedFrom: string | null; originCountry: string | null; reason: ReturnReason }): DutyOutlook {
  const from = customsTerritory(args.buyerCountry);
  const to = customsTerritory(args.destinationCountry);
  if (from === to) {
    return { importDutyDue: false, repaymentPercent: 0, rules: [{ effect: "no-border", territory: to, percent: 100, source: `no customs border: the return stays inside ${to === "EU" ? "the EU customs union" : to}` }] };
  }
  const rules: ReliefRule[] = [];
  let importDutyDue = true;
  const exportedFrom = args.exportedFrom ? customsTerritory(args.exportedFrom) : null;
  const relief = RETURNED_GOODS_RELIEF[to];
  if (relief && exportedFrom === to && (!relief.originOnly || args.originCountry === relief.originOnly)) {
    importDutyDue = false;
    rules.push({ effect: "returned-goods-relief", territory: to, percent: 100, source: relief.source });
  }
  let repaymentPercent = 0;
  const repayment = DUTY_REPAYMENT[from];
  if (repayment && (!repayment.faultOnly || SELLER_FAULT_REASONS.has(args.reason))) {
    repaymentPercent = repayment.percent;
    rules.push({ effect: "duty-repayment", territory: from, percent: repayment.percent, source: repayment.source });
  }
  return { importDutyDue, repaymentPercent, rules };
}
