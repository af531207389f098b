/** Why a quote or a table was refused. `field` names the input path a person can fix. */
export type CustomsErrorCode =
  | "invalid_input"
  | "unknown_country"
  | "unsupported_currency"
  | "missing_hs_code"
  | "unknown_hs_code"
  | "no_duty_rate"
  | "ambiguous_duty_rate"
  | "unsupported_duty"
  | "missing_quantity"
  | "invalid_data";

export class CustomsError extends Error {
  constructor(
    readonly code: CustomsErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "CustomsError";
  }
}
