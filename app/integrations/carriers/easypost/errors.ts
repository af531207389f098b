import type { CarrierMessage } from "~/engine/carriers";
import { CARRIER_ID } from "./codes";

/**
 * EasyPost errors: { error: { code, message, errors } } where `errors` is a list of
 * { field, message } objects or, in the alternative format, of plain strings (both fixtures).
 */
export function parseError(status: number, body: unknown): CarrierMessage[] {
  const e = ((body ?? {}) as { error?: { code?: string; message?: string; errors?: (string | { field?: string; message?: string })[] } }).error;
  const code = e?.code ?? String(status);
  const out: CarrierMessage[] = [{ carrierId: CARRIER_ID, code, message: e?.message ?? `HTTP ${status}`, level: "error" }];
  for (const d of e?.errors ?? []) out.push({ carrierId: CARRIER_ID, code, message: typeof d === "string" ? d : `${d.field ?? ""}: ${d.message ?? ""}`, level: "error" });
  return out;
}
