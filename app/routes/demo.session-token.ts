import type { LoaderFunctionArgs } from "@remix-run/node";
import { env, isDemo } from "../env.server";
import { DEMO_SHOP } from "../demo/constants";
import { mintSessionToken } from "../demo/session-token.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  if (!isDemo) throw new Response("Not found", { status: 404 });
  const shop = new URL(request.url).searchParams.get("shop") ?? DEMO_SHOP;
  if (shop !== DEMO_SHOP) return Response.json({ error: `the demo serves only ${DEMO_SHOP}` }, { status: 400 });
  const token = await mintSessionToken({ shop, apiKey: env.SHOPIFY_API_KEY, apiSecret: env.SHOPIFY_API_SECRET });
  return Response.json({ token }, { headers: { "Cache-Control": "no-store" } });
};
