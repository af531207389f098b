import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { env, isDemo } from "../env.server";
import { DEMO_SHOP } from "../demo/constants";
import { mintSessionToken } from "../demo/session-token.server";

export const meta: MetaFunction = () => [{ title: "Borderless · demo admin" }];

/**
 * The demo's stand-in for the Shopify admin: a top bar, the app's menu and the app in a frame,
 * opened with a session token the way the admin opens an embedded app.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (!isDemo) throw new Response("Not found", { status: 404 });
  const path = new URL(request.url).searchParams.get("path") ?? "/app";
  const idToken = await mintSessionToken({ shop: DEMO_SHOP, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
  const host = Buffer.from(`${DEMO_SHOP}/admin`).toString("base64url");
  const target = path.startsWith("/app") ? path : "/app";
  const params = new URLSearchParams({ embedded: "1", shop: DEMO_SHOP, host, id_token: idToken });
  return { src: `${target}?${params}`, shop: DEMO_SHOP };
};

const bar: React.CSSProperties = { background: "#1a1a1a", color: "#e3e3e3", height: 56, display: "flex", alignItems: "center", padding: "0 16px", gap: 12, fontSize: 14 };

export default function DemoAdmin() {
  const { src, shop } = useLoaderData<typeof loader>();
  const frame = useRef<HTMLIFrameElement>(null);
  const [menu, setMenu] = useState<{ href: string; label: string }[]>([]);
  const [current, setCurrent] = useState("/app");
  const [toast, setToast] = useState<string | null>(null);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin) return;
      if (event.data?.type === "borderless:menu") {
        setMenu(event.data.links);
        setCurrent(event.data.path);
      }
      if (event.data?.type === "borderless:toast") {
        setToast(event.data.message);
        setTimeout(() => setToast(null), 4000);
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);

  const go = (href: string) => frame.current?.contentWindow?.postMessage({ type: "borderless:navigate", href }, window.location.origin);

  return (
    <div style={{ fontFamily: "system-ui, -apple-system, sans-serif", height: "100vh", display: "flex", flexDirection: "column", background: "#f1f1f1" }}>
      <header style={bar}>
        <strong>Shopify admin</strong>
        <span style={{ background: "#ffb800", color: "#1a1a1a", borderRadius: 6, padding: "2px 8px", fontWeight: 600 }}>Local emulator · demo data</span>
        <a href="/demo/checkout-preview" style={{ color: "#e3e3e3" }}>Checkout preview</a>
        <a href="/demo/returns-portal" style={{ color: "#e3e3e3" }}>Returns portal preview</a>
        <span style={{ marginLeft: "auto", opacity: 0.8 }}>{shop}</span>
      </header>
      <div style={{ display: "flex", flex: 1, minHeight: 0 }}>
        <nav aria-label="App menu" style={{ width: 220, padding: 12, borderRight: "1px solid #ddd", background: "#ebebeb" }}>
          <div style={{ fontWeight: 600, margin: "8px 8px 12px" }}>Borderless</div>
          {menu.map((item) => (
            <a
              key={item.href}
              href={`/demo?path=${encodeURIComponent(item.href)}`}
              onClick={(e) => {
                e.preventDefault();
                go(item.href);
              }}
              aria-current={current === item.href ? "page" : undefined}
              style={{ display: "block", padding: "6px 8px", borderRadius: 8, color: "#303030", textDecoration: "none", background: current === item.href ? "#fff" : "transparent", fontWeight: current === item.href ? 600 : 400 }}
            >
              {item.label}
            </a>
          ))}
        </nav>
        <iframe ref={frame} title="Borderless app" src={src} style={{ flex: 1, border: 0, background: "#f1f1f1" }} />
      </div>
      {toast && (
        <div role="status" style={{ position: "fixed", bottom: 24, left: "50%", transform: "translateX(-50%)", background: "#1a1a1a", color: "#fff", padding: "10px 16px", borderRadius: 8 }}>
          {toast}
        </div>
      )}
    </div>
  );
}
