import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { OrderLandedCostError, orderLandedCost } from "../services/order-landed-cost.server";
import { extensionSession, shopOfDest } from "../integrations/shopify/extension-auth.server";
import { authenticate } from "../shopify.server";

/**
 * The order status block's endpoint (customer accounts): the duties paid or due and the delivery
 * window saved for one order. Called with the extension's session token; the shop is the token's
 * `dest` and the customer its `sub`, never parameters of the request.
 */

// Preflights and failures carry CORS headers too, or the browser hides the status from the extension.
const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Allow-Methods": "GET, OPTIONS" };

function failure(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: CORS });
}

const authenticated = (request: Request) => extensionSession(authenticate.public.customerAccount, request, CORS, "customer account");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const auth = await authenticated(request);
  if (auth instanceof Response) return auth;
  const { sessionToken, cors } = auth;
  const shop = shopOfDest(sessionToken.dest);
  const order = new URL(request.url).searchParams.get("order");
  if (!order) return failure(400, "order: the order's GID is required (?order=gid://shopify/Order/1001)");
  try {
    const figures = await orderLandedCost(db, shop, order, sessionToken.sub);
    return cors(Response.json(figures, { headers: { "Cache-Control": "private, no-store", ...CORS } }));
  } catch (e) {
    if (e instanceof OrderLandedCostError) return failure(e.status, e.message);
    throw e;
  }
};

// Remix sends every method but GET to the action: the OPTIONS preflight lands here.
export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticated(request);
  if (auth instanceof Response) return auth;
  return failure(405, "GET /api/order-landed-cost?order=<Order GID>");
};
