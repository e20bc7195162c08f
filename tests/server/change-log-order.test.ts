/**
 * Phones pull the change log by seq, from a cursor: the last seq they saw. That only works
 * when a seq becomes visible after every lower one, i.e. the log is written in commit
 * order. On SQLite writers take turns by themselves; on PostgreSQL write transactions take
 * one lock (server/src/db/postgres-connection.ts), and a change written outside a
 * transaction must take it too, or it would commit past a lower seq still being written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { recordChange } from '../../server/src/modules/sync/change-log.repo.js';
import { tallyFixture, type TallyFixture } from '../support/tally-fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change log', () => {
  let fx: TallyFixture;
  afterEach(() => fx?.close());

  it('shows a change written without a transaction only after the write transaction that took a lower seq', async () => {
    fx = await tallyFixture({ streets: 1, days: 1 });
    const change = (entityId: string) => ({ neighbourhoodId: fx.campaign.neighbourhoodId, campaignId: fx.campaign.id, entityType: 'CAMPAIGN' as const, entityId });
    const before = Number((await fx.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0);
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    let written!: () => void;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const open = fx.db.transaction().execute(async (trx) => {
      await recordChange(trx, change('eerst'));
      written();
      await held;
    });
    await firstWritten;
    let outsideDone = false;
    const outside = recordChange(fx.db, change('daarna')).then(() => (outsideDone = true));
    try {
      await sleep(300);
      expect(outsideDone).toBe(false);
    } finally {
      finish();
      await Promise.all([open, outside]);
    }
    const log = await fx.db.selectFrom('change_log').select(['seq', 'entity_id']).where('seq', '>', before).orderBy('seq').execute();
    expect(log.map((row) => row.entity_id)).toEqual(['eerst', 'daarna']);
  });
});
