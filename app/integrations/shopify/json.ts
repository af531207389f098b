/**
 * Parses a Shopify JSON body without losing ids: REST payloads carry 64-bit integer ids
 * (820982911946154508) that a plain JSON.parse rounds to the nearest double. Integers beyond
 * 2^53 are kept as their exact decimal strings instead.
 *
 * A reviver would do it but costs a call per value (half the CPU of applying an order webhook), so
 * those integer literals are quoted in the text first and the text parsed plainly; a body without
 * a run of 16 digits cannot hold one and is parsed as it is.
 */
export function parseShopifyJson(text: string): unknown {
  return JSON.parse(/\d{16}/.test(text) ? quoteUnsafeIntegers(text) : text);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The text with every integer literal beyond 2^53 in a value position (after `:`, `[` or `,`,
 * before `,`, `]`, `}` or the end) written as a string. Strings are skipped whole; a malformed
 * text stays malformed, since a valid number token is swapped for a valid string token.
 */
function quoteUnsafeIntegers(text: string): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
      i++;
      continue;
    }
    if (c !== 45 && !isDigit(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (isDigit(text.charCodeAt(end)) || "+-.eE".includes(text[end]!))) end++;
    const token = text.slice(i, end);
    if (end - i >= 16 && /^-?(?:0|[1-9]\d*)$/.test(token) && !Number.isSafeInteger(Number(token)) && inValuePosition(text, i, end)) {
      out += `${text.slice(copied, i)}"${token}"`;
      copied = end;
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function inValuePosition(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
  let after = end;
  while (after < text.length && isSpace(text.charCodeAt(after))) after++;
  const prev = before < 0 ? "" : text[before]!;
  const next = after >= text.length ? "" : text[after]!;
  return (prev === "" || prev === ":" || prev === "[" || prev === ",") && (next === "" || next === "," || next === "]" || next === "}");
}
