import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { TrackingView } from "~/components/TrackingView";
import db from "~/db.server";
import { loadTrackingPage, TrackingPageError } from "~/integrations/tracking/page.server";
import { authenticate } from "~/shopify.server";

/**
 * The tracking page inside the shop's theme: https://<shop>/apps/track/<token> reaches here through
 * the app proxy (shopify.app.toml [app_proxy]), signed by Shopify. The answer is Liquid, so the
 * theme's layout wraps it.
 */
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  let liquid: Awaited<ReturnType<typeof authenticate.public.appProxy>>["liquid"];
  try {
    ({ liquid } = await authenticate.public.appProxy(request));
  } catch (thrown) {
    // The library answers a bad signature with a bare 400; a forged or tampered request is an authentication failure.
    if (thrown instanceof Response && thrown.status === 400) throw new Response("The app proxy signature is missing or does not match this request.", { status: 401 });
    throw thrown;
  }
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop") ?? "";
  try {
    const model = await loadTrackingPage(db, params.token ?? "", { shop, lang: url.searchParams.get("lang") ?? url.searchParams.get("locale") });
    return liquid(renderToStaticMarkup(<TrackingView model={model} />));
  } catch (error) {
    if (error instanceof TrackingPageError) return liquid(`<div class="bl-track"><h1>404</h1><p>${error.message}</p></div>`, { status: 404 });
    throw error;
  }
};
