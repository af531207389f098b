import { describe, expect, it } from "vitest";
import { AdminGraphqlError, adminGraphqlOf, adminQuery, mutate, operationName, ShopifyUserError, type AdminApiClient } from "./admin-graphql.server";

const SHOP_QUERY = `#graphql
  query BorderlessShopName { shop { name } }
`;
const TAGS_ADD = `#graphql
  mutation BorderlessTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
  }
`;

/** An admin client that answers every document with one Response, and records what it was sent. */
function answering(status: number, body: unknown): AdminApiClient & { sent: { query: string; variables?: Record<string, unknown> }[] } {
  const sent: { query: string; variables?: Record<string, unknown> }[] = [];
  return {
    sent,
    graphql: async (query, options) => {
      sent.push({ query, ...(options?.variables ? { variables: options.variables } : {}) });
      return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    },
  };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("adminQuery", () => {
  it("GIVEN Shopify answers data WHEN a document runs THEN its data comes back and the variables were sent", async () => {
    const admin = answering(200, { data: { shop: { name: "Borderless Demo" } }, extensions: { cost: { requestedQueryCost: 1 } } });
    expect(await adminQuery(admin, SHOP_QUERY, { a: 1 })).toEqual({ shop: { name: "Borderless Demo" } });
    expect(admin.sent).toEqual([{ query: SHOP_QUERY, variables: { a: 1 } }]);
  });

  it("GIVEN Shopify throttles the call (its documented errors list) WHEN the document runs THEN the error names the operation and Shopify's message", async () => {
    const admin = answering(200, { errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }], extensions: { cost: { requestedQueryCost: 1002, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 12, restoreRate: 100 } } } });
    const error = await failure(adminQuery(admin, SHOP_QUERY));
    expect(error).toBeInstanceOf(AdminGraphqlError);
    expect(error.message).toBe("Shopify Admin API, BorderlessShopName: Throttled");
    expect((error as AdminGraphqlError).messages).toEqual(["Throttled"]);
  });

  it("GIVEN an invalid access token (401 with errors as a string) WHEN the document runs THEN the status and Shopify's sentence are in the error", async () => {
    const error = await failure(adminQuery(answering(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }), SHOP_QUERY));
    expect(error.message).toBe("Shopify Admin API, BorderlessShopName (HTTP 401): [API] Invalid API key or access token (unrecognized login or wrong password)");
  });

  it("GIVEN partial data beside errors WHEN the document runs THEN it still fails: half an answer is not an answer", async () => {
    const error = await failure(adminQuery(answering(200, { data: { shop: null }, errors: [{ message: "Access denied for shop field.", path: ["shop"] }] }), SHOP_QUERY));
    expect(error.message).toBe("Shopify Admin API, BorderlessShopName: Access denied for shop field.");
  });

  it("GIVEN partial data beside errors WHEN the reader accepts partial answers THEN the data comes back with the denied field null", async () => {
    const admin = answering(200, { data: { shop: { name: "Borderless Demo" }, ordersCount: null }, errors: [{ message: "Access denied for ordersCount field.", path: ["ordersCount"] }] });
    expect(await adminQuery(admin, SHOP_QUERY, undefined, { partial: true })).toEqual({ shop: { name: "Borderless Demo" }, ordersCount: null });
    expect((await failure(adminQuery(answering(200, { errors: [{ message: "Throttled" }] }), SHOP_QUERY, undefined, { partial: true }))).message).toBe("Shopify Admin API, BorderlessShopName: Throttled");
  });

  it.each([
    ["no data and no errors", 200, {}, "Shopify Admin API, BorderlessShopName: answered without data"],
    ["a body that is not JSON", 502, "<html>Bad gateway</html>", "Shopify Admin API, BorderlessShopName (HTTP 502): the answer is not JSON"],
  ] as const)("GIVEN %s WHEN the document runs THEN a clear error", async (_label, status, body, message) => {
    expect((await failure(adminQuery(answering(status, body), SHOP_QUERY))).message).toBe(message);
  });
});

describe("mutate", () => {
  it("GIVEN Shopify refuses with userErrors WHEN the mutation runs THEN ShopifyUserError carries the mutation's name and every message", async () => {
    const graphql = adminGraphqlOf(answering(200, { data: { tagsAdd: { node: null, userErrors: [{ field: ["id"], message: "Order does not exist" }, { field: ["tags"], message: "Tags is invalid" }] } } }));
    const error = await failure(mutate(graphql, "tagsAdd", TAGS_ADD, { id: "gid://shopify/Order/1", tags: ["x"] }));
    expect(error).toBeInstanceOf(ShopifyUserError);
    expect(error.message).toBe("tagsAdd: Order does not exist; Tags is invalid");
    expect((error as ShopifyUserError).userErrors.map((e) => e.field)).toEqual([["id"], ["tags"]]);
  });

  it("GIVEN Shopify accepts WHEN the mutation runs THEN its payload comes back", async () => {
    const graphql = adminGraphqlOf(answering(200, { data: { tagsAdd: { node: { id: "gid://shopify/Order/1" }, userErrors: [] } } }));
    expect(await mutate(graphql, "tagsAdd", TAGS_ADD, { id: "gid://shopify/Order/1", tags: ["x"] })).toEqual({ node: { id: "gid://shopify/Order/1" }, userErrors: [] });
  });
});

describe("operationName", () => {
  it.each([
    [SHOP_QUERY, "BorderlessShopName"],
    [TAGS_ADD, "BorderlessTagsAdd"],
    ["{ shop { name } }", "shop"],
  ])("names %s as %s", (document, name) => {
    expect(operationName(document)).toBe(name);
  });
});
