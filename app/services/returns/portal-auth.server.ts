import prisma from "~/db.server";
import { env } from "~/env.server";
import { shopOfDest } from "~/integrations/shopify/extension-auth.server";
import { adminGraphqlOf } from "~/integrations/shopify/returns.server";
import { authenticate, unauthenticated } from "~/shopify.server";
import { ReturnsError, type ReturnsDeps } from "./flow.server";

// Preflights and failures carry CORS headers too, or the browser hides the status from the extension.
export const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Allow-Methods": "GET, POST, OPTIONS" };

export function failure(status: number, error: string, problems?: readonly { lineItemId: string | null; message: string }[]): Response {
  return Response.json({ error, ...(problems?.length ? { problems } : {}) }, { status, headers: CORS });
}

export interface PortalCaller {
  deps: ReturnsDeps;
  customerId: string;
}

/**
 * Authenticates a customer account extension request: the session token names the shop (`dest`)
 * and the signed-in customer (`sub`), and only that customer's orders are reachable. The Admin API
 * is called with the shop's offline session.
 */
export async function portalCaller(request: Request): Promise<PortalCaller | Response> {
  let sessionToken;
  try {
    ({ sessionToken } = await authenticate.public.customerAccount(request));
  } catch (thrown) {
    if (thrown instanceof Response) {
      if (thrown.status === 204) return new Response(null, { status: 204, headers: CORS }); // the OPTIONS preflight
      if (thrown.status === 401 || (thrown.status >= 300 && thrown.status < 400)) return failure(401, "a valid customer account session token is required (Authorization: Bearer <token>)");
      return failure(thrown.status, thrown.statusText || "request refused");
    }
    throw thrown;
  }
  const shop = shopOfDest(sessionToken.dest);
  const customerId = sessionToken.sub;
  if (!customerId || !/^gid:\/\/shopify\/Customer\/\d+$/.test(customerId)) return failure(401, "sign in to your account to request a return");
  let admin;
  try {
    ({ admin } = await unauthenticated.admin(shop));
  } catch {
    return failure(401, `the app is not installed on ${shop}`);
  }
  return {
    customerId,
    deps: { db: prisma, graphql: adminGraphqlOf(admin), shop, today: new Date().toISOString().slice(0, 10), appUrl: env.SHOPIFY_APP_URL },
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ReturnsError) return failure(error.status, error.message, error.problems);
  throw error;
}
