import type { PrismaClient, Shipment } from "@prisma/client";
import { trackingPageUrl, upsertShipment, type NewShipment } from "../tracking/shipments.server";

export interface AdminGraphql {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

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
  admin: AdminGraphql,
  db: PrismaClient,
  input: NewShipment & { fulfillmentShopifyId: string; company: string },
  { appUrl, now }: { appUrl: string; now: Date },
): Promise<{ shipment: Shipment; url: string; errors: string[] }> {
  const { company, ...shipmentInput } = input;
  const shipment = await upsertShipment(db, shipmentInput, now);
  const url = trackingPageUrl(appUrl, shipment.trackingToken);
  const response = await admin.graphql(FULFILLMENT_TRACKING_UPDATE, {
    variables: { fulfillmentId: input.fulfillmentShopifyId, trackingInfoInput: { company, number: input.trackingNumber, url } },
  });
  const body = (await response.json()) as { data?: { fulfillmentTrackingInfoUpdate?: { userErrors: { message: string }[] } }; errors?: { message: string }[] };
  const errors = [...(body.errors ?? []).map((e) => e.message), ...(body.data?.fulfillmentTrackingInfoUpdate?.userErrors ?? []).map((e) => e.message)];
  return { shipment, url, errors };
}
