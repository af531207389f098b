/**
 * The tracking demo: shipments seeded from the emulator's fulfillments (their tracking numbers),
 * each with a realistic journey whose past is already in the database; a carrier simulator that
 * plays the rest of a few journeys over minutes (DHL Express answers polls like the MyDHL API,
 * EasyPost pushes signed tracker webhooks); and a local mailbox that receives the emails.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { SMTPServer } from "smtp-server";
import { DEMO_SHOP } from "../app/demo/constants";
import { quoteLandedCost } from "../app/engine/customs/quote";
import { EU_COUNTRIES } from "../app/engine/customs/rules";
import { crossesCustomsBorder } from "../app/engine/tracking";
import { calculatorTables } from "../app/integrations/customs/landed-cost.server";
import { parseTrackingResponse } from "../app/integrations/carriers/dhl-express/tracking";
import { checkpointsFromDetails, type Checkpoint } from "../app/integrations/tracking/checkpoints";
import { easyPostSignature, parseEasyPostEvent } from "../app/integrations/tracking/easypost-webhook.server";
import { followFulfillment } from "../app/integrations/shopify/tracking-url.server";
import { ingestTrackingUpdates, upsertShipment } from "../app/integrations/tracking/shipments.server";
import { DEMO_ACCESS_TOKEN } from "../emulator/seed";
import { buildJourney, type Journey, type JourneyStep } from "./tracking-journeys";

const HOUR = 3_600_000;

const DEMO_ORDERS = `#graphql
  query TrackingDemoOrders($cursor: String) {
    orders(first: 100, after: $cursor, sortKey: CREATED_AT, reverse: true, query: "fulfillment_status:shipped") {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        email
        phone
        customerLocale
        shippingAddress {
          name
          countryCode
          city
          phone
        }
        shippingLine {
          code
        }
        lineItems(first: 20) {
          nodes {
            quantity
            originalUnitPriceSet {
              shopMoney {
                amount
                currencyCode
              }
            }
            variant {
              inventoryItem {
                harmonizedSystemCode
                countryCodeOfOrigin
              }
            }
          }
        }
        fulfillments(first: 5) {
          id
          createdAt
          location {
            address {
              countryCode
            }
          }
          trackingInfo(first: 1) {
            company
            number
          }
        }
      }
    }
  }
`;

interface DemoOrder {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerLocale: string | null;
  shippingAddress: { name: string | null; countryCode: string | null; city: string | null; phone: string | null } | null;
  shippingLine: { code: string | null } | null;
  lineItems: { nodes: { quantity: number; originalUnitPriceSet: { shopMoney: { amount: string; currencyCode: string } }; variant: { inventoryItem: { harmonizedSystemCode: string | null; countryCodeOfOrigin: string | null } | null } | null }[] };
  fulfillments: { id: string; createdAt: string; location: { address: { countryCode: string | null } } | null; trackingInfo: { company: string | null; number: string | null }[] }[];
}

/** DHL Express parcels are tracked with DHL directly; USPS, Royal Mail and PostNL through EasyPost, the aggregator. */
const carrierOf = (company: string | null) => (company === "DHL Express" ? "dhl-express" : "easypost") as "dhl-express" | "easypost";

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function transitDays(code: string | null, cross: boolean): [number, number] {
  if (code === "EXPRESS") return [2, 3];
  if (code === "DHL_EXPRESS_WORLDWIDE") return [2, 4];
  return cross ? [6, 10] : [3, 6];
}

/** Duties and import taxes from the customs engine, as the checkout would have quoted them (DDP for DHL Express, DAP otherwise). */
function dutiesFor(order: DemoOrder, origin: string, destination: string, shippedAt: number, incoterm: "DDP" | "DAP") {
  if (!crossesCustomsBorder(origin, destination, EU_COUNTRIES)) return null;
  try {
    const lines = order.lineItems.nodes.flatMap((l) => {
      const item = l.variant?.inventoryItem;
      if (!item?.harmonizedSystemCode || !item.countryCodeOfOrigin) return [];
      return [{ hsCode: item.harmonizedSystemCode, originCountry: item.countryCodeOfOrigin, quantity: l.quantity, unitValue: Math.round(Number(l.originalUnitPriceSet.shopMoney.amount) * 100) }];
    });
    if (!lines.length) return null;
    const currency = order.lineItems.nodes[0]!.originalUnitPriceSet.shopMoney.currencyCode;
    const quote = quoteLandedCost({ date: isoDate(shippedAt), destination: { country: destination }, shipFrom: origin, currency, lines, shipping: 1995, incoterm, dutyEstimate: "highest" }, calculatorTables());
    const due = incoterm === "DDP" ? quote.presentment.collectedAtCheckout : quote.presentment.collectedAtDoor;
    return { amount: due.amount, currency: due.currency };
  } catch {
    return null; // a destination the customs engine does not cover: the page says nothing about duties
  }
}

