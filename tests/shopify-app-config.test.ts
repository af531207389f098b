import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ACCESS_SCOPES } from "../app/integrations/shopify/scopes";

const run = promisify(execFile);
const toml = readFileSync("shopify.app.toml", "utf8");

describe("shopify.app.toml", () => {
  it("asks for exactly the scopes the app declares", () => {
    const scopes = toml.match(/^scopes = "([^"]+)"/m)?.[1]?.split(",");
    expect(scopes?.sort()).toEqual([...ACCESS_SCOPES].sort());
  });

  it("covers orders, products, inventory, locations, all three fulfillment order kinds, shipping, returns and markets", () => {
    for (const scope of [
      "write_orders",
      "write_products",
      "write_inventory",
      "read_locations",
      "write_fulfillments",
      "write_assigned_fulfillment_orders",
      "write_merchant_managed_fulfillment_orders",
      "write_third_party_fulfillment_orders",
      "write_shipping",
      "write_returns",
      "read_markets",
    ]) {
      expect(ACCESS_SCOPES).toContain(scope);
    }
  });

  it("subscribes to the compliance topics", () => {
    expect(toml).toMatch(/compliance_topics = \["customers\/data_request", "customers\/redact", "shop\/redact"\]/);
  });

  it("builds with the Shopify CLI", async () => {
    const { stdout, stderr } = await run("npx", ["shopify", "app", "build"], { env: { ...process.env, SHOPIFY_CLI_NO_ANALYTICS: "1" }, timeout: 180_000 });
    expect(stdout + stderr).toMatch(/built!/);
    // The checkout extension, well under Shopify's 64 KB compressed limit (our target: 20 KB).
    const size = (stdout + stderr).replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").match(/checkout-landed-cost successfully built[^\n]*\n?\s*\([\d.]+ KB original, ~([\d.]+) KB compressed\)/);
    expect(size, "the CLI reports the checkout extension's compressed size").not.toBeNull();
    expect(Number(size![1])).toBeLessThanOrEqual(20);
  }, 200_000);
});
