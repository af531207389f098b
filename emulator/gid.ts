/** Shopify global IDs: gid://shopify/<Type>/<number>. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: string): { type: string; id: string } | undefined {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)/.exec(value);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}

/** The numeric tail of a GID, as REST payloads and `legacyResourceId` carry it. */
export function legacyId(value: string): number {
  const parsed = parseGid(value);
  return parsed ? Number(parsed.id) : Number.NaN;
}
