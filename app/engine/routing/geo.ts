/**
 * Approximate population centres of the countries the app ships to (degrees), enough to tell
 * which warehouse is "nearest" the way Shopify's default order routing does.
 */
export const COUNTRY_CENTRES: Readonly<Record<string, readonly [number, number]>> = {
  US: [39.8, -89.6], CA: [45.4, -75.7], MX: [19.4, -99.1], GB: [52.5, -1.5], IE: [53.3, -6.3],
  DE: [50.9, 10.0], FR: [47.0, 2.4], NL: [52.2, 5.3], BE: [50.8, 4.4], LU: [49.6, 6.1],
  IT: [42.8, 12.5], ES: [40.4, -3.7], PT: [39.4, -8.2], AT: [47.8, 14.5], CH: [46.9, 8.2],
  DK: [55.9, 10.5], SE: [59.3, 16.0], NO: [60.0, 10.0], FI: [61.0, 25.0], PL: [52.1, 19.4],
  CZ: [49.8, 15.5], GR: [38.5, 23.0], HU: [47.3, 19.2], RO: [45.0, 25.0], AU: [-33.0, 148.0],
  NZ: [-38.5, 175.5], JP: [35.7, 139.7], KR: [37.5, 127.0], SG: [1.35, 103.8], HK: [22.3, 114.2],
  CN: [31.2, 121.5], IN: [22.0, 78.0], AE: [25.2, 55.3], IL: [32.1, 34.8], BR: [-23.5, -46.6],
  ZA: [-26.2, 28.0], SA: [24.7, 46.7], CL: [-33.4, -70.6], CO: [4.7, -74.1],
};

/** Great-circle distance in km. */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function pointOf(p: { readonly country: string; readonly latitude?: number; readonly longitude?: number }): readonly [number, number] | null {
  if (p.latitude !== undefined && p.longitude !== undefined) return [p.latitude, p.longitude];
  return COUNTRY_CENTRES[p.country] ?? null;
}
