/**
 * The change log devices pull from: one row per change of something a device shows
 * (a street, a spot, a campaign, a finding's status and messages, tally totals), in one
 * monotonic sequence. Written in the same transaction as the change.
 */
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';

export type ChangeEntity = 'STREET' | 'SPOT' | 'CAMPAIGN' | 'FINDING' | 'TALLY_TOTALS';

/**
 * Devices pull by seq from the last one they saw, so a seq must never become visible before
 * a lower one: the log is written in commit order. A write transaction ensures that (on
 * PostgreSQL it holds the write lock, see db/postgres-connection.ts); a caller without one
 * gets one of its own here, rather than an insert that could commit past an open one.
 */
export async function recordChange(
  trx: DbOrTrx,
  change: { neighbourhoodId: string; campaignId: string | null; entityType: ChangeEntity; entityId: string; op?: 'UPSERT' | 'DELETE' },
  now = new Date(),
): Promise<void> {
  await inTransaction(trx, (t) =>
    t
      .insertInto('change_log')
      .values({ neighbourhood_id: change.neighbourhoodId, campaign_id: change.campaignId, entity_type: change.entityType, entity_id: change.entityId, op: change.op ?? 'UPSERT', at: now.toISOString() })
      .execute(),
  );
}
