import type { PrismaClient } from "@prisma/client";
import { format, money } from "~/engine/money";
import { EU_COUNTRIES } from "~/engine/customs/rules";
import { crossesCustomsBorder, headline, isStage, milestonesReached, PAGE_TEXT, pickLocale, PROGRESS, type CustomsState, type Locale, type PageText, type Stage } from "~/engine/tracking";
import { carrierName, deliveryWindowText } from "../notify/content.server";
import { loadShopSettings } from "./settings.server";
import { isWellFormedToken } from "./shipments.server";

export interface TrackingPageModel {
  readonly locale: Locale;
  readonly text: PageText;
  readonly brand: { readonly name: string; readonly color: string; readonly logoUrl: string | null };
  readonly orderName: string | null;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly status: Stage;
  readonly headline: string;
  readonly progress: number;
  readonly milestones: readonly { readonly label: string; readonly done: boolean }[];
  readonly window: string;
  readonly windowLabel: string;
  readonly customs: { readonly state: CustomsState; readonly text: string; readonly crossesBorder: boolean };
  /** Null when nothing is known about duties for this parcel (then the page does not mention them). */
  readonly duties: string | null;
  readonly events: readonly { readonly at: string; readonly when: string; readonly description: string; readonly location: string | null; readonly stage: string }[];
  readonly returnUrl: string | null;
}

export class TrackingPageError extends Error {
  constructor(readonly status: 404, message: string) {
    super(message);
  }
}

/**
 * Everything the buyer's page shows, by tracking token. `shop` restricts the lookup to one shop
 * (the app proxy passes the signed shop, so one shop's storefront never shows another's parcel).
 * `lang` overrides the buyer's stored language (a language switcher or the storefront's locale).
 */
export async function loadTrackingPage(db: PrismaClient, token: string, options: { shop?: string; lang?: string | null } = {}): Promise<TrackingPageModel> {
  if (!isWellFormedToken(token)) throw new TrackingPageError(404, "This tracking link is not valid. Please use the link from your shipping email.");
  const shipment = await db.shipment.findUnique({ where: { trackingToken: token } });
  if (!shipment || (options.shop && shipment.shop !== options.shop)) throw new TrackingPageError(404, "We could not find a parcel for this tracking link. It may have expired or been mistyped.");
  const [settings, events] = await Promise.all([
    loadShopSettings(db, shipment.shop),
    db.shipmentEvent.findMany({ where: { shop: shipment.shop, shipmentId: shipment.id }, orderBy: [{ occurredAt: "desc" }, { receivedAt: "desc" }] }),
  ]);
  const locale = pickLocale(options.lang ?? shipment.buyerLocale);
  const text = PAGE_TEXT[locale];
  const status: Stage = isStage(shipment.status) ? shipment.status : "in_transit";
  const reached = safeList(shipment.stagesReached);
  const crossesBorder = crossesCustomsBorder(shipment.originCountry, shipment.destinationCountry, EU_COUNTRIES);
  const customsState = (["none", "in_customs", "held", "cleared"] as const).find((s) => s === shipment.customsState) ?? "none";
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const dutiesAmount = shipment.dutiesMinor !== null && shipment.dutiesCurrency ? format(money(shipment.dutiesMinor, shipment.dutiesCurrency), locale) : null;
  const duties = shipment.dutiesMinor === null ? (crossesBorder ? null : text.dutiesNone) : shipment.dutiesMinor === 0 || !dutiesAmount ? text.dutiesNone : `${shipment.incoterm === "DAP" ? text.dutiesDue : text.dutiesPaid}: ${dutiesAmount}`;
  const delivered = status === "delivered" && shipment.deliveredAt;
  return {
    locale,
    text,
    brand: { name: settings.branding.name, color: settings.branding.color, logoUrl: settings.branding.logoUrl ?? null },
    orderName: shipment.orderName,
    carrier: carrierName(shipment.carrier),
    trackingNumber: shipment.trackingNumber,
    status,
    headline: headline(status, locale),
    progress: PROGRESS[status],
    milestones: milestonesReached(reached).map((done, i) => ({ label: text.steps[i]!, done })),
    windowLabel: delivered ? text.deliveredOn : shipment.estimatedDelivery ? text.estimated : text.window,
    window: delivered ? when.format(shipment.deliveredAt!) : deliveryWindowText(shipment, locale),
    customs: { state: customsState, text: text.customsState[customsState], crossesBorder },
    duties,
    events: events
      .filter((e) => e.disposition !== "rejected")
      .map((e) => ({ at: e.occurredAt.toISOString(), when: when.format(e.occurredAt), description: e.description, location: e.location, stage: e.stage })),
    returnUrl: status === "delivered" ? (settings.returnsUrl ?? `https://${shipment.shop}/account`) : null,
  };
}

function safeList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}
