import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEBHOOK_ROUTES } from "../app/integrations/shopify/webhook-topics";

describe("webhook topics", () => {
  it("are the subscriptions of shopify.app.toml, path for path", () => {
    const toml = readFileSync("shopify.app.toml", "utf8");
    const fromToml: Record<string, string[]> = {};
    for (const block of toml.split("[[webhooks.subscriptions]]").slice(1)) {
      const uri = block.match(/uri = "([^"]+)"/)?.[1];
      const list = block.match(/(?:compliance_)?topics = \[([\s\S]*?)\]/)?.[1];
      if (uri && list) fromToml[uri] = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    }
    expect(fromToml).toEqual(WEBHOOK_ROUTES);
  });
});
