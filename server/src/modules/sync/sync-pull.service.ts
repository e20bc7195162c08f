/**
 * The pull half of sync: what changed since the device's cursor, for its campaign, as
 * current snapshots (the latest state of each changed thing, tombstones for deletions).
 * An unknown cursor (a device restored from a backup, a server restored from one, a
 * cursor from before cursors named their change) asks the device to start over with
 * resetRequired; its outbox is not affected.
 */
import { createHash } from 'node:crypto';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { daysOfCampaigns, loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { actionItemsOfFindings } from '../finding/action-plan.service.js';
import { statusHistories } from '../finding/finding-details.service.js';
import * as findings from '../finding/finding.service.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { findSpot } from '../spot/spot.service.js';
import { progressOf } from '../tally/tally-aggregates.service.js';
import type { UnitTotal } from '../tally/unit-totals.js';
import * as repo from './sync.repo.js';
import type { ChangeLogRow } from './sync.table.js';

const unitQuantity = (u: UnitTotal) => ({ unitCode: u.unit.code, quantity: u.quantity });

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
      const actionItems = await actionItemsOfFindings(db, [entityId]);
      return {
        ...visible,
        recordedByMe: viewer.kind === 'participant' && viewer.participantId === participantId,
        statusHistory: history.map((h) => ({ toStatus: h.toStatus, publicMessage: h.publicMessage, at: h.at })),
        // What residents see of the action plan items the finding is part of: never the owner.
        actionItems: actionItems.map((i) => ({ id: i.id, title: i.title, status: i.status, publicMessage: i.publicMessage })),
      };
    }
    case 'TALLY_TOTALS': {
      const progress = await progressOf(db, campaign);
      return {
        total: progress.total,
        targetAreaCm2: progress.targetAreaCm2,
        // Per unit, so a clean-up counter shows the street's bags and items, not only area.
        units: progress.units.map(unitQuantity),
        streets: progress.streets.map((s) => ({ streetId: s.streetId, areaCm2: s.areaCm2, nkTiles: s.nkTiles, units: s.units.map(unitQuantity) })),
        days: progress.days.map((d) => ({ dayId: d.day.id, areaCm2: d.areaCm2 })),
      };
    }
    default:
      return null;
  }
}

/**
 * A cursor names a place in the change log and the change found there ("seq.tag"), so a
 * cursor from another history of the log is known as such: after a restore from a backup
 * the log hands out the same seqs again for other changes, and a bare number would look
 * valid while the device silently missed what it had pulled after the backup.
 */
const tagOf = (change: Pick<ChangeLogRow, 'entity_type' | 'entity_id' | 'at'>): string =>
  createHash('sha256').update(`${change.entity_type}\n${change.entity_id}\n${change.at}`).digest('base64url').slice(0, 12);

const cursorAt = (change: ChangeLogRow | undefined): string => (change ? `${change.seq}.${tagOf(change)}` : '0');

/** The log position a cursor names, or null when this log does not hold that change. */
async function positionOf(db: DbOrTrx, cursor: string | null): Promise<number | null> {
  if (cursor === null || cursor === '' || cursor === '0') return 0;
  const match = /^(\d{1,15})\.([\w-]{12})$/.exec(cursor);
  if (!match) return null;
  const change = await repo.changeAt(db, Number(match[1]));
  return change && tagOf(change) === match[2] ? change.seq : null;
}

export async function pullChanges(db: DbOrTrx, viewer: Viewer, campaign: Campaign, cursor: string | null): Promise<PullResult> {
  const after = await positionOf(db, cursor);
  if (after === null) return { changes: [], cursor: '0', hasMore: true, resetRequired: true };
  const rows = await repo.changesSince(db, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id }, after, PULL_PAGE);
  // Several changes of one thing in a page travel as one snapshot, at its last seq.
  const lastOf = new Map<string, (typeof rows)[number]>();
  for (const row of rows) lastOf.set(`${row.entity_type}:${row.entity_id}`, row);
  const changes: PulledChange[] = [];
  for (const row of [...lastOf.values()].sort((a, b) => a.seq - b.seq)) {
    const data = row.op === 'DELETE' ? null : await snapshot(db, viewer, campaign, row.entity_type, row.entity_id);
    changes.push({ seq: row.seq, entityType: row.entity_type, entityId: row.entity_id, op: data === null && row.op !== 'DELETE' ? 'DELETE' : row.op, data });
  }
  // With nothing new for this device the cursor moves to the log's end (a first pull) or stays.
  const nextCursor = rows.length > 0 ? cursorAt(rows.at(-1)) : after === 0 ? cursorAt(await repo.latestChange(db)) : (cursor as string);
  return { changes, cursor: nextCursor, hasMore: rows.length === PULL_PAGE, resetRequired: false };
}
