import type { ActionFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { env } from "~/env.server";
import { receiveThirdPartyMessage } from "~/integrations/3pl/inbound.server";
import { adminGraphqlOf } from "~/integrations/shopify/returns.server";
import type { Gql } from "~/integrations/shopify/fulfillment.server";
import { unauthenticated } from "~/shopify.server";

/**
 * Messages from a 3PL on the generic connector (shipped, stock snapshot, return received), one
 * URL per connection, signed with that connection's secret.
 */
export const action = ({ request, params }: ActionFunctionArgs) =>
  receiveThirdPartyMessage(request, params.connection ?? "", {
    db, appSecret: env.SHOPIFY_API_SECRET, now: () => new Date(),
    graphqlFor: async (shop) => adminGraphqlOf((await unauthenticated.admin(shop)).admin) as Gql,
  });

export const loader = () => new Response("Use POST", { status: 405 });
