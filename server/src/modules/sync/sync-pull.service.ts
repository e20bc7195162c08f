/**
 * The pull half of sync: what changed since the device's cursor, for its campaign, as
 * current snapshots (the latest state of each changed thing, tombstones for deletions).
 * An unknown cursor (a device restored from a backup, a server restored from one) asks
 * the device to start over with resetRequired; its outbox is not affected.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { daysOfCampaigns, loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { statusHistories } from '../finding/finding-details.service.js';
import * as findings from '../finding/finding.service.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { findSpot } from '../spot/spot.service.js';
import { progressOf } from '../tally/tally-aggregates.service.js';
import * as repo from './sync.repo.js';

export const PULL_PAGE = 200;

export interface PulledChange {
  seq: number;
  entityType: string;
  entityId: string;
  op: 'UPSERT' | 'DELETE';
  /** The current state as the device may see it; null for a deletion. */
  data: unknown;
}

export interface PullResult {
  changes: PulledChange[];
  cursor: string;
  hasMore: boolean;
  resetRequired: boolean;
}

async function snapshot(db: DbOrTrx, viewer: Viewer, campaign: Campaign, entityType: string, entityId: string): Promise<unknown> {
  switch (entityType) {
    case 'STREET': {
      const [street] = await streetsByIds(db, [entityId]);
      return street ? { id: street.id, name: street.name, householdCount: street.householdCount } : null;
    }
    case 'SPOT':
      return findSpot(db, entityId);
    case 'CAMPAIGN': {
      const current = await loadCampaign(db, entityId);
      return current && { ...current, days: await daysOfCampaigns(db, [current.id]) };
    }
    case 'FINDING': {
      const found = await findings.findFinding(db, viewer, entityId);
      if (!found) return null;
      const { participantId, routedOrganisationId, ...visible } = found.finding;
      const history = await statusHistories(db, [entityId]);
      return {
        ...visible,
        recordedByMe: viewer.kind === 'participant' && viewer.participantId === participantId,
        statusHistory: history.map((h) => ({ toStatus: h.toStatus, publicMessage: h.publicMessage, at: h.at })),
      };
    }
    case 'TALLY_TOTALS': {
      const progress = await progressOf(db, campaign);
      return {
        total: progress.total,
        targetAreaCm2: progress.targetAreaCm2,
        streets: progress.streets.map((s) => ({ streetId: s.streetId, areaCm2: s.areaCm2, nkTiles: s.nkTiles })),
        days: progress.days.map((d) => ({ dayId: d.day.id, areaCm2: d.areaCm2 })),
      };
    }
    default:
      return null;
  }
}

export async function pullChanges(db: DbOrTrx, viewer: Viewer, campaign: Campaign, cursor: string | null): Promise<PullResult> {
  const latest = await repo.latestChangeSeq(db);
  const after = cursor === null || cursor === '' ? 0 : Number(cursor);
  if (!Number.isSafeInteger(after) || after < 0 || after > latest) {
    return { changes: [], cursor: '0', hasMore: true, resetRequired: true };
  }
  const rows = await repo.changesSince(db, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id }, after, PULL_PAGE);
  // Several changes of one thing in a page travel as one snapshot, at its last seq.
  const lastOf = new Map<string, (typeof rows)[number]>();
  for (const row of rows) lastOf.set(`${row.entity_type}:${row.entity_id}`, row);
  const changes: PulledChange[] = [];
  for (const row of [...lastOf.values()].sort((a, b) => a.seq - b.seq)) {
    const data = row.op === 'DELETE' ? null : await snapshot(db, viewer, campaign, row.entity_type, row.entity_id);
    changes.push({ seq: row.seq, entityType: row.entity_type, entityId: row.entity_id, op: data === null && row.op !== 'DELETE' ? 'DELETE' : row.op, data });
  }
  const nextCursor = rows.length > 0 ? rows.at(-1)!.seq : after === 0 ? latest : after;
  return { changes, cursor: String(nextCursor), hasMore: rows.length === PULL_PAGE, resetRequired: false };
}
