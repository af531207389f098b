import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ITEM_CONDITIONS, RETURN_REASONS } from "../engine/returns";
import { previewReturn, requestReturn } from "../services/returns/flow.server";
import { CORS, errorResponse, failure, portalCaller } from "../services/returns/portal-auth.server";

const body = z.object({
  orderId: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/, "must be an Order GID"),
  lines: z.array(z.object({
    lineItemId: z.string().regex(/^gid:\/\/shopify\/LineItem\/\d+$/, "must be a LineItem GID"),
    quantity: z.number().int("must be a whole number").min(1, "must be at least 1").max(1000),
    reason: z.enum(RETURN_REASONS),
    condition: z.enum(ITEM_CONDITIONS),
    note: z.string().max(300).optional(),
  })).min(1, "choose at least one item").max(100),
  /** true: route and price only, create nothing (what the buyer sees before confirming). */
  preview: z.boolean().optional(),
  resolution: z.enum(["refund", "store_credit"], { message: "must be refund or store_credit (exchanges are arranged by the shop)" }).optional(),
  idempotencyKey: z.string().regex(/^[\w:./-]{8,200}$/, "must be 8-200 letters, digits or - _ : . /").optional(),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const caller = await portalCaller(request);
  if (caller instanceof Response) return caller;
  return failure(405, "POST the return request as JSON");
};

/** The returns portal's request: preview (destinations, label, refund) or submit. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const caller = await portalCaller(request);
  if (caller instanceof Response) return caller;
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return failure(400, "the body must be JSON");
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failure(400, `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const { orderId, lines, preview, idempotencyKey, resolution } = parsed.data;
  try {
    if (preview) return Response.json(await previewReturn(caller.deps, caller.customerId, orderId, lines), { headers: CORS });
    if (!idempotencyKey) return failure(400, "idempotencyKey is required to submit a return");
    const created = await requestReturn(caller.deps, { customerId: caller.customerId, orderId, lines, idempotencyKey, source: "portal", resolution });
    return Response.json(created, { status: 201, headers: CORS });
  } catch (error) {
    return errorResponse(error);
  }
};
