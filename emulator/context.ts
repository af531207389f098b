import type { Store } from "./store";

/** What every resolver sees: the store, the shop the token belongs to, and how to build URLs. */
export interface AdminContext {
  store: Store;
  shop: string;
  /** Base URL of the running emulator (bulk result files are served from it). */
  baseUrl: string;
  /** Inside a bulk operation, connections need no `first` and return everything. */
  bulk: boolean;
}
