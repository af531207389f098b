import type { LoaderFunctionArgs } from "@remix-run/node";
import { portalOrder } from "../services/returns/flow.server";
import { CORS, errorResponse, failure, portalCaller } from "../services/returns/portal-auth.server";

/** The returns portal's view of one of the signed-in customer's orders: `GET ?orderId=gid://shopify/Order/1`. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const caller = await portalCaller(request);
  if (caller instanceof Response) return caller;
  const orderId = new URL(request.url).searchParams.get("orderId");
  if (!orderId) return failure(400, "orderId is required (gid://shopify/Order/<number>)");
  try {
    return Response.json(await portalOrder(caller.deps, caller.customerId, orderId), { headers: { "Cache-Control": "no-store", ...CORS } });
  } catch (error) {
    return errorResponse(error);
  }
};
