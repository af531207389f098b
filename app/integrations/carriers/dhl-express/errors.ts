import type { CarrierMessage } from "~/engine/carriers";
import { CARRIER_ID } from "./codes";

/**
 * MyDHL errors are RFC 7807 problem documents. `detail` often starts with DHL's own numeric code
 * ("999: Process failure..."), `status` is a string in DHL's own examples, and some 500s carry
 * `code` instead of `status`; schema (422) errors list each field in `additionalDetails`.
 */
export function parseError(httpStatus: number, body: unknown): CarrierMessage[] {
  const b = (body ?? {}) as { detail?: string; title?: string; status?: string | number; code?: string; additionalDetails?: string[] };
  const detail = b.detail ?? b.title ?? `HTTP ${httpStatus}`;
  const own = /^(\d+):\s*(.*)$/s.exec(detail);
  const code = own ? own[1]! : String(b.status ?? b.code ?? httpStatus);
  const messages: CarrierMessage[] = [{ carrierId: CARRIER_ID, code, message: own ? own[2]! : detail, level: "error" }];
  for (const d of b.additionalDetails ?? []) messages.push({ carrierId: CARRIER_ID, code: "validation", message: d, level: "error" });
  return messages;
}
