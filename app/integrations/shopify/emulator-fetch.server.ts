/**
 * The one seam between the app and the local Shopify emulator. The Shopify libraries send every
 * Admin API and OAuth request through one fetch function; in demo mode and tests that function
 * sends `https://<shop>.myshopify.com/<path>` to `<emulator>/<shop>.myshopify.com/<path>` instead.
 * Business code is unaware of it and makes the same `admin.graphql` calls as in production.
 */
type Fetch = typeof globalThis.fetch;

const SHOP_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export function emulatorUrlFor(input: string, emulatorUrl: string): string {
  const url = new URL(input);
  if (!SHOP_HOST.test(url.hostname)) return input;
  return `${emulatorUrl.replace(/\/$/, "")}/${url.hostname}${url.pathname}${url.search}`;
}

export function emulatorFetch(emulatorUrl: string, base: Fetch = globalThis.fetch): Fetch {
  return (input, init) => {
    if (input instanceof Request) {
      return base(new Request(emulatorUrlFor(input.url, emulatorUrl), input), init);
    }
    return base(emulatorUrlFor(String(input), emulatorUrl), init);
  };
}
