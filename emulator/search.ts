/**
 * Shopify's search syntax, the part apps use: `field:value`, `field:>value`, `field:<=value`,
 * quoted values, `-field:value` / `NOT` to negate, `AND` between terms, `*` suffix wildcard,
 * free words matched against a default text. Unknown fields are ignored, as Shopify ignores
 * them (it only warns).
 */
export interface SearchTerm {
  field: string | null;
  operator: ":" | ">" | ">=" | "<" | "<=";
  value: string;
  negate: boolean;
}

export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const tokens = query.match(/-?[A-Za-z_.]+:(?:[<>]=?)?(?:"[^"]*"|'[^']*'|\S+)|"[^"]*"|\S+/g) ?? [];
  let negateNext = false;
  for (const raw of tokens) {
    if (raw === "AND") continue;
    if (raw === "OR") continue; // treated as AND: enough for the filters apps send
    if (raw === "NOT") {
      negateNext = true;
      continue;
    }
    let token = raw;
    let negate = negateNext;
    negateNext = false;
    if (token.startsWith("-")) {
      negate = !negate;
      token = token.slice(1);
    }
    const match = /^([A-Za-z_.]+):(>=|<=|>|<)?(.*)$/.exec(token);
    if (match) {
      terms.push({ field: match[1]!.toLowerCase(), operator: (match[2] as SearchTerm["operator"]) ?? ":", value: unquote(match[3]!), negate });
    } else {
      terms.push({ field: null, operator: ":", value: unquote(token), negate });
    }
  }
  return terms;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

export type SearchFields<T> = Record<string, (record: T) => unknown>;

function compare(actual: unknown, term: SearchTerm, isDate: boolean): boolean {
  if (Array.isArray(actual)) return actual.some((value) => compare(value, term, isDate));
  if (actual === null || actual === undefined) return false;
  if (isDate || term.operator !== ":") {
    const left = isDate ? Date.parse(String(actual)) : Number(actual);
    const right = isDate ? Date.parse(term.value) : Number(term.value);
    if (Number.isNaN(left) || Number.isNaN(right)) return false;
    switch (term.operator) {
      case ">": return left > right;
      case ">=": return left >= right;
      case "<": return left < right;
      case "<=": return left <= right;
      default: return isDate ? String(actual).slice(0, term.value.length) === term.value : left === right;
    }
  }
  const have = String(actual).toLowerCase();
  const want = term.value.toLowerCase();
  return want.endsWith("*") ? have.startsWith(want.slice(0, -1)) : have === want;
}

export function matchesSearch<T>(record: T, query: string | null | undefined, fields: SearchFields<T>, defaultText: (record: T) => string): boolean {
  if (!query) return true;
  for (const term of parseSearchQuery(query)) {
    let ok: boolean;
    if (term.field === null) {
      ok = defaultText(record).toLowerCase().includes(term.value.toLowerCase().replace(/\*$/, ""));
    } else {
      const getter = fields[term.field];
      if (!getter) continue;
      ok = compare(getter(record), term, term.field.endsWith("_at"));
    }
    if (ok === term.negate) return false;
  }
  return true;
}
