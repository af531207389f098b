import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShopifyJson } from "../app/integrations/shopify/json";
import { exampleBody } from "./support/webhooks";

/** The reference: JSON.parse with a reviver that keeps the source text of integers beyond 2^53. */
function withReviver(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === "number" && !Number.isSafeInteger(value) && Number.isInteger(value) && context?.source && /^-?\d+$/.test(context.source)) return context.source;
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

const outcome = (parse: (text: string) => unknown, text: string) => {
  try {
    return { value: parse(text) };
  } catch {
    return { error: true };
  }
};

/** JSON text with integer literals of any size, decimals, exponents and strings full of digits, quotes and escapes. */
const jsonText = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
    fc.constantFrom("true", "false", "null", "1e21", "-0", "12345678901234567.5", "9007199254740993e0"),
    fc.string({ unit: fc.constantFrom("1", "9", "\"", "\\", ":", ",", "]", "}", " ", "a", "é") }).map((s) => JSON.stringify(s)),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc.array(fc.tuple(fc.string({ maxLength: 20 }), tie("value"), fc.constantFrom("", " ", "\n")), { maxLength: 4 }).map((fields) => `{${fields.map(([k, v, ws]) => `${JSON.stringify(k)}:${ws}${v}${ws}`).join(",")}}`),
  ),
})).value;

describe("Shopify JSON without losing 64-bit ids", () => {
  it("GIVEN Shopify's example orders/create payload WHEN parsed THEN ids beyond 2^53 are exact strings and the rest reads as JSON.parse reads it", () => {
    const body = exampleBody("orders/create");
    const parsed = parseShopifyJson(body) as { id: unknown; line_items: { id: unknown; quantity: unknown }[] };
    expect(parsed).toEqual(withReviver(body));
    expect(typeof parsed.id).toBe("string");
    expect(body).toContain(String(parsed.id));
    expect(typeof parsed.line_items[0]!.quantity).toBe("number");
  });

  it("GIVEN any JSON text WHEN parsed THEN the result is the reviver's, and text it refuses is refused too", () => {
    fc.assert(fc.property(jsonText, (text) => {
      expect(outcome(parseShopifyJson, text)).toEqual(outcome(withReviver, text));
    }), { numRuns: 2000 });
  });

  it.each([
    ["a long integer as a key", "{12345678901234567890: 1}"],
    ["leading zeros", "[0012345678901234567890]"],
    ["a long integer glued to a word", "[12345678901234567890x]"],
    ["an unterminated string after a long integer", "[12345678901234567890, \"abc]"],
  ])("GIVEN malformed JSON (%s) WHEN parsed THEN it is refused as JSON.parse refuses it", (_, text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(() => parseShopifyJson(text)).toThrow();
  });
});
