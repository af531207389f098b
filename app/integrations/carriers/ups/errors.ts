import type { CarrierMessage } from "~/engine/carriers";
import { CARRIER_ID } from "./codes";

/** UPS wraps errors as { response: { errors: [{ code, message }] } } on every API. */
export function parseErrors(status: number, body: unknown): CarrierMessage[] {
  const errors = ((body ?? {}) as { response?: { errors?: { code?: string; message?: string }[] } }).response?.errors ?? [];
  if (errors.length === 0) return [{ carrierId: CARRIER_ID, code: String(status), message: `HTTP ${status}`, level: "error" }];
  return errors.map((e) => ({ carrierId: CARRIER_ID, code: e.code ?? String(status), message: e.message ?? "", level: "error" }));
}
