/**
 * Parses a shipped monthly demand CSV (`month,value` with a header) into values in date order.
 * Kept in the engine so tests and the bench read the public dataset the same way; the caller
 * reads the file.
 */
export function parseMonthlySeries(csv: string): { months: string[]; values: number[] } {
  const months: string[] = [];
  const values: number[] = [];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (!line.trim()) continue;
    const [month, raw] = line.split(",");
    const value = Number(raw);
    if (!/^\d{4}-\d{2}/.test(month ?? "") || !Number.isFinite(value)) throw new Error(`bad demand row: ${line}`);
    months.push(month!.slice(0, 7));
    values.push(value);
  }
  return { months, values };
}
