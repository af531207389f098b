import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { money } from "~/engine/money";
import { CarrierAuthError, type LiveRate, type RateRequest } from "~/engine/carriers";
import * as dhl from "./dhl-express/rate";
import { parseShipmentResponse as dhlShipment } from "./dhl-express/shipment";
import { parseTrackingResponse as dhlTracking } from "./dhl-express/tracking";
import { createDhlExpressAdapter } from "./dhl-express/client.server";
import * as ups from "./ups/rate";
import { parseShipmentResponse as upsShipment } from "./ups/shipment";
import { parseTrackingResponse as upsTracking } from "./ups/tracking";
import { createUpsAdapter } from "./ups/client.server";
import * as ep from "./easypost/rate";
import { parseBuyResponse } from "./easypost/shipment";
import { parseTracker } from "./easypost/tracking";
import { createEasyPostAdapter } from "./easypost/client.server";
import { rateWithFallback } from "./rate-with-fallback";

const fixture = (carrier: string, name: string): unknown => JSON.parse(readFileSync(`app/integrations/carriers/${carrier}/__fixtures__/${name}`, "utf8"));

const request: RateRequest = {
  shipper: { company: "Borderless Demo GmbH", lines: ["Friedrichstr. 10"], city: "Berlin", postcode: "10117", country: "DE" },
  recipient: { name: "Ada Shopper", lines: ["1 Main St"], city: "New York", province: "NY", postcode: "10001", country: "US", residential: true },
  packages: [{ weight: 2345, dimensions: { lengthMm: 305, widthMm: 200, heightMm: 101 } }],
  declaredValue: money(12_550, "EUR"),
  shipDate: "2026-06-02",
  incoterm: "DDP",
};

describe("DHL Express (MyDHL API)", () => {
  it("builds the /rates body in DHL's units: kg, whole cm, declared value, shipper account", () => {
    const body = dhl.buildRatesRequest(request, { accountNumber: "123456789" }) as Record<string, any>;
    expect(body.accounts).toEqual([{ typeCode: "shipper", number: "123456789" }]);
    expect(body.packages).toEqual([{ weight: 2.345, dimensions: { length: 31, width: 20, height: 11 } }]);
    expect(body.monetaryAmount).toEqual([{ typeCode: "declaredValue", value: 125.5, currency: "EUR" }]);
    expect(body.isCustomsDeclarable).toBe(true);
    expect(body.plannedShippingDateAndTime).toBe("2026-06-02T10:00:00 GMT+00:00");
    // Same keys as DHL's documented request example.
    const documented = fixture("dhl-express", "rates-request.json") as Record<string, unknown>;
    for (const key of Object.keys(body)) expect(documented).toHaveProperty(key);
  });

  it("parses the documented rates response on the billing-currency price", () => {
    const r = dhl.parseRatesResponse(200, fixture("dhl-express", "rates-response.json"));
    expect(r.data).toHaveLength(1);
    expect(r.data[0]).toMatchObject({ serviceCode: "P", serviceName: "DHL Express Worldwide", level: "express", total: money(8925, "EUR"), transitDays: 4, estimatedDelivery: "2024-11-07", negotiated: false });
    expect(r.data[0]!.charges.map((c) => c.amount.amount)).toEqual([6550, 1000, 1375]);
  });

  it("returns documented 400 and 500 problem documents as messages, DHL's own code split out", () => {
    expect(dhl.parseRatesResponse(400, fixture("dhl-express", "rates-error-400.json"))).toEqual({ data: [], messages: [{ carrierId: "dhl-express", code: "400", message: "The account number is not found or invalid. Please check the account number and retry.", level: "error" }] });
    expect(dhl.parseRatesResponse(500, fixture("dhl-express", "rates-error-500.json")).messages[0]).toMatchObject({ code: "999", message: "Process failure occurred. Process ID associated for that transaction (1234567890)" });
    expect(dhl.parseRatesResponse(422, fixture("dhl-express", "error-422-validation.json")).messages).toHaveLength(3);
  });

  it("parses a label and tracking checkpoints (oldest first)", () => {
    const label = dhlShipment(201, fixture("dhl-express", "shipment-response.json"));
    expect(label.data).toMatchObject({ trackingNumber: "1234567890", packageTrackingNumbers: ["JD014600001234567890"], format: "PDF", charge: money(14_750, "USD") });
    const t = dhlTracking(200, fixture("dhl-express", "tracking-response.json")).data!;
    expect(t.events.map((e) => e.status)).toEqual(["picked_up", "in_transit", "delivered"]);
    expect(t).toMatchObject({ status: "delivered", deliveredAt: "2024-11-07T18:00:00" });
  });

  it("sends basic auth to the configured base URL through the injected fetch", async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const adapter = createDhlExpressAdapter({
      username: "user", password: "pass", accountNumber: "123456789", baseUrl: "https://express.api.dhl.com/mydhlapi/test",
      fetch: async (url, init) => { seen.push({ url, auth: new Headers(init?.headers).get("Authorization") }); return new Response(readFileSync("app/integrations/carriers/dhl-express/__fixtures__/rates-response.json"), { status: 200 }); },
    });
    const r = await adapter.rate(request);
    expect(r.data[0]!.total).toEqual(money(8925, "EUR"));
    expect(seen).toEqual([{ url: "https://express.api.dhl.com/mydhlapi/test/rates", auth: `Basic ${Buffer.from("user:pass").toString("base64")}` }]);
  });
});

