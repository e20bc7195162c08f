/**
 * The PostgreSQL connection (server/src/db/postgres-connection.ts): what makes it as safe
 * as SQLite's one writer. Every write transaction holds the shared write lock; a lock that
 * fails leaves no broken connection behind; a transaction reads what committed while it
 * waited, whatever the server's default isolation; counts and sums come back as numbers;
 * and totals have room past 32 bits (migration 2026_12_01_1510).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, WRITE_LOCK_KEY } from '../../server/src/db/postgres-connection.js';
import { addToRollups, rollupRow } from '../../server/src/modules/tally/tally.repo.js';
import { createTestDatabase, onPostgres } from '../support/test-database.js';
import { tallyFixture, type TallyFixture } from '../support/tally-fixture.js';

/** The database URL with server settings for its sessions (libpq's options parameter). */
const withOptions = (url: string, options: string) => `${url}?options=${encodeURIComponent(options)}`;

describe.skipIf(!onPostgres)('the PostgreSQL connection', () => {
  let database: ReturnType<typeof createTestDatabase>;
  beforeAll(() => {
    database = createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('takes the write lock in every write transaction, and not for a plain read', async () => {
    const connection = openPostgres(database.url);
    const held = sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory' and objid = ${WRITE_LOCK_KEY} and pid = pg_backend_pid()`;
    try {
      expect((await connection.db.transaction().execute((trx) => held.execute(trx))).rows[0]!.n).toBe(1);
      expect((await held.execute(connection.readDb)).rows[0]!.n).toBe(0);
    } finally {
      await connection.db.destroy();
      await connection.readDb.destroy();
    }
  });

  it('gives a connection whose lock failed back clean, not inside an aborted transaction', async () => {
    const holder = openPostgres(database.url, { writers: 1, readers: 0 });
    const impatient = openPostgres(withOptions(database.url, '-c lock_timeout=200'), { writers: 1, readers: 0 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.db.transaction().execute(async () => {
      locked();
      await released;
    });
    try {
      await isLocked;
      await expect(impatient.db.transaction().execute(async () => 'never')).rejects.toThrow(/lock timeout/);
      // The pool's one connection answers the next statement.
      expect((await sql<{ one: number }>`select 1 as one`.execute(impatient.db)).rows).toEqual([{ one: 1 }]);
    } finally {
      release();
      await holding;
      await holder.db.destroy();
      await impatient.db.destroy();
    }
  });

  it('reads what committed while it waited for the lock, even where the server defaults to repeatable read', async () => {
    const url = withOptions(database.url, '-c default_transaction_isolation=repeatable\\ read');
    const first = openPostgres(url, { writers: 1, readers: 0 });
    const second = openPostgres(url, { writers: 1, readers: 0 });
    await sql`create table waited (n integer)`.execute(first.db);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    try {
      const writing = first.db.transaction().execute(async (trx) => {
        await sql`insert into waited values (1)`.execute(trx);
        locked();
        await released;
      });
      await isLocked;
      const reading = second.db.transaction().execute(async (trx) => (await sql<{ n: number }>`select count(*) as n from waited`.execute(trx)).rows[0]!.n);
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await writing;
      expect(await reading).toBe(1);
    } finally {
      release();
      await first.db.destroy();
      await second.db.destroy();
    }
  });

  it('answers counts and sums as numbers', async () => {
    const connection = openPostgres(database.url, { writers: 1, readers: 0 });
    try {
      const { rows } = await sql<{ n: unknown; s: unknown; big: unknown }>`select count(*) as n, sum(x) as s, 9007199254740991::bigint as big from (values (1), (2)) as t(x)`.execute(connection.db);
      expect(rows).toEqual([{ n: 2, s: 3, big: 9_007_199_254_740_991 }]);
    } finally {
      await connection.db.destroy();
    }
  });
});

describe('room in the totals', () => {
  let fx: TallyFixture;
  beforeAll(async () => {
    fx = await tallyFixture({ streets: 1, days: 1 });
  });
  afterAll(() => fx?.close());

  it('adds to a total past 2,147,483,647 cm² (a municipality-wide action) on either database', async () => {
    const row = { campaign_id: fx.campaign.id, dimension: 'TOTAL' as const, key: 'room-test', area_cm2: 2_100_000_000, event_count: 1, quantity: 1 };
    await fx.db.transaction().execute((trx) => addToRollups(trx, [row]));
    await fx.db.transaction().execute((trx) => addToRollups(trx, [{ ...row, area_cm2: 100_000_000 }]));
    expect(await rollupRow(fx.db, fx.campaign.id, 'TOTAL', 'room-test')).toMatchObject({ area_cm2: 2_200_000_000, event_count: 2 });
  });
});
