import { GraphQLError, parse, validate } from "graphql";
import { adminSchema } from "./schema";

/**
 * Parses and validates a GraphQL document against Shopify's Admin schema, the way Shopify
 * rejects a request before running it. An empty array means the document is valid.
 */
export function validateAdminDocument(source: string): readonly GraphQLError[] {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return validate(adminSchema(), document);
}