describe("UPS (OAuth, Rating, Shipping, Tracking)", () => {
  it("builds a Shop request with KGS to one decimal, CM and the shipper account for negotiated rates", () => {
    const body = ups.buildRateRequest(request, { accountNumber: "A1B2C3" }) as any;
    const pkg = body.RateRequest.Shipment.Package[0];
    expect(pkg.PackageWeight).toEqual({ UnitOfMeasurement: { Code: "KGS" }, Weight: "2.4" });
    expect(pkg.Dimensions).toEqual({ UnitOfMeasurement: { Code: "CM" }, Length: "31", Width: "20", Height: "11" });
    expect(body.RateRequest.Shipment.ShipTo.Address.ResidentialAddressIndicator).toBe("Y");
    expect(body.RateRequest.Shipment.Service).toBeUndefined();
    expect(body.RateRequest.Shipment.ShipmentRatingOptions).toEqual({ NegotiatedRatesIndicator: "Y" });
  });

  it("parses a captured Shop response on negotiated totals", () => {
    const r = ups.parseRateResponse(200, fixture("ups", "rate-shop-response.json"));
    expect(r.data.map((x) => [x.serviceCode, x.total.amount, x.negotiated])).toEqual([["14", 32_103, true], ["01", 28_245, true], ["13", 25_158, true], ["02", 23_857, true], ["11", 11_993, true]]);
    expect(r.data[0]!.transitDays).toBe(1);
    expect(r.messages[0]).toMatchObject({ code: "110971", level: "info" });
  });

  it("accepts UPS's single-object variants where the schema says array", () => {
    const r = ups.parseRateResponse(200, fixture("ups", "rate-shop-response-single-objects.json"));
    expect(r.data).toHaveLength(8);
    const saver = r.data.find((x) => x.serviceCode === "65")!;
    expect(saver).toMatchObject({ serviceName: "UPS Worldwide Saver", total: money(1742, "CAD") });
    expect(saver.charges.length).toBeGreaterThan(0);
  });

  it("returns UPS error envelopes as messages", () => {
    expect(ups.parseRateResponse(400, fixture("ups", "rate-error-response.json"))).toEqual({ data: [], messages: [{ carrierId: "ups", code: "250003", message: "Invalid Access License number", level: "error" }] });
  });

  it("parses a label and a not-found tracking answer that arrives as HTTP 200", () => {
    expect(upsShipment(200, fixture("ups", "shipment-response.json")).data).toMatchObject({ trackingNumber: "1ZXXXXXXXXXXXXXXXX", charge: money(13_515, "CAD") });
    expect(upsTracking(200, fixture("ups", "tracking-not-found.json"))).toEqual({ data: null, messages: [{ carrierId: "ups", code: "TW0001", message: "Tracking Information Not Found", level: "warning" }] });
    const t = upsTracking(200, fixture("ups", "tracking-response.json")).data!;
    expect(t.events[0]).toMatchObject({ at: "2021-02-10T07:13:56", status: "customs_cleared", location: "Wayne, US" });
  });

  it("fetches an OAuth token once and reuses it until it expires", async () => {
    let clock = 1_000_000;
    const calls: string[] = [];
    const adapter = createUpsAdapter({
      clientId: "id", clientSecret: "secret", accountNumber: "A1B2C3", baseUrl: "https://wwwcie.ups.com", now: () => clock,
      fetch: async (url) => {
        calls.push(url.replace("https://wwwcie.ups.com", ""));
        if (url.endsWith("/oauth/token")) return new Response(JSON.stringify({ token_type: "Bearer", access_token: `tok${calls.length}`, expires_in: "14399", status: "approved" }));
        return new Response(readFileSync("app/integrations/carriers/ups/__fixtures__/rate-shop-response.json"));
      },
    });
    await adapter.rate(request);
    await adapter.rate(request);
    clock += 14_400_000;
    await adapter.rate(request);
    expect(calls).toEqual(["/security/v1/oauth/token", "/api/rating/v2409/Shoptimeintransit", "/api/rating/v2409/Shoptimeintransit", "/security/v1/oauth/token", "/api/rating/v2409/Shoptimeintransit"]);
  });

  it("throws on refused credentials instead of returning them as data", async () => {
    const adapter = createUpsAdapter({ clientId: "id", clientSecret: "bad", accountNumber: "A1B2C3", baseUrl: "https://wwwcie.ups.com", fetch: async () => new Response(readFileSync("app/integrations/carriers/ups/__fixtures__/error-401-auth.json"), { status: 401 }) });
    await expect(adapter.rate(request)).rejects.toBeInstanceOf(CarrierAuthError);
  });
});

