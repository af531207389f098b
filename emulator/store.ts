import { randomBytes } from "node:crypto";
import { gid } from "./gid";
import type { Address, AnyRecord, RecordOf, ShopRecord } from "./records";

/** A change Shopify would announce with a webhook: the topic and the object it is about. */
export interface StoreChange {
  shop: string;
  topic: string;
  /** GID of the object the webhook payload is built from. */
  subjectId: string;
  /** Extra facts some topics carry (e.g. the FO a move came from). */
  detail?: Record<string, unknown>;
  triggeredAt: string;
}

export interface ShopState {
  domain: string;
  accessToken: string;
  scopes: string[];
  shop: ShopRecord;
  /** Every object of the shop by GID, nested ones (line items...) included, for `node`. */
  nodes: Map<string, AnyRecord>;
  /** Insertion-ordered GIDs per type, for connections. */
  byType: Map<string, string[]>;
  nextId: number;
}

export interface CreateShopOptions {
  domain: string;
  accessToken?: string;
  name?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  email?: string;
  billingAddress?: Address;
  scopes?: string[];
  createdAt?: string;
}

/** Scopes a shop grants by default: what Borderless asks for. */
export const DEFAULT_SCOPES = [
  "read_products", "write_products", "read_inventory", "write_inventory", "read_locations",
  "read_orders", "write_orders", "read_customers", "read_fulfillments", "write_fulfillments",
  "read_assigned_fulfillment_orders", "write_assigned_fulfillment_orders",
  "read_merchant_managed_fulfillment_orders", "write_merchant_managed_fulfillment_orders",
  "read_third_party_fulfillment_orders", "write_third_party_fulfillment_orders",
  "read_shipping", "write_shipping", "read_returns", "write_returns", "read_markets",
];

type Listener = (change: StoreChange) => void;

/** In-memory Shopify: one state per shop domain, no sharing between shops. */
export class Store {
  private readonly shops = new Map<string, ShopState>();
  private readonly listeners = new Set<Listener>();
  /** Bulk operation results (JSONL) by the operation's numeric id, served at /bulk/<id>.jsonl. */
  /** Bulk operation result files (JSONL, written line by line to the OS temp dir) by file id. */
  readonly bulkResults = new Map<string, string>();
  /** The store's clock; seeds and tests may pin it. */
  now: () => Date = () => new Date();

  createShop(options: CreateShopOptions): ShopState {
    const domain = options.domain;
    if (this.shops.has(domain)) throw new Error(`shop ${domain} already exists`);
    const createdAt = options.createdAt ?? this.now().toISOString();
    const shopNumber = this.shops.size + 1;
    const address: Address = options.billingAddress ?? {
      address1: "1 Main Street", city: "New York", province: "New York", provinceCode: "NY",
      zip: "10001", country: "United States", countryCode: "US",
    };
    const state: ShopState = {
      domain,
      accessToken: options.accessToken ?? `shpat_${randomBytes(16).toString("hex")}`,
      scopes: options.scopes ?? DEFAULT_SCOPES,
      shop: {
        __typename: "Shop",
        id: gid("Shop", 60_000_000 + shopNumber),
        name: options.name ?? domain.replace(/\.myshopify\.com$/, ""),
        email: options.email ?? `owner@${domain}`,
        contactEmail: options.email ?? `owner@${domain}`,
        myshopifyDomain: domain,
        currencyCode: options.currencyCode ?? "USD",
        ianaTimezone: options.ianaTimezone ?? "America/New_York",
        weightUnit: "KILOGRAMS",
        billingAddress: { ...address, id: gid("ShopAddress", 60_000_000 + shopNumber) },
        createdAt,
        updatedAt: createdAt,
      },
      nodes: new Map(),
      byType: new Map(),
      // Each shop numbers its objects from its own base so GIDs never collide across shops.
      nextId: 1_000_000 * shopNumber * 1000 + 1001,
    };
    this.shops.set(domain, state);
    return state;
  }

  shop(domain: string): ShopState | undefined {
    return this.shops.get(domain);
  }

  requireShop(domain: string): ShopState {
    const state = this.shops.get(domain);
    if (!state) throw new Error(`unknown shop ${domain}`);
    return state;
  }

  shopDomains(): string[] {
    return [...this.shops.keys()];
  }

  newId(domain: string, type: string): string {
    const state = this.requireShop(domain);
    return gid(type, state.nextId++);
  }

  /** Adds an object; `id` is assigned when missing. */
  insert<T extends AnyRecord>(domain: string, record: Omit<T, "id"> & { id?: string }): T {
    const state = this.requireShop(domain);
    const full = { ...record, id: record.id ?? this.newId(domain, record.__typename) } as T;
    state.nodes.set(full.id, full);
    const ids = state.byType.get(full.__typename) ?? [];
    ids.push(full.id);
    state.byType.set(full.__typename, ids);
    return full;
  }

  get<K extends AnyRecord["__typename"]>(domain: string, id: string | null | undefined, type?: K): RecordOf<K> | undefined {
    if (!id) return undefined;
    const record = this.shops.get(domain)?.nodes.get(id);
    if (!record || (type && record.__typename !== type)) return undefined;
    return record as RecordOf<K>;
  }

  list<K extends AnyRecord["__typename"]>(domain: string, type: K): RecordOf<K>[] {
    const state = this.shops.get(domain);
    if (!state) return [];
    const ids = state.byType.get(type) ?? [];
    return ids.map((id) => state.nodes.get(id) as RecordOf<K>);
  }

  count(domain: string, type: AnyRecord["__typename"]): number {
    return this.shops.get(domain)?.byType.get(type)?.length ?? 0;
  }

  /** Mutates an object in place and returns it (resolvers read the same object later). */
  update<T extends AnyRecord>(record: T, changes: Partial<T>): T {
    return Object.assign(record, changes);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a change; listeners (the webhook dispatcher) decide what to send. */
  emit(shop: string, topic: string, subjectId: string, detail?: Record<string, unknown>): void {
    const change: StoreChange = { shop, topic, subjectId, detail, triggeredAt: this.now().toISOString() };
    for (const listener of this.listeners) listener(change);
  }
}