/** The journeys seeded in this process, by tracking number: the simulator plays their future. */
const seeded = new Map<string, { journey: Journey; times: number[] }>();

/**
 * A parcel's checkpoints due by `until`, produced the way the app will receive them: the carrier's
 * own payload (MyDHL tracking answer, EasyPost Event) read by the adapters' parsers, so the
 * history seeded now and the later polls and webhooks share their checkpoint keys.
 */
export function dueCheckpoints(parcel: LiveParcel, until: number): Checkpoint[] {
  if (!parcel.times.some((t) => t <= until)) return [];
  if (parcel.journey.carrier === "dhl-express") {
    const parsed = parseTrackingResponse(200, dhlTrackingBody(parcel, until)).data;
    return parsed ? checkpointsFromDetails("dhl-express", parsed) : [];
  }
  const event = parseEasyPostEvent(JSON.stringify(easyPostEvent(parcel, until)));
  return event.kind === "tracker" ? event.update.checkpoints : [];
}

/** Seeds shipments from the emulator's fulfillments; their journeys up to now become history (no emails for the past). */
export async function seedTrackingDemo(prisma: PrismaClient, emulatorUrl: string, now = new Date()): Promise<number> {
  const admin = {
    graphql: (query: string, options?: { variables?: Record<string, unknown> }) =>
      fetch(`${emulatorUrl.replace(/\/$/, "")}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN }, body: JSON.stringify({ query, variables: options?.variables }) }),
  };
  const orders: DemoOrder[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 3; page++) {
    const res = await fetch(`${emulatorUrl.replace(/\/$/, "")}/${DEMO_SHOP}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": DEMO_ACCESS_TOKEN },
      body: JSON.stringify({ query: DEMO_ORDERS, variables: { cursor } }),
    });
    const body = (await res.json()) as { data: { orders: { nodes: DemoOrder[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
    orders.push(...body.data.orders.nodes);
    if (!body.data.orders.pageInfo.hasNextPage) break;
    cursor = body.data.orders.pageInfo.endCursor;
  }
  await prisma.trackingSettings.upsert({
    where: { shop: DEMO_SHOP },
    create: { shop: DEMO_SHOP, brandName: "Borderless Demo Store", brandColor: "#1f5f99", senderName: "Borderless Demo Store", replyTo: "care@borderless-demo.example" },
    update: {},
  });
  let count = 0;
  const updates = [];
  // Parcels older than six weeks are history nobody tracks any more; the most recent come first.
  const shipped = orders
    .flatMap((order) => order.fulfillments.map((f) => ({ order, f, shippedAt: Math.min(Date.parse(f.createdAt), now.getTime() - 2 * HOUR) })))
    .filter((x) => x.f.trackingInfo[0]?.number && x.order.shippingAddress?.countryCode && now.getTime() - x.shippedAt <= 42 * 24 * HOUR)
    .sort((a, b) => b.shippedAt - a.shippedAt);
  let holds = 0;
  for (const [index, { order, f, shippedAt }] of shipped.entries()) {
    {
      const tracking = { company: f.trackingInfo[0]!.company, number: f.trackingInfo[0]!.number! };
      const destination = order.shippingAddress!.countryCode!;
      const origin = f.location?.address.countryCode ?? "US";
      const carrier = carrierOf(tracking.company);
      const [minDays, maxDays] = transitDays(order.shippingLine?.code ?? null, origin !== destination);
      const incoterm = carrier === "dhl-express" ? "DDP" : "DAP";
      const duties = dutiesFor(order, origin, destination, shippedAt, incoterm);
      // Among the last fortnight's parcels, a few of each kind the merchant must act on, so the Shipments page has them.
      const crossing = crossesCustomsBorder(origin, destination, EU_COUNTRIES);
      const kind = index === 0 ? "smooth" : crossing && holds < 3 && now.getTime() - shippedAt < 6 * 24 * HOUR ? (holds++, "customs_hold" as const) : index < 16 ? (["smooth", "smooth", "exception", "failed_attempt"] as const)[index % 4] : undefined;
      const journey = buildJourney({ carrier, trackingNumber: tracking.number, origin, destination, destinationCity: order.shippingAddress?.city ?? destination, ...(kind ? { kind } : {}) });
      const shipment = {
        shop: DEMO_SHOP, carrier, trackingNumber: tracking.number, orderShopifyId: order.id, orderName: order.name, fulfillmentShopifyId: f.id,
        buyerName: order.shippingAddress?.name ?? null, buyerEmail: order.email, buyerPhone: order.shippingAddress?.phone ?? order.phone, buyerLocale: order.customerLocale,
        originCountry: origin, destinationCountry: destination, promisedFrom: isoDate(shippedAt + minDays * 24 * HOUR), promisedBy: isoDate(shippedAt + maxDays * 24 * HOUR),
        incoterm: duties ? incoterm : null, dutiesMinor: duties?.amount ?? null, dutiesCurrency: duties?.currency ?? null,
      } as const;
      const arrives = shippedAt + journey.steps.at(-1)!.afterHours * HOUR;
      if (arrives > now.getTime()) {
        // Parcels still on their way: Shopify's fulfillment gets the branded tracking page as its tracking URL, as the fulfillment step does.
        await followFulfillment(admin, prisma, { ...shipment, company: tracking.company ?? "Other" }, { appUrl: process.env.SHOPIFY_APP_URL ?? "http://localhost:3000", now });
      } else {
        await upsertShipment(prisma, shipment, now);
      }
      // Whole seconds: the carriers' payloads carry none smaller, and the keys are made from them.
      const times = journey.steps.map((s) => Math.floor(shippedAt / 1000) * 1000 + s.afterHours * HOUR);
      seeded.set(tracking.number, { journey, times });
      updates.push({ shop: DEMO_SHOP, carrier, trackingNumber: tracking.number, checkpoints: dueCheckpoints({ trackingNumber: tracking.number, journey, times, pushed: 0 }, now.getTime()) });
      count++;
    }
  }
  for (let i = 0; i < updates.length; i += 100) await ingestTrackingUpdates(prisma, updates.slice(i, i + 100), { now, source: "simulator", notify: false });
  return count;
}

export interface LiveParcel {
  readonly trackingNumber: string;
  readonly journey: Journey;
  readonly times: number[];
  pushed: number;
}

export interface TrackingDemo {
  readonly simulatorUrl: string;
  readonly mailboxUrl: string;
  readonly mailbox: { to: string; subject: string }[];
  /** Starts moving the live parcels: call once the app serves webhooks. */
  run(prisma: PrismaClient, options?: { live?: number; stepMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the local mailbox and the carrier simulator's HTTP side. The app is pointed at them
 * through the environment before it starts (SMTP_URL, TRACKING_CARRIER_SANDBOX_URL, EASYPOST_WEBHOOK_SECRET).
 */
export async function startTrackingDemo({ appUrl, secret }: { appUrl: string; secret: string }): Promise<TrackingDemo> {
  const mailbox: { to: string; subject: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("latin1")));
      stream.on("end", () => {
        mailbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(", "), subject: /^Subject: (.*)$/im.exec(raw)?.[1] ?? "" });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const mailboxUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;

  const parcels = new Map<string, LiveParcel>();
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const dhl = /^\/dhl\/shipments\/([^/]+)\/tracking$/.exec(url.pathname);
    if (dhl) {
      const parcel = parcels.get(decodeURIComponent(dhl[1]!));
      res.setHeader("Content-Type", "application/json");
      if (!parcel) {
        res.statusCode = 404;
        res.end(JSON.stringify({ instance: url.pathname, detail: "No shipments found for the requested tracking number", title: "No Shipments Found", status: "404" }));
        return;
      }
      res.end(JSON.stringify(dhlTrackingBody(parcel, Date.now())));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ detail: "not simulated" }));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const simulatorUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let timer: NodeJS.Timeout | undefined;

  return {
    simulatorUrl,
    mailboxUrl,
    mailbox,
    async run(prisma, { live = 8, stepMs = 25_000 } = {}) {
      const now = Date.now();
      const shipments = await prisma.shipment.findMany({
        where: { shop: DEMO_SHOP, status: { notIn: ["delivered", "returned"] }, trackingNumber: { in: [...seeded.keys()] } },
        include: { _count: { select: { events: true } } },
      });
      // Every in-flight parcel keeps its real-time journey; the most recently shipped few move at demo
      // speed, except those held or lost, which stay stuck for the merchant to see.
      shipments.sort((a, b) => seeded.get(a.trackingNumber)!.times[0]! - seeded.get(b.trackingNumber)!.times[0]!);
      const movable = shipments.filter((s) => { const kind = seeded.get(s.trackingNumber)!.journey.kind; return kind === "smooth" || kind === "failed_attempt"; });
      const recent = new Set(movable.slice(-live).map((s) => s.id));
      for (const s of shipments) {
        const { journey, times: planned } = seeded.get(s.trackingNumber)!;
        const done = Math.min(s._count.events, journey.steps.length);
        const times = planned.map((t, i) => (i < done || !recent.has(s.id) ? t : Math.floor(now / 1000) * 1000 + (i - done + 1) * stepMs));
        parcels.set(s.trackingNumber, { trackingNumber: s.trackingNumber, journey, times, pushed: done });
      }
      const tick = async () => {
        const t = Date.now();
        for (const parcel of parcels.values()) {
          if (parcel.journey.carrier !== "easypost") continue;
          const due = parcel.times.filter((x) => x <= t).length;
          if (due <= parcel.pushed) continue;
          const body = JSON.stringify(easyPostEvent(parcel, t));
          try {
            const res = await fetch(`${appUrl}/webhooks/easypost/${DEMO_SHOP}`, { method: "POST", headers: { "Content-Type": "application/json", "X-Hmac-Signature": easyPostSignature(body, secret) }, body });
            if (res.ok) parcel.pushed = due;
          } catch {
            // The app is restarting: EasyPost would retry, and so does the simulator on its next tick.
          }
        }
      };
      timer = setInterval(() => void tick(), 3000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

const COUNTRY_NAMES = new Intl.DisplayNames(["en"], { type: "region" });

/** A MyDHL API tracking answer (newest checkpoint first, as DHL sends them). */
function dhlTrackingBody(parcel: LiveParcel, now: number) {
  const steps = parcel.journey.steps.map((s, i) => ({ s, at: parcel.times[i]! })).filter((x) => x.at <= now).reverse();
  const last = parcel.journey.steps.at(-1)!;
  return {
    shipments: [{
      shipmentTrackingNumber: parcel.trackingNumber,
      status: steps[0]?.s.code === "OK" ? "delivered" : "transit",
      productCode: "P",
      description: "EXPRESS WORLDWIDE",
      estimatedTimeOfDelivery: new Date(parcel.times.at(-1)!).toISOString().slice(0, 19),
      events: steps.map(({ s, at }) => {
        const iso = new Date(at).toISOString();
        return { date: iso.slice(0, 10), time: iso.slice(11, 19), GMTOffset: "+00:00", typeCode: s.code, description: s.description, serviceArea: [{ code: s.country, description: `${s.city} - ${(COUNTRY_NAMES.of(s.country) ?? s.country).toUpperCase()}` }] };
      }),
      receiverDetails: { postalAddress: { countryCode: last.country } },
    }],
  };
}

/** An EasyPost Event wrapping the Tracker, as EasyPost posts to a webhook. */
function easyPostEvent(parcel: LiveParcel, now: number) {
  const details = parcel.journey.steps.map((s, i) => ({ s, at: parcel.times[i]! })).filter((x) => x.at <= now);
  const last: JourneyStep = details.at(-1)!.s;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    object: "Event",
    id: `evt_${parcel.trackingNumber}_${details.length}`,
    description: "tracker.updated",
    mode: "test",
    created_at: iso(now),
    result: {
      object: "Tracker",
      id: `trk_${parcel.trackingNumber}`,
      tracking_code: parcel.trackingNumber,
      status: last.code,
      est_delivery_date: iso(parcel.times.at(-1)!),
      carrier: parcel.trackingNumber.startsWith("RM") ? "RoyalMail" : parcel.trackingNumber.startsWith("3S") ? "PostNL" : "USPS",
      tracking_details: details.map(({ s, at }) => ({ object: "TrackingDetail", message: s.description, description: "", status: s.code, datetime: iso(at), source: "EasyPost", tracking_location: { object: "TrackingLocation", city: s.city, state: null, country: s.country, zip: null } })),
    },
  };
}
