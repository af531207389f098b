import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { CheckoutQuoteError } from "../services/checkout-quote.server";
import { checkoutQuoter } from "../services/checkout-quoter.server";
import { extensionSession, shopOfDest } from "../integrations/shopify/extension-auth.server";
import { authenticate } from "../shopify.server";

/**
 * The checkout extension's quote endpoint: duties, import taxes, fees and the delivery window of
 * each shipping service for the buyer's cart. Called from the checkout's own origin with the
 * extension's session token; the shop is the token's `dest`, never a field of the body.
 */
const body = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as EUR"),
  destination: z.object({
    countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 country code such as GB"),
    provinceCode: z.string().max(10).nullish(),
    zip: z.string().max(20).nullish(),
  }),
  lines: z.array(z.object({
    variantId: z.string().regex(/^gid:\/\/shopify\/ProductVariant\/\d+$/, "must be a ProductVariant GID"),
    quantity: z.number().int().positive().max(10_000),
    total: z.number().nonnegative().finite(),
  })).min(1, "at least one line is required").max(250),
  option: z.object({
    code: z.string().max(200).nullish(),
    title: z.string().max(200).nullish(),
    cost: z.number().nonnegative().finite().nullish(),
  }).nullish(),
});

// Preflights and failures carry CORS headers too, or the browser hides the status from the extension.
const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Authorization, Content-Type", "Access-Control-Allow-Methods": "POST, OPTIONS" };

function failure(status: number, error: string, field?: string | null): Response {
  return Response.json({ error, ...(field ? { field } : {}) }, { status, headers: CORS });
}

const authenticated = (request: Request) => extensionSession(authenticate.public.checkout, request, CORS, "checkout");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const auth = await authenticated(request);
  if (auth instanceof Response) return auth;
  return failure(405, "POST the cart as JSON");
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const auth = await authenticated(request);
  if (auth instanceof Response) return auth;
  const { sessionToken, cors } = auth;
  const shop = shopOfDest(sessionToken.dest);

  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return failure(400, "the body must be JSON");
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The same notation as the service's own errors: lines[0].variantId.
    const field = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "body";
    return failure(400, `${field}: ${issue.message}`, field);
  }
  try {
    const quote = await checkoutQuoter.quote(shop, parsed.data);
    return cors(Response.json(quote, { headers: { "Cache-Control": "no-store", ...CORS } }));
  } catch (e) {
    if (e instanceof CheckoutQuoteError) return failure(e.status, e.field && !e.message.startsWith(e.field) ? `${e.field}: ${e.message}` : e.message, e.field);
    throw e;
  }
};
