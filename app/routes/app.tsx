import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { env, isDemo } from "../env.server";
import { authenticate } from "../shopify.server";
import { DEMO_APP_BRIDGE_PATH } from "../demo/constants";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return { apiKey: env.SHOPIFY_API_KEY, demo: isDemo };
};

/** The pages of the admin, in the order the Shopify admin's app menu shows them. */
export const NAV_LINKS = [
  { to: "/app", label: "Home", rel: "home" },
  { to: "/app/sync", label: "Order sync" },
  { to: "/app/customs", label: "Customs" },
  { to: "/app/warehouses", label: "Warehouses" },
  { to: "/app/orders", label: "Orders" },
  { to: "/app/carriers", label: "Carriers" },
  { to: "/app/inventory", label: "Inventory" },
  { to: "/app/dashboards", label: "Dashboards" },
  { to: "/app/landed-cost", label: "Landed cost" },
  { to: "/app/shipments", label: "Shipments" },
  { to: "/app/returns", label: "Returns" },
] as const;

export default function App() {
  const { apiKey, demo } = useLoaderData<typeof loader>();
  return (
    // In demo mode App Bridge is replaced by a local shim that plays the Shopify admin's part.
    <AppProvider isEmbeddedApp apiKey={apiKey} {...(demo ? { __APP_BRIDGE_URL: DEMO_APP_BRIDGE_PATH } : {})}>
      <NavMenu>
        {NAV_LINKS.map((link) => (
          <Link key={link.to} to={link.to} {...("rel" in link ? { rel: link.rel } : {})}>
            {link.label}
          </Link>
        ))}
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses so that their headers are included.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
