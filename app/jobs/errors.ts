/** A delivery that can never be applied (its payload does not parse): dead-lettered at once, not retried. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentError";
  }
}

/** The worker's lease on a row ran out and another worker took it; this one must not write. */
export class LeaseLost extends Error {
  constructor(what: string) {
    super(`lease on ${what} was lost to another worker`);
    this.name = "LeaseLost";
  }
}
