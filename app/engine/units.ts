/** Weights are integer grams and sizes integer millimetres everywhere in the engine. */
export type Grams = number;
export type Millimetres = number;

export interface Dimensions {
  readonly lengthMm: Millimetres;
  readonly widthMm: Millimetres;
  readonly heightMm: Millimetres;
}

const GRAMS_PER: Record<string, number> = { g: 1, GRAMS: 1, kg: 1000, KILOGRAMS: 1000, lb: 453.59237, POUNDS: 453.59237, oz: 28.349523125, OUNCES: 28.349523125 };

/** Converts a weight in a Shopify/carrier unit (g, kg, lb, oz or the GraphQL WeightUnit enum) to whole grams. */
export function toGrams(value: number, unit: string): Grams {
  const factor = GRAMS_PER[unit];
  if (factor === undefined) throw new Error(`unknown weight unit "${unit}"`);
  if (!Number.isFinite(value) || value < 0) throw new Error(`weight must be a non-negative number, got ${value}`);
  return Math.round(value * factor);
}

export function volumeCm3(d: Dimensions): number {
  return (d.lengthMm / 10) * (d.widthMm / 10) * (d.heightMm / 10);
}

/**
 * Dimensional (volumetric) weight in grams for a carrier divisor in cm3/kg
 * (5000 for DHL Express and UPS international, 6000 for many postal services).
 */
export function dimensionalWeight(d: Dimensions, divisorCm3PerKg: number): Grams {
  return Math.ceil((volumeCm3(d) / divisorCm3PerKg) * 1000);
}

export function chargeableWeight(actual: Grams, d: Dimensions | undefined, divisorCm3PerKg: number): Grams {
  return d ? Math.max(actual, dimensionalWeight(d, divisorCm3PerKg)) : actual;
}
