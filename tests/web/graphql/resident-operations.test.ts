/**
 * The operations of Mijn gegevens and the counter's standings validate against the
 * printed schema (schema.graphql): a field renamed on the server fails here, not on a
 * resident's phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from '$lib/graphql/resident-operations';

const schema = buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8'));
const documents = Object.entries(operations as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === 'string' && /^\s*(query|mutation)\b/.test(value) ? [[name, value] as const] : [],
);

describe('resident operations', () => {
  it('are there to check', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['COUNTER_STANDINGS', 'DELETE_MY_DATA', 'MY_DATA', 'UPDATE_MY_CONSENT']);
  });

  for (const [name, document] of documents) {
    it(`${name} validates against schema.graphql`, () => {
      expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    });
  }
});
