/** The sync protocol's limits and its GraphQL text, checked against the printed schema. */
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES, MAX_ENTRY_BYTES, SYNC_MUTATION, SYNC_STATUSES } from '@buurtkracht/protocol/sync-protocol';

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

describe('sync protocol', () => {
  it('fits a full batch and its envelope in the server’s 1 MiB request limit', () => {
    expect(MAX_BATCH_BYTES).toBeLessThanOrEqual(1024 * 1024 / 2);
    expect(MAX_ENTRY_BYTES).toBeLessThan(MAX_BATCH_BYTES);
    expect(MAX_BATCH_ENTRIES).toBe(500);
  });

  it('sends a sync mutation that the server’s schema accepts', () => {
    expect(validate(schema, parse(SYNC_MUTATION))).toEqual([]);
  });

  it('knows every answer status the schema has, and no other', () => {
    const statuses = schema.getType('SyncStatus');
    expect(statuses && 'getValues' in statuses ? statuses.getValues().map((v) => v.name).sort() : []).toEqual([...SYNC_STATUSES].sort());
  });
});
