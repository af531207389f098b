/**
 * Stands in for Shopify's App Bridge script when the app runs in the demo admin frame: it hands
 * out session tokens, adds them to the app's own requests the way App Bridge does, tells the
 * frame which pages the app's menu has, and follows the frame's menu clicks.
 */
export function appBridgeShimSource(shop: string): string {
  return `(() => {
  const shop = ${JSON.stringify(shop)};
  // The admin draws the app's menu itself; App Bridge keeps <ui-nav-menu> out of the page.
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu { display: none !important; }";
  document.head.appendChild(style);
  let cached = null;
  async function idToken() {
    if (cached && cached.expires > Date.now() + 5000) return cached.token;
    const res = await originalFetch("/demo/session-token?shop=" + encodeURIComponent(shop));
    const body = await res.json();
    cached = { token: body.token, expires: Date.now() + 50000 };
    return body.token;
  }
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/demo/")) return originalFetch(input, init);
    const headers = new Headers(init && init.headers ? init.headers : input instanceof Request ? input.headers : undefined);
    if (!headers.has("Authorization")) headers.set("Authorization", "Bearer " + (await idToken()));
    return originalFetch(input, { ...(init || {}), headers });
  };
  const toasts = [];
  window.shopify = {
    config: { shop, apiKey: document.currentScript && document.currentScript.dataset.apiKey },
    idToken,
    toast: {
      show(message, options) {
        toasts.push(message);
        window.parent && window.parent.postMessage({ type: "borderless:toast", message, isError: !!(options && options.isError) }, location.origin);
        return String(toasts.length);
      },
      hide() {},
    },
    loading() {},
    environment: { embedded: true, mobile: false, pos: false },
  };
  function reportMenu() {
    const links = Array.from(document.querySelectorAll("ui-nav-menu a")).map((a) => ({ href: a.getAttribute("href"), label: a.textContent }));
    window.parent && window.parent.postMessage({ type: "borderless:menu", links, path: location.pathname }, location.origin);
  }
  window.addEventListener("message", (event) => {
    if (event.origin !== location.origin || !event.data || event.data.type !== "borderless:navigate") return;
    const a = document.createElement("a");
    a.setAttribute("href", event.data.href);
    document.body.appendChild(a);
    a.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    a.remove();
  });
  const observer = new MutationObserver(reportMenu);
  document.addEventListener("DOMContentLoaded", () => { reportMenu(); observer.observe(document.body, { childList: true, subtree: true }); });
  window.addEventListener("popstate", reportMenu);
})();`;
}
