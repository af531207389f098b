import { StringDecoder } from "node:string_decoder";
import { adminGraphqlWithToken, userErrorMessages, type UserError } from "./admin-graphql.server";

/** The orders the engine needs, with line items (and their HS code, origin, weight), shipping lines and fulfillment orders. */
export const BACKFILL_ORDERS_QUERY = `#graphql
  query BackfillOrders {
    orders {
      edges {
        node {
          id
          name
          email
          phone
          customer {
            id
          }
          currencyCode
          presentmentCurrencyCode
          subtotalPriceSet { shopMoney { amount currencyCode } }
          totalShippingPriceSet { shopMoney { amount currencyCode } }
          totalTaxSet { shopMoney { amount currencyCode } }
          totalDiscountsSet { shopMoney { amount currencyCode } }
          totalPriceSet { shopMoney { amount currencyCode } }
          totalWeight
          displayFinancialStatus
          displayFulfillmentStatus
          tags
          cancelledAt
          closedAt
          processedAt
          createdAt
          updatedAt
          shippingAddress {
            firstName
            lastName
            name
            company
            address1
            address2
            city
            provinceCode
            zip
            countryCodeV2
            phone
          }
          shippingLines {
            edges {
              node {
                id
                title
                code
                source
                carrierIdentifier
                originalPriceSet { shopMoney { amount currencyCode } }
              }
            }
          }
          lineItems {
            edges {
              node {
                id
                sku
                title
                variantTitle
                quantity
                requiresShipping
                originalUnitPriceSet { shopMoney { amount currencyCode } }
                variant {
                  id
                  product {
                    id
                  }
                  inventoryItem {
                    id
                    harmonizedSystemCode
                    countryCodeOfOrigin
                    measurement {
                      weight {
                        unit
                        value
                      }
                    }
                  }
                }
              }
            }
          }
          fulfillmentOrders {
            edges {
              node {
                id
                status
                requestStatus
                updatedAt
                assignedLocation {
                  name
                  countryCode
                  location {
                    id
                  }
                }
                lineItems {
                  edges {
                    node {
                      id
                      totalQuantity
                      remainingQuantity
                      lineItem {
                        id
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const RUN_BULK_QUERY = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_OPERATION_STATUS = `#graphql
  query BulkOperationStatus($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      url
      partialDataUrl
    }
  }
`;

export interface BulkOperationState {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string | null;
  rootObjectCount: string | null;
  url: string | null;
}

/** The Admin API as the backfill uses it, outside any Remix request (offline token). */
export interface BulkAdmin {
  start(query: string): Promise<{ id: string } | { error: string; inProgress: boolean }>;
  status(id: string): Promise<BulkOperationState | null>;
  /** The result file, line by line, streamed (never held whole in memory). */
  lines(url: string): AsyncIterable<string>;
}

export function bulkAdmin({ shop, accessToken, apiVersion, fetch: doFetch = globalThis.fetch }: { shop: string; accessToken: string; apiVersion: string; fetch?: typeof fetch }): BulkAdmin {
  const graphql = adminGraphqlWithToken(`https://${shop}/admin/api/${apiVersion}/graphql.json`, accessToken, doFetch);
  return {
    async start(query) {
      const data = await graphql<{ bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: UserError[] } }>(RUN_BULK_QUERY, { query });
      const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
      if (bulkOperation) return { id: bulkOperation.id };
      return { error: userErrorMessages(userErrors) || "Shopify did not start the bulk operation", inProgress: userErrors.some((e) => e.code === "OPERATION_IN_PROGRESS") };
    },
    async status(id) {
      const data = await graphql<{ bulkOperation: BulkOperationState | null }>(BULK_OPERATION_STATUS, { id });
      return data.bulkOperation;
    },
    async *lines(url) {
      const response = await doFetch(url);
      if (!response.ok || !response.body) throw new Error(`downloading the bulk result failed: HTTP ${response.status}`);
      // Read a chunk only when the lines before it are consumed (readline's iterator would read
      // ahead and queue the whole file when the writer is the slower side).
      const decoder = new StringDecoder("utf8");
      let rest = "";
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = rest + decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        const lines = text.split("\n");
        rest = lines.pop()!;
        for (const line of lines) {
          const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
          if (trimmed) yield trimmed;
        }
      }
      const last = (rest + decoder.end()).replace(/\r$/, "");
      if (last) yield last;
    },
  };
}
