/** The only file that talks to ShipBob over HTTP. */
export const SHIPBOB_API = "https://api.shipbob.com";
export const SHIPBOB_SANDBOX_API = "https://sandbox-api.shipbob.com";

export interface ShipBobClientOptions {
  readonly token: string;
  readonly channelId: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

export interface ShipBobResponse { status: number; ok: boolean; body: string }

export function createShipBobClient(options: ShipBobClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = (options.baseUrl ?? SHIPBOB_API).replace(/\/$/, "");
  return async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<ShipBobResponse> {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${options.token}`,
        // Orders belong to a channel; ShipBob takes it as this header.
        shipbob_channel_id: options.channelId,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: response.status, ok: response.ok, body: await response.text() };
  };
}
