import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type BrowserContext } from "playwright-core";

// Shopify's library answers requests from bots (headless browsers included) with 410 Gone.
export const DESKTOP_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export async function newDesktopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1366, height: 900 } });
}

/** Headless Chromium from the npm package @sparticuz/chromium, driven by playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    headless: true,
  });
}
