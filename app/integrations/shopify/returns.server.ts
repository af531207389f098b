/**
 * The Admin API side of returns: reading an order for the portal, requesting and approving the
 * return, attaching the label as a reverse delivery, and processing what arrived.
 * Every call goes through `AdminGraphql`, so routes pass `admin.graphql` and jobs, scripts and
 * tests pass a client holding the shop's offline token.
 */

// The shared Admin GraphQL client, under the names the returns flow and its callers know.
export { adminGraphqlOf, adminGraphqlWithToken, mutate, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";

export const RETURN_ORDER_QUERY = `#graphql
  query ReturnOrder($id: ID!) {
    shop {
      currencyCode
    }
    order(id: $id) {
      id
      name
      cancelledAt
      customer {
        id
      }
      shippingAddress {
        name
        address1
        address2
        city
        zip
        provinceCode
        countryCodeV2
        phone
      }
      lineItems(first: 100) {
        nodes {
          id
          title
          sku
          quantity
          originalUnitPriceSet {
            shopMoney {
              amount
              currencyCode
            }
          }
          product {
            productType
            tags
          }
          variant {
            id
            inventoryItem {
              id
              harmonizedSystemCode
              countryCodeOfOrigin
              inventoryLevels(first: 20) {
                nodes {
                  location {
                    id
                  }
                  quantities(names: ["available"]) {
                    name
                    quantity
                  }
                }
              }
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
      fulfillments(first: 20) {
        id
        status
        createdAt
        deliveredAt
        location {
          address {
            countryCode
          }
        }
        fulfillmentLineItems(first: 100) {
          nodes {
            id
            quantity
            lineItem {
              id
            }
          }
        }
      }
      returns(first: 50) {
        nodes {
          id
          status
          returnLineItems(first: 100) {
            nodes {
              ... on ReturnLineItem {
                id
                quantity
                fulfillmentLineItem {
                  id
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
`;

export const RETURN_REQUEST_MUTATION = `#graphql
  mutation ReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return {
        id
        name
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const RETURN_APPROVE_MUTATION = `#graphql
  mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const RETURN_DECLINE_MUTATION = `#graphql
  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const RETURN_DETAILS_QUERY = `#graphql
  query ReturnDetails($id: ID!) {
    return(id: $id) {
      id
      name
      status
      order {
        id
        transactions(first: 10) {
          id
          kind
          status
        }
      }
      returnLineItems(first: 100) {
        nodes {
          ... on ReturnLineItem {
            id
            quantity
            returnReason
            processedQuantity
            fulfillmentLineItem {
              id
              lineItem {
                id
              }
            }
          }
        }
      }
      reverseFulfillmentOrders(first: 10) {
        nodes {
          id
          status
          lineItems(first: 100) {
            nodes {
              id
              totalQuantity
              fulfillmentLineItem {
                id
              }
              dispositions {
                type
                quantity
                location {
                  id
                }
              }
            }
          }
          reverseDeliveries(first: 10) {
            nodes {
              id
              deliverable {
                ... on ReverseDeliveryShippingDeliverable {
                  tracking {
                    number
                    url
                  }
                  label {
                    publicFileUrl
                  }
                }
              }
            }
          }
        }
      }
      refunds(first: 10) {
        nodes {
          id
          totalRefundedSet {
            shopMoney {
              amount
              currencyCode
            }
          }
        }
      }
    }
  }
`;

export const REVERSE_DELIVERY_CREATE_MUTATION = `#graphql
  mutation ReverseDeliveryCreateWithShipping(
    $reverseFulfillmentOrderId: ID!
    $reverseDeliveryLineItems: [ReverseDeliveryLineItemInput!]!
    $trackingInput: ReverseDeliveryTrackingInput
    $labelInput: ReverseDeliveryLabelInput
  ) {
    reverseDeliveryCreateWithShipping(
      reverseFulfillmentOrderId: $reverseFulfillmentOrderId
      reverseDeliveryLineItems: $reverseDeliveryLineItems
      trackingInput: $trackingInput
      labelInput: $labelInput
      notifyCustomer: false
    ) {
      reverseDelivery {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const RETURN_PROCESS_MUTATION = `#graphql
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

