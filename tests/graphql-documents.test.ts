import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateAdminDocument } from "../emulator/validate";

/**
 * Every Admin GraphQL document the app sends is written as a `#graphql` template literal without
 * interpolation; this finds them all in app/ and validates each against Shopify's published schema.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

// Documents for other Shopify APIs (Customer Account, Storefront) are marked in their file.
const NOT_ADMIN = /@shopify-api (customer|storefront)/;

export function adminDocuments(root = "app"): { file: string; name: string; source: string }[] {
  return sourceFiles(root)
    .filter((file) => !NOT_ADMIN.test(readFileSync(file, "utf8")))
    .flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/`#graphql([\s\S]*?)`/g)].map((m) => {
        const source = m[1]!;
        const name = source.match(/(query|mutation)\s+(\w+)/)?.[2] ?? "(anonymous)";
        return { file, name, source };
      }),
    );
}

const documents = adminDocuments();

describe("Admin GraphQL documents", () => {
  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [`${d.name} in ${d.file}`, d] as const))("%s is valid against the Admin schema", (_label, doc) => {
    expect(doc.source, "documents must not interpolate: pass variables instead").not.toContain("${");
    expect(validateAdminDocument(doc.source).map((e) => e.message)).toEqual([]);
  });

  it("rejects a document with a misspelt field", () => {
    const first = documents[0]!.source;
    const misspelt = first.replace(/\bname\b/, "nmae");
    expect(misspelt).not.toBe(first);
    expect(validateAdminDocument(misspelt).map((e) => e.message)).toContainEqual(expect.stringMatching(/Cannot query field "nmae"/));
  });

  it("rejects an argument of the wrong type", () => {
    const errors = validateAdminDocument(`query { orders(first: "ten") { nodes { id } } }`);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/Int cannot represent/));
  });
});
