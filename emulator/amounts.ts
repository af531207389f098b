/** Decimal strings as Shopify's Money/Decimal scalars carry them ("19.99"), summed in cents. */
export function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function moneyV2(amount: string, currencyCode: string) {
  return { amount, currencyCode };
}

/** A MoneyBag where presentment equals shop currency (the emulator's orders are shop-currency). */
export function moneyBag(amount: string, currencyCode: string) {
  return { shopMoney: moneyV2(amount, currencyCode), presentmentMoney: moneyV2(amount, currencyCode) };
}
