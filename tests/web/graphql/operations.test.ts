/**
 * Every operation of the web app (each *-operations.ts module under lib/graphql) validates
 * against the printed schema with the server's own validator, as the server receives it:
 * the document's text with the fragments it spreads. Names are unique, so the server's
 * logs and metrics per operation name point at one place.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SchemaType } from '$lib/graphql/graphql';
import type { FollowedFinding } from '$lib/graphql/follow-up-operations';
import path from 'node:path';
import { operationDocuments, operationModules, validationErrors, webGraphqlFolder } from '../../support/operation-documents.js';

const modules = await Promise.all(
  operationModules().map(async (file) => [file, (await import(/* @vite-ignore */ path.join(webGraphqlFolder, file))) as Record<string, unknown>] as const),
);
const documents = modules.flatMap(([file, module]) => operationDocuments(module).map(([name, text]) => [`${file} ${name}`, text] as const));

describe('the web app’s operations', () => {
  it('are all there to check, from every feature', () => {
    expect(modules.map(([file]) => file)).toEqual(
      expect.arrayContaining(['field-operations.ts', 'follow-up-operations.ts', 'resident-operations.ts', 'public-results-operations.ts', 'console/finding-operations.ts', 'console/session-operations.ts']),
    );
    const names = documents.map(([name]) => name.split(' ')[1]);
    expect(names).toEqual(expect.arrayContaining(['JOIN_CAMPAIGN', 'CAMPAIGN_SNAPSHOT', 'FOLLOW_UP', 'MY_DATA', 'COUNTER_STANDINGS', 'PUBLIC_RESULTS', 'FINDINGS_PAGE', 'FINDING', 'PARTICIPANTS_PAGE', 'SCHOUW_SCORES', 'REPORT_FINDINGS']));
    expect(documents.length).toBeGreaterThanOrEqual(70);
  });

  for (const [name, text] of documents) {
    it(`${name} validates against schema.graphql`, () => {
      expect(validationErrors(text)).toEqual([]);
    });
  }

  it('have unique operation names', () => {
    const operationNames = documents.map(([, text]) => /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1]);
    expect(operationNames).not.toContain(undefined);
    expect(operationNames.filter((name, i) => operationNames.indexOf(name) !== i)).toEqual([]);
  });

  // Checked by the type check (svelte-check reads tests/web), not at run time.
  it('type the schema’s scalars: DateTime as an ISO string, JSON as unknown, enums as their values', () => {
    expectTypeOf<SchemaType<'DateTime'>>().toEqualTypeOf<string>();
    expectTypeOf<SchemaType<'JSON'>>().toEqualTypeOf<unknown>();
    expectTypeOf<FollowedFinding['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<FollowedFinding['status']>().toEqualTypeOf<'NIEUW' | 'IN_BEHANDELING' | 'INGEPLAND' | 'AFGEHANDELD' | 'NIET_OPPAKBAAR' | 'HEROPEND'>();
  });
});
