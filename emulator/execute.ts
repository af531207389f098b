import {
  GraphQLError, Kind, execute, getNamedType, isCompositeType, parse, validate,
  type DocumentNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode,
} from "graphql";
import type { AdminContext } from "./context";
import { fieldResolver, typeResolver } from "./resolvers";
import { adminSchema } from "./schema";

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface ShopifyError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface AdminResponse {
  data?: Record<string, unknown> | null;
  errors?: ShopifyError[];
  extensions?: Record<string, unknown>;
}

/** Shopify names its validation failures with camelCase codes; map graphql-js messages onto them. */
function validationCode(message: string): string {
  if (message.startsWith("Syntax Error")) return "syntaxError";
  if (/^Cannot query field/.test(message)) return "undefinedField";
  if (/^Unknown argument/.test(message)) return "argumentNotAccepted";
  if (/argument .* of type .* is required/.test(message)) return "missingRequiredArguments";
  if (/^Unknown type/.test(message)) return "undefinedType";
  if (/^Variable .* got invalid value|^Variable .* of required type/.test(message)) return "INVALID_VARIABLE";
  if (/cannot represent|Expected value of type|Expected type/.test(message)) return "argumentLiteralsIncompatible";
  if (/must have a selection of subfields|must not have a selection/.test(message)) return "selectionMismatch";
  if (/^Variable .* is never used/.test(message)) return "variableNotUsed";
  if (/^Variable .* is not defined/.test(message)) return "undefinedVariable";
  return "GRAPHQL_VALIDATION_FAILED";
}

function toShopifyError(error: GraphQLError, fallbackCode?: string): ShopifyError {
  const code = (error.extensions?.code as string | undefined) ?? fallbackCode ?? validationCode(error.message);
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...error.extensions, code },
  };
}

/**
 * Shopify's calculated query cost, approximately: 1 per object, connections cost their page
 * size times their children (plus 2), mutations start at 10.
 */
export function requestedQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): number {
  const cost = (selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType): number => {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!("getFields" in parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        if (!isCompositeType(type)) continue;
        const argValue = (name: string): number | undefined => {
          const arg = selection.arguments?.find((a) => a.name.value === name);
          if (!arg) return undefined;
          if (arg.value.kind === Kind.INT) return Number(arg.value.value);
          if (arg.value.kind === Kind.VARIABLE) return Number(variables[arg.value.name.value] ?? 0);
          return undefined;
        };
        const size = argValue("first") ?? argValue("last");
        const inner = cost(selection.selectionSet, type);
        total += type.name.endsWith("Connection") ? 2 + (size ?? 0) * Math.max(1, inner - 1) : 1 + inner;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (type && isCompositeType(type)) total += cost(selection.selectionSet, type);
      }
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = definition.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
    if (root) total += (definition.operation === "mutation" ? 10 : 0) + cost(definition.selectionSet, root);
  }
  return Math.max(1, total);
}

const THROTTLE = { maximumAvailable: 2000, restoreRate: 100 };

/** Runs one Admin GraphQL request against the store, answering in Shopify's shape. */
export async function executeAdminDocument(ctx: AdminContext, request: GraphqlRequest): Promise<AdminResponse> {
  const schema = adminSchema();
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [toShopifyError(error, "syntaxError")] };
    throw error;
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return { errors: validationErrors.map((e) => toShopifyError(e)) };
  const variables = request.variables ?? {};
  const response = await executeValidDocument(ctx, document, variables, request.operationName);
  const requested = requestedQueryCost(schema, document, variables);
  response.extensions = {
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: requested,
      throttleStatus: { maximumAvailable: THROTTLE.maximumAvailable, currentlyAvailable: THROTTLE.maximumAvailable - requested, restoreRate: THROTTLE.restoreRate },
    },
  };
  return response;
}

/**
 * Runs a document already parsed and validated against the Admin schema (a bulk operation runs
 * one document many times, a page of nodes each), without the cost extension.
 */
export async function executeValidDocument(ctx: AdminContext, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): Promise<AdminResponse> {
  const result = await execute({
    schema: adminSchema(), document, variableValues: variables, operationName: operationName ?? undefined,
    contextValue: ctx, fieldResolver, typeResolver,
  });
  const response: AdminResponse = {};
  if (result.errors?.length) response.errors = result.errors.map((e) => toShopifyError(e, "INTERNAL_SERVER_ERROR"));
  if (result.data !== undefined) response.data = result.data as Record<string, unknown> | null;
  return response;
}
