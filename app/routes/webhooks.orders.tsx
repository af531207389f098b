import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../jobs/inbox.server";
import { acceptsTopicsOf } from "../integrations/shopify/webhook-topics";

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, acceptsTopicsOf("/webhooks/orders"));
