import { describe, expect, it } from "vitest";
import db from "~/db.server";
import {
  credentialHint, decryptCredentials, DEFAULT_SETTINGS, loadCarrierSettings, loadCredentials, parseStoredSettings, saveCarrierSettings, saveCredentials,
} from "./carrier-settings.server";

const SECRET = "test-api-secret";

describe("carrier settings", () => {
  it("GIVEN a stored row with one field that no longer parses WHEN read THEN that field takes its default and the others are kept", () => {
    const stored = JSON.stringify({ ddpMarkets: ["GB", "FR"], liveBudgetMs: 99_999, disabledCarriers: ["ups"] });
    expect(parseStoredSettings(stored)).toEqual({ ...DEFAULT_SETTINGS, ddpMarkets: ["GB", "FR"], disabledCarriers: ["ups"] });
    expect(parseStoredSettings("{not json")).toEqual(DEFAULT_SETTINGS);
  });

  it("GIVEN two shops WHEN each saves settings THEN each reads back only its own", async () => {
    await saveCarrierSettings(db, "a.myshopify.com", { ...DEFAULT_SETTINGS, ddpMarkets: ["GB"] });
    await saveCarrierSettings(db, "b.myshopify.com", { ...DEFAULT_SETTINGS, ddpMarkets: ["AU"] });
    expect((await loadCarrierSettings(db, "a.myshopify.com")).ddpMarkets).toEqual(["GB"]);
    expect((await loadCarrierSettings(db, "b.myshopify.com")).ddpMarkets).toEqual(["AU"]);
    expect(await loadCarrierSettings(db, "c.myshopify.com")).toEqual(DEFAULT_SETTINGS);
  });
});

describe("carrier credentials", () => {
  const ups = { clientId: "ups-client-7781", clientSecret: "s3cr3t-never-shown", accountNumber: "A1B2C3" };

  it("GIVEN UPS credentials WHEN saved THEN the row holds neither the secret nor the ids in clear, and the hint shows only their ends", async () => {
    const hint = await saveCredentials(db, "a.myshopify.com", "ups", ups, SECRET);
    expect(hint).toBe("Client ID …7781, Shipper number …B2C3, 1 secret stored");
    const row = await db.carrierCredential.findUniqueOrThrow({ where: { shop_carrierId: { shop: "a.myshopify.com", carrierId: "ups" } } });
    expect(row.secret).not.toContain("s3cr3t");
    expect(row.secret).not.toContain("ups-client");
    expect(row.hint).toBe(hint);
    expect((await loadCredentials(db, "a.myshopify.com", SECRET)).get("ups")).toEqual(ups);
  });

  it("GIVEN stored credentials WHEN read with another app secret or another shop THEN nothing comes back", async () => {
    await saveCredentials(db, "a.myshopify.com", "ups", ups, SECRET);
    expect((await loadCredentials(db, "a.myshopify.com", "rotated-secret")).size).toBe(0);
    expect((await loadCredentials(db, "b.myshopify.com", SECRET)).has("ups")).toBe(false);
    const row = await db.carrierCredential.findUniqueOrThrow({ where: { shop_carrierId: { shop: "a.myshopify.com", carrierId: "ups" } } });
    const tampered = row.secret.slice(0, -4) + (row.secret.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(decryptCredentials(tampered, SECRET)).toBeNull();
  });

  it("GIVEN an API-key-only carrier WHEN hinted THEN only that a secret is stored is said", () => {
    expect(credentialHint("easypost", { apiKey: "EZAK_live_123456" })).toBe("1 secret stored");
  });
});
