import { describe, expect, it } from "vitest";
import { adminSchema, adminSchemaLoadMs } from "./schema";
import { validateAdminDocument } from "./validate";

describe("validateAdminDocument against Shopify's 2026-10 Admin schema", () => {
  it("accepts a real query the app sends", () => {
    const errors = validateAdminDocument(`query Orders($after: String) {
      orders(first: 50, after: $after, query: "updated_at:>2026-01-01") {
        nodes { id name shippingAddress { countryCodeV2 } lineItems(first: 50) { nodes { sku quantity variant { inventoryItem { harmonizedSystemCode countryCodeOfOrigin measurement { weight { unit value } } } } } } }
        pageInfo { hasNextPage endCursor }
      }
    }`);
    expect(errors).toEqual([]);
  });

  it("rejects a misspelt field", () => {
    const errors = validateAdminDocument(`{ shop { nmae } }`);
    expect(errors.map((e) => e.message)).toEqual([`Cannot query field "nmae" on type "Shop". Did you mean "name"?`]);
  });

  it("rejects an argument of the wrong type", () => {
    const errors = validateAdminDocument(`{ products(first: "ten") { nodes { id } } }`);
    expect(errors[0]?.message).toContain("Int cannot represent non-integer value");
  });

  it("rejects an argument the field does not take and a missing required one", () => {
    expect(validateAdminDocument(`{ order(id: "gid://shopify/Order/1", expand: true) { id } }`)[0]?.message).toContain('Unknown argument "expand"');
    expect(validateAdminDocument(`mutation { inventoryItemUpdate(input: {}) { userErrors { message } } }`)[0]?.message).toContain('argument "id" of type "ID!" is required');
  });

  it("rejects a syntax error with its location", () => {
    const [error] = validateAdminDocument(`{ shop { name }`);
    expect(error?.message).toMatch(/^Syntax Error/);
    expect(error?.locations?.[0]?.line).toBe(1);
  });

  it("builds the schema once and reports how long it took", () => {
    const schema = adminSchema();
    expect(adminSchema()).toBe(schema);
    expect(schema.getType("FulfillmentOrder")).toBeDefined();
    expect(adminSchemaLoadMs()).toBeGreaterThan(0);
  });
});