describe("EasyPost", () => {
  it("builds a shipment in ounces and inches with customs info across a border", () => {
    const body = ep.buildShipmentCreate(request) as any;
    expect(body.shipment.parcel).toEqual({ weight: 82.7, length: 12, width: 7.9, height: 4 });
    expect(body.shipment.customs_info.customs_items[0]).toMatchObject({ value: "125.50", currency: "EUR", origin_country: "DE" });
    const documented = fixture("easypost", "shipment-create-request.json") as any;
    for (const key of ["from_address", "to_address", "parcel", "options", "customs_info"]) expect(documented.shipment).toHaveProperty(key);
  });

  it("parses the recorded rates of a created shipment", () => {
    const r = ep.parseRates(201, fixture("easypost", "shipment-create-response.json"));
    expect(r.data.map((x) => [x.serviceCode, x.total.amount, x.level, x.transitDays])).toEqual([["USPS:Express", 3310, "express", 2], ["USPS:Priority", 690, "standard", 2], ["USPS:GroundAdvantage", 593, "economy", 3]]);
  });

  it("returns both documented error formats as messages", () => {
    expect(ep.parseRates(422, fixture("easypost", "error-422-parameter-required.json")).messages.map((m) => m.message)).toEqual(["Missing required parameter.", "shipment: cannot be blank"]);
    expect(parseBuyResponse(404, fixture("easypost", "error-404-alternative-format.json")).messages.map((m) => m.message)).toEqual(["The requested resource could not be found.", "No eligible insurance found with provided tracking code."]);
  });

  it("parses a bought label and a tracker", () => {
    expect(parseBuyResponse(200, fixture("easypost", "shipment-buy-response.json")).data).toMatchObject({ trackingNumber: "9400100110368068953228", format: "PNG", charge: money(593, "USD") });
    expect(parseTracker(200, fixture("easypost", "tracker-response.json")).data).toMatchObject({ trackingNumber: "EZ1000000001", status: "label_created" });
  });
});

describe("live rates with a rate-card fallback", () => {
  const cardRates: LiveRate[] = [{ carrierId: "dhl-express", serviceCode: "P", serviceName: "DHL Express Worldwide", level: "express", total: money(5889, "EUR"), charges: [], negotiated: true }];

  it("a carrier that does not answer within the budget is dropped for rate-card prices", async () => {
    const slowFetch = (_url: string, init?: RequestInit) => new Promise<Response>((resolve, reject) => {
      const t = setTimeout(() => resolve(new Response(readFileSync("app/integrations/carriers/dhl-express/__fixtures__/rates-response.json"))), 2_000);
      init?.signal?.addEventListener("abort", () => { clearTimeout(t); reject(init.signal!.reason); });
    });
    const adapter = createDhlExpressAdapter({ username: "u", password: "p", accountNumber: "1", baseUrl: "https://express.api.dhl.com/mydhlapi", fetch: slowFetch });
    const started = performance.now();
    const r = await rateWithFallback(adapter, request, 50, () => cardRates);
    expect(performance.now() - started).toBeLessThan(500);
    expect(r).toMatchObject({ source: "rate-card", rates: cardRates });
    expect(r.messages[0]).toMatchObject({ code: "timeout", level: "warning" });
  });

  it("a fast carrier's live prices win", async () => {
    const adapter = createEasyPostAdapter({ apiKey: "k", fetch: async () => new Response(readFileSync("app/integrations/carriers/easypost/__fixtures__/shipment-create-response.json"), { status: 201 }) });
    const r = await rateWithFallback(adapter, request, 1_000, () => cardRates);
    expect(r.source).toBe("live");
    expect(r.rates).toHaveLength(3);
  });

  it("a carrier error with no rates falls back too, keeping the carrier's message", async () => {
    const adapter = createDhlExpressAdapter({ username: "u", password: "p", accountNumber: "1", baseUrl: "https://x", fetch: async () => new Response(readFileSync("app/integrations/carriers/dhl-express/__fixtures__/rates-error-400.json"), { status: 400 }) });
    const r = await rateWithFallback(adapter, request, 1_000, () => cardRates);
    expect(r.source).toBe("rate-card");
    expect(r.messages[0]!.message).toContain("account number is not found");
  });
});
