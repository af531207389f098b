/**
 * What the endpoints called by our UI extensions share: Shopify's check of the extension's session
 * token, with its refusals answered as JSON the extension can read (CORS headers on every answer,
 * or the browser hides the status), and the shop the token names.
 */

export type CorsHeaders = Readonly<Record<string, string>>;

/** Adds the CORS headers the response does not carry yet. */
export function withCors(response: Response, cors: CorsHeaders): Response {
  for (const [k, v] of Object.entries(cors)) if (!response.headers.has(k)) response.headers.set(k, v);
  return response;
}

/**
 * The authenticated context, or the answer to give instead: the OPTIONS preflight (204) with CORS
 * headers, a missing or bad token as 401 naming what is required, any other refusal with its status.
 */
export async function extensionSession<T>(check: (request: Request) => Promise<T>, request: Request, cors: CorsHeaders, token: string): Promise<T | Response> {
  try {
    return await check(request);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status === 204) return withCors(thrown, cors);
    const refused = thrown.status === 401 || (thrown.status >= 300 && thrown.status < 400);
    const error = refused ? `a valid ${token} session token is required (Authorization: Bearer <token>)` : thrown.statusText || "request refused";
    return Response.json({ error }, { status: refused ? 401 : thrown.status, headers: cors });
  }
}

/** The shop a session token's `dest` names: a URL in checkout tokens, a bare domain in customer account ones. */
export function shopOfDest(dest: string): string {
  return dest.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}
