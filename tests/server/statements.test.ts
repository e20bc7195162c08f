/**
 * The two helpers on the sync hot path: the prepared-statement cache and cached multi-row
 * inserts. Unit tests of wrappers around one raw connection, so in memory: a file would
 * change nothing they look at.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bulkInsert } from '../../server/src/db/bulk-insert.js';
import type { Database } from '../../server/src/db/database.js';
import { withStatementCache } from '../../server/src/db/statement-cache.js';

describe('statement cache', () => {
  it('hands out the same prepared statement for the same SQL, and a fresh one while it is being iterated', () => {
    const sqlite = new SQLite(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const first = cached.prepare('select 1 as n');
    expect(cached.prepare('select 1 as n')).toBe(first);
    const iterator = first.iterate([]);
    iterator.next();
    const whileBusy = cached.prepare('select 1 as n');
    expect(whileBusy).not.toBe(first);
    expect(whileBusy.all([])).toEqual([{ n: 1 }]);
    iterator.return?.();
    cached.close();
  });

  it('forgets the least recently used statement beyond its size', () => {
    const sqlite = new SQLite(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('select 1');
    cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a); // a is now the most recent
    cached.prepare('select 3'); // evicts "select 2"
    expect(cached.prepare('select 1')).toBe(a);
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 2')).toBe(b);
    cached.close();
  });
});

describe('bulk insert', () => {
  it('writes every row with its nulls, in statements of up to 500 rows, whatever the batch size', async () => {
    const sqlite = new SQLite(':memory:');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    await db.schema.createTable('sync_mutation').addColumn('mutation_id', 'text', (c) => c.primaryKey()).addColumn('device_id', 'text').addColumn('seq', 'integer').addColumn('code', 'text').execute();
    for (const size of [1, 3, 500, 501, 3]) {
      const rows = Array.from({ length: size }, (_, i) => ({ mutation_id: `${size}-${i}-${Math.random()}`, device_id: 'd', seq: i + 1, code: i % 2 ? 'X' : null }));
      await bulkInsert(db, 'sync_mutation', ['mutation_id', 'device_id', 'seq', 'code'] as never, rows as never);
      const stored = await db.selectFrom('sync_mutation').select(['mutation_id', 'device_id', 'seq', 'code']).where('mutation_id', 'in', rows.map((r) => r.mutation_id)).orderBy('seq').execute();
      expect(stored).toEqual(rows);
    }
    await db.destroy();
  });
});
