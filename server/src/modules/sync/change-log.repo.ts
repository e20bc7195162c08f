/**
 * The change log devices pull from: one row per change of something a device shows
 * (a street, a spot, a campaign, a finding's status and messages, tally totals), in one
 * monotonic sequence. Written in the same transaction as the change.
 */
import type { DbOrTrx } from '../../db/database.js';

export type ChangeEntity = 'STREET' | 'SPOT' | 'CAMPAIGN' | 'FINDING' | 'TALLY_TOTALS';

export async function recordChange(
  trx: DbOrTrx,
  change: { neighbourhoodId: string; campaignId: string | null; entityType: ChangeEntity; entityId: string; op?: 'UPSERT' | 'DELETE' },
  now = new Date(),
): Promise<void> {
  await trx
    .insertInto('change_log')
    .values({ neighbourhood_id: change.neighbourhoodId, campaign_id: change.campaignId, entity_type: change.entityType, entity_id: change.entityId, op: change.op ?? 'UPSERT', at: now.toISOString() })
    .execute();
}
