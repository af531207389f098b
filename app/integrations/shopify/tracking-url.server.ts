import type { PrismaClient, Shipment } from "@prisma/client";
import { trackingPageUrl, upsertShipment, type NewShipment } from "../tracking/shipments.server";
import { AdminGraphqlError, adminQuery, type AdminApiClient, type UserError } from "./admin-graphql.server";

export const FULFILLMENT_TRACKING_UPDATE = `#graphql
  mutation BorderlessTrackingUrl($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!) {
    fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: false) {
      fulfillment {
        id
        trackingInfo {
          company
          number
          url
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/**
 * After a fulfillment is created with a tracking number: follow the parcel (a Shipment with its
 * token) and point the fulfillment's tracking URL on Shopify at the branded tracking page, so the
 * link in Shopify's own shipping confirmation and order status page leads there too. Shopify's
 * own emails are not re-sent (notifyCustomer: false): the app's notifications cover the stages.
 */
export async function followFulfillment(
  admin: AdminApiClient,
  db: PrismaClient,
  input: NewShipment & { fulfillmentShopifyId: string; company: string },
  { appUrl, now }: { appUrl: string; now: Date },
): Promise<{ shipment: Shipment; url: string; errors: string[] }> {
  const { company, ...shipmentInput } = input;
  const shipment = await upsertShipment(db, shipmentInput, now);
  const url = trackingPageUrl(appUrl, shipment.trackingToken);
  // The parcel is followed whatever Shopify says: its refusal comes back as messages, not a failure.
  let errors: string[];
  try {
    const data = await adminQuery<{ fulfillmentTrackingInfoUpdate: { userErrors: UserError[] } | null }>(admin, FULFILLMENT_TRACKING_UPDATE, {
      fulfillmentId: input.fulfillmentShopifyId, trackingInfoInput: { company, number: input.trackingNumber, url },
    });
    errors = (data.fulfillmentTrackingInfoUpdate?.userErrors ?? []).map((e) => e.message);
  } catch (error) {
    if (!(error instanceof AdminGraphqlError)) throw error;
    errors = [...error.messages];
  }
  return { shipment, url, errors };
}
