import chromium from "@sparticuz/chromium";
import { afterAll, beforeAll } from "vitest";
import { chromium as playwright, type Browser, type BrowserContext, type FrameLocator, type Page } from "playwright-core";

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

/**
 * One desktop page in headless Chromium for the tests of a `describe` block: launched before them
 * (and before the block's own `beforeAll`, registered after this call), closed after them.
 */
export function useDesktopPage(receive: (page: Page) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    receive(await (await newDesktopContext(browser)).newPage());
  });
  afterAll(async () => {
    await browser?.close();
  });
}

/** The app as the demo admin frames it. */
export function appFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Borderless app"]');
}

/** Opens an admin path (`/app/...`) in the demo admin and returns the app's frame. */
export async function openAdmin(page: Page, demoUrl: string, path: string): Promise<FrameLocator> {
  await page.goto(`${demoUrl}/demo?path=${encodeURIComponent(path)}`);
  return appFrame(page);
}
