import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTwilioSender } from "./sms.server";
import { buildMessageRequest, parseMessageResponse } from "./twilio";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8")) as unknown;
const config = { accountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", authToken: "your_auth_token", from: "+15557122661" };

describe("Twilio Messages API", () => {
  it("builds the documented request: form-encoded To, From, Body with basic auth", () => {
    const req = buildMessageRequest(config, "+15558675310", "Votre colis est en route é");
    expect(req.url).toBe("https://api.twilio.com/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages.json");
    expect(req.headers.Authorization).toBe(`Basic ${Buffer.from("ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:your_auth_token").toString("base64")}`);
    expect(req.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ To: "+15558675310", From: "+15557122661", Body: "Votre colis est en route é" });
    expect(new URLSearchParams(buildMessageRequest({ ...config, from: "MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" }, "+1", "x").body).get("MessagingServiceSid")).toBe("MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
  });

  it("reads a created message, a bad number (not retried) and a rate limit (retried)", () => {
    expect(parseMessageResponse(201, fixture("twilio-message-created.json"))).toEqual({ ok: true, providerId: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", status: "queued" });
    expect(parseMessageResponse(400, fixture("twilio-error-21211.json"))).toEqual({ ok: false, retryable: false, code: "21211", message: "Invalid 'To' Phone Number: +1555867531XX" });
    expect(parseMessageResponse(429, fixture("twilio-error-20429.json"))).toEqual({ ok: false, retryable: true, code: "20429", message: "Too Many Requests" });
    expect(parseMessageResponse(502, null)).toEqual({ ok: false, retryable: true, code: "502", message: "Twilio answered HTTP 502" });
  });

  it("sends through the given fetch and turns a dropped connection into a retryable failure", async () => {
    const calls: { url: string; body: string }[] = [];
    const sender = createTwilioSender(config, async (url, init) => {
      calls.push({ url, body: String(init?.body) });
      return new Response(JSON.stringify(fixture("twilio-message-created.json")), { status: 201, headers: { "Content-Type": "application/json" } });
    });
    expect(await sender.send("+15558675310", "hello")).toMatchObject({ ok: true, providerId: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" });
    expect(calls).toHaveLength(1);
    const broken = createTwilioSender(config, async () => {
      throw new TypeError("fetch failed");
    });
    expect(await broken.send("+15558675310", "hello")).toEqual({ ok: false, retryable: true, code: "transport", message: "fetch failed" });
  });
});
