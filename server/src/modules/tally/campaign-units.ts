/**
 * What a campaign counts on the ledger: its units (protocol/src/tally-units.ts), each with
 * an optional target, in the order the counter offers them. The rows live in campaign_unit
 * (campaign-units.repo.ts); this is the one reading of them that the ledger's checks, the
 * aggregates and the GraphQL field Campaign.units share.
 */
import { isCountingKind, UNITS_OF_KIND, type UnitCode } from '@buurtkracht/protocol/tally-units';
import type { DbOrTrx } from '../../db/database.js';
import { unitsOfCampaigns } from '../campaign/campaign-units.repo.js';
import type { CampaignKind } from '../campaign/campaign.table.js';

export interface CampaignUnit {
  code: UnitCode;
  /** What the coordinator hopes to reach in this unit; null for none. */
  target: number | null;
}

/**
 * A tegelwip action counts every tile size, always (people lift whatever lies in their
 * garden): its set is the protocol's, in the protocol's order, and its rows only carry
 * targets. That keeps tile counting working for a tegelwip campaign whatever its rows say.
 * A clean-up action counts exactly the units its coordinator chose, in their order.
 */
function unitsOf(kind: CampaignKind, rows: readonly { unit_code: UnitCode; target: number | null }[]): CampaignUnit[] {
  if (kind === 'OPRUIMEN') return rows.map((r) => ({ code: r.unit_code, target: r.target }));
  if (kind !== 'TEGELWIPPEN') return [];
  const targets = new Map(rows.map((r) => [r.unit_code, r.target]));
  return UNITS_OF_KIND.TEGELWIPPEN.map((code) => ({ code, target: targets.get(code) ?? null }));
}

/** The units of these campaigns by campaign id, with one query; a schouw's list is empty. */
export async function unitsOfCampaignsById(db: DbOrTrx, campaigns: readonly { id: string; kind: CampaignKind }[]): Promise<Map<string, CampaignUnit[]>> {
  const rows = await unitsOfCampaigns(db, campaigns.filter((c) => isCountingKind(c.kind)).map((c) => c.id));
  const byCampaign = new Map<string, typeof rows>();
  for (const row of rows) byCampaign.set(row.campaign_id, [...(byCampaign.get(row.campaign_id) ?? []), row]);
  return new Map(campaigns.map((c) => [c.id, unitsOf(c.kind, byCampaign.get(c.id) ?? [])]));
}

/** The units of one campaign. */
export async function unitsOfCampaign(db: DbOrTrx, campaign: { id: string; kind: CampaignKind }): Promise<CampaignUnit[]> {
  return (await unitsOfCampaignsById(db, [campaign])).get(campaign.id) ?? [];
}
