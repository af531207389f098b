/**
 * Parses a Shopify JSON body without losing ids: REST payloads carry 64-bit integer ids
 * (820982911946154508) that a plain JSON.parse rounds to the nearest double. Integers beyond
 * 2^53 are kept as their exact decimal strings instead.
 */
export function parseShopifyJson(text: string): unknown {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === "number" && !Number.isSafeInteger(value) && Number.isInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
      return context.source;
    }
    return value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}
