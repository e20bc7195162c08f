/**
 * Every GraphQL operation of the console validates against the printed schema
 * (schema.graphql), so a field renamed or an argument dropped on the server fails here,
 * not on a coordinator's screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from '$lib/console/operations';

const schema = buildSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8'));
const documents = Object.entries(operations as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === 'string' && /^\s*(query|mutation)\b/.test(value) ? [[name, value] as const] : [],
);

describe('console operations', () => {
  it('are there to check', () => {
    expect(documents.map(([name]) => name)).toEqual(expect.arrayContaining(['FINDINGS_PAGE', 'FINDING_COUNTS', 'FINDING_POSITIONS', 'PARTICIPANTS_PAGE', 'INVITES_PAGE', 'INVITE', 'SPOTS_PAGE', 'ROUTED_FINDINGS_PAGE']));
  });

  for (const [name, document] of documents) {
    it(`${name} validates against schema.graphql`, () => {
      expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    });
  }
});
