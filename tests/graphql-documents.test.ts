import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, print, visit, type FieldNode } from "graphql";
import { validateAdminDocument } from "../emulator/validate";

/** Renames the first leaf field of the document (a scalar selection) to a name no type has. */
function misspellDeepestField(source: string): { source: string; field: string } {
  let field = "";
  const edited = visit(parse(source), {
    Field(node: FieldNode) {
      if (field || node.selectionSet || node.name.value.startsWith("__")) return undefined;
      field = `${node.name.value}Misspelt`;
      return { ...node, name: { ...node.name, value: field } };
    },
  });
  return { source: print(edited), field };
}

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

  it.each(documents.map((d) => [`${d.name} in ${d.file}`, d] as const))("%s fails validation once a field in it is misspelt", (_label, doc) => {
    const misspelt = misspellDeepestField(doc.source);
    expect(validateAdminDocument(misspelt.source).map((e) => e.message)).toContainEqual(expect.stringContaining(`Cannot query field "${misspelt.field}"`));
  });

  it("rejects an argument of the wrong type", () => {
    const errors = validateAdminDocument(`query { orders(first: "ten") { nodes { id } } }`);
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/Int cannot represent/));
  });
});
