/**
 * The GraphQL documents of the web app (made with graphql() in web/src/lib/graphql), read
 * as the server receives them, and the printed schema to validate them against: a field
 * renamed on the server then fails a test, not a screen on someone's phone. gql-tada check
 * (`npm run check`) validates them as well; this runs the server's own validator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';

export const webGraphqlFolder = path.resolve(import.meta.dirname, '../../web/src/lib/graphql');

let printed: GraphQLSchema | undefined;

export function printedSchema(): GraphQLSchema {
  printed ??= buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../schema.graphql'), 'utf8'));
  return printed;
}

/** The text a graphql() document sends, or null for any other value. */
export function sentText(value: unknown): string | null {
  const body = (value as { loc?: { source?: { body?: unknown } } } | null)?.loc?.source?.body;
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document' && typeof body === 'string' ? body : null;
}

/** The operations (not the fragments alone) a module exports, by export name, as the server receives them. */
export function operationDocuments(module: Record<string, unknown>): (readonly [string, string])[] {
  return Object.entries(module).flatMap(([name, value]) => {
    const text = sentText(value);
    return text !== null && /^\s*(query|mutation|subscription)\b/.test(text) ? [[name, text] as const] : [];
  });
}

/** Every *-operations.ts module under web/src/lib/graphql, relative to that folder. */
export function operationModules(): string[] {
  return fs
    .readdirSync(webGraphqlFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('-operations.ts'))
    .sort();
}

/** The validation errors of a document against schema.graphql; [] when it is valid. */
export const validationErrors = (document: string): string[] => validate(printedSchema(), parse(document)).map((error) => error.message);
