/**
 * The one way the app sends an Admin GraphQL document and reads the answer: `data`, or an error
 * naming the operation and Shopify's own messages. Routes hand over the `admin` of
 * `authenticate.admin` / `unauthenticated.admin` (its `graphql` answers a Response); jobs, scripts
 * and tests talking to a shop (or the emulator) directly use a client holding an access token.
 */

/** The Admin API client of `authenticate.admin` / `unauthenticated.admin`. */
export interface AdminApiClient {
  graphql(query: string, options?: { variables?: Record<string, unknown> }): Promise<Response>;
}

/** Sends one Admin GraphQL document and resolves to its `data`; rejects with AdminGraphqlError otherwise. */
export type AdminGraphql = <T = any>(document: string, variables?: Record<string, unknown>) => Promise<T>;

/** One entry of a mutation payload's `userErrors`. */
export interface UserError {
  readonly field?: readonly string[] | null;
  readonly message: string;
  readonly code?: string | null;
}

/** Shopify answered a document with errors, without data, or not at all in JSON. */
export class AdminGraphqlError extends Error {
  constructor(readonly operation: string, readonly messages: readonly string[], readonly status: number | null = null) {
    super(`Shopify Admin API, ${operation}${status !== null && (status < 200 || status >= 300) ? ` (HTTP ${status})` : ""}: ${messages.join("; ")}`);
    this.name = "AdminGraphqlError";
  }
}

/** Shopify refused a mutation: its `userErrors`, with the mutation's name. */
export class ShopifyUserError extends Error {
  constructor(readonly mutation: string, readonly userErrors: readonly UserError[]) {
    super(`${mutation}: ${userErrorMessages(userErrors)}`);
    this.name = "ShopifyUserError";
  }
}

/** Shopify's messages of a `userErrors` list, as one line. */
export function userErrorMessages(errors: readonly UserError[]): string {
  return errors.map((e) => e.message).join("; ");
}

/** The operation's name (`query BorderlessShop` is BorderlessShop), else its first field, for messages. */
export function operationName(document: string): string {
  const named = /\b(query|mutation|subscription)\s+(\w+)/.exec(document);
  if (named) return named[2]!;
  return /\{\s*(\w+)/.exec(document)?.[1] ?? "anonymous operation";
}

/** Shopify's top-level `errors` as messages: a list of `{ message }`, a string, or an object of them. */
function messagesOf(errors: unknown): string[] {
  if (Array.isArray(errors)) return errors.map((e) => (typeof e === "string" ? e : typeof (e as { message?: unknown })?.message === "string" ? (e as { message: string }).message : JSON.stringify(e)));
  if (typeof errors === "string") return [errors];
  if (errors && typeof errors === "object") return Object.entries(errors).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  return [];
}

export interface ReadOptions {
  /**
   * Accept data that came with errors (fields Shopify denied come back null). Only for documents
   * whose reader handles every nullable field; by default any error fails the whole answer.
   */
  readonly partial?: boolean;
}

/** The `data` of a GraphQL JSON body; throws AdminGraphqlError on `errors` or no data. */
export function dataOfBody<T>(document: string, body: unknown, status: number | null = null, options: ReadOptions = {}): T {
  const b = body as { data?: T | null; errors?: unknown } | null;
  const messages = messagesOf(b?.errors);
  if ((messages.length && !(options.partial && b?.data)) || !b?.data || (status !== null && (status < 200 || status >= 300))) {
    throw new AdminGraphqlError(operationName(document), messages.length ? messages : ["answered without data"], status);
  }
  return b.data;
}

/** Reads the Response of one document: its `data`, or AdminGraphqlError with the HTTP status. */
export async function dataOfResponse<T>(document: string, response: Response, options: ReadOptions = {}): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new AdminGraphqlError(operationName(document), ["the answer is not JSON"], response.status);
  }
  return dataOfBody<T>(document, body, response.status, options);
}

/** Runs one document on the Remix admin client. */
export async function adminQuery<T = any>(admin: AdminApiClient, document: string, variables?: Record<string, unknown>, options: ReadOptions = {}): Promise<T> {
  return dataOfResponse<T>(document, await admin.graphql(document, variables ? { variables } : undefined), options);
}

/** The Remix admin client as an AdminGraphql function, for code that takes one. */
export function adminGraphqlOf(admin: AdminApiClient): AdminGraphql {
  return (document, variables) => adminQuery(admin, document, variables);
}

/** The same over plain fetch with an access token: scripts and tests talking to a shop (or the emulator) directly. */
export function adminGraphqlWithToken(endpoint: string, accessToken: string, fetchImpl: typeof fetch = globalThis.fetch): AdminGraphql {
  const isQuery = (document: string) => /^\s*(#graphql\s*)?(query\b|\{)/.test(document);
  return async (document, variables) => {
    const send = () => fetchImpl(endpoint, { method: "POST", headers: { "content-type": "application/json", "x-shopify-access-token": accessToken }, body: JSON.stringify({ query: document, variables }) });
    // A kept-alive connection the server has just closed fails at once; a read is safe to send again.
    const response = await send().catch((error: unknown) => (isQuery(document) ? send() : Promise.reject(error)));
    return dataOfResponse(document, response);
  };
}

/**
 * Runs a mutation and returns its payload (`data[name]`); throws ShopifyUserError when Shopify
 * refuses it with `userErrors`.
 */
export async function mutate<T>(graphql: AdminGraphql, name: string, document: string, variables: Record<string, unknown>): Promise<T> {
  const data = await graphql<Record<string, ({ userErrors?: readonly UserError[] } & T) | null>>(document, variables);
  const payload = data[name];
  if (!payload) throw new AdminGraphqlError(operationName(document), [`answered without ${name}`]);
  if (payload.userErrors?.length) throw new ShopifyUserError(name, payload.userErrors);
  return payload;
}
