import type { PrismaClient, ThirdPartyConnection } from "@prisma/client";
import type { ThirdPartyWarehouse } from "~/engine/fulfillment/third-party";
import { decryptCredentials, encryptCredentials } from "~/services/carrier-settings.server";
import { createGenericConnector } from "./generic/connector.server";
import { createShipBobConnector } from "./shipbob/adapter.server";

export const CONNECTORS = ["generic", "shipbob"] as const;
export type ConnectorKind = (typeof CONNECTORS)[number];

export class ConnectionError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "ConnectionError";
  }
}

export interface ConnectionInput {
  warehouseCode: string;
  connector: string;
  endpointUrl?: string | null;
  /** generic: { secret }; shipbob: { token, channelId } */
  credentials: Record<string, string>;
}

/** Connects a 3PL warehouse; credentials are sealed with the app secret and the shop. */
export async function saveConnection(db: PrismaClient, shop: string, appSecret: string, input: ConnectionInput): Promise<ThirdPartyConnection> {
  const warehouse = await db.warehouse.findUnique({ where: { shop_code: { shop, code: input.warehouseCode } } });
  if (!warehouse) throw new ConnectionError(404, `No warehouse ${input.warehouseCode} in this shop`);
  if (!(CONNECTORS as readonly string[]).includes(input.connector)) throw new ConnectionError(400, `connector must be one of ${CONNECTORS.join(", ")}`);
  if (input.connector === "generic" && (input.credentials.secret ?? "").length < 16) throw new ConnectionError(400, "The shared secret must be at least 16 characters");
  if (input.connector === "shipbob" && (!input.credentials.token || !input.credentials.channelId)) throw new ConnectionError(400, "ShipBob needs an API token and a channel id");
  if (input.endpointUrl && !/^https?:\/\//.test(input.endpointUrl)) throw new ConnectionError(400, "The endpoint must be an http(s) URL");
  const data = { connector: input.connector, endpointUrl: input.endpointUrl || null, credentials: encryptCredentials(input.credentials, sealKey(appSecret, shop)) };
  return db.thirdPartyConnection.upsert({ where: { shop_warehouseCode: { shop, warehouseCode: input.warehouseCode } }, create: { shop, warehouseCode: input.warehouseCode, ...data }, update: data });
}

const sealKey = (appSecret: string, shop: string) => `${appSecret}:${shop}:3pl`;

export function connectionSecrets(connection: ThirdPartyConnection, appSecret: string): Record<string, string> {
  const values = decryptCredentials(connection.credentials, sealKey(appSecret, connection.shop));
  if (!values) throw new ConnectionError(500, `The credentials of ${connection.warehouseCode}'s 3PL cannot be read with this app secret; enter them again`);
  return values;
}

export interface ConnectorDeps {
  readonly appSecret: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

export function connectorFor(connection: ThirdPartyConnection, deps: ConnectorDeps): ThirdPartyWarehouse {
  const secrets = connectionSecrets(connection, deps.appSecret);
  if (connection.connector === "shipbob") {
    return createShipBobConnector({ token: secrets.token!, channelId: secrets.channelId!, ...(connection.endpointUrl ? { baseUrl: connection.endpointUrl } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  }
  return createGenericConnector({ endpointUrl: connection.endpointUrl, secret: secrets.secret!, ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.now ? { now: deps.now } : {}) });
}
