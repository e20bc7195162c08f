/**
 * The GraphQL documents a web module exports (string constants that start with query or
 * mutation), and the printed schema to validate them against: a field renamed on the
 * server then fails a test, not a screen on someone's phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';

let printed: GraphQLSchema | undefined;

export function printedSchema(): GraphQLSchema {
  printed ??= buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../schema.graphql'), 'utf8'));
  return printed;
}

export function operationDocuments(module: Record<string, unknown>): (readonly [string, string])[] {
  return Object.entries(module).flatMap(([name, value]) => (typeof value === 'string' && /^\s*(query|mutation)\b/.test(value) ? [[name, value] as const] : []));
}

/** The validation errors of a document against schema.graphql; [] when it is valid. */
export const validationErrors = (document: string): string[] => validate(printedSchema(), parse(document)).map((error) => error.message);
