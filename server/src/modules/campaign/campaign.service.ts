/**
 * Campaigns: who may see and manage them, and the status workflow DRAFT → OPEN → CLOSED.
 * Coordinators manage the campaigns of their own neighbourhoods; participants see only
 * the campaign they joined; partners see campaigns (names and status, nothing personal).
 */
import { uuidv7 } from 'uuidv7';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { ErrorCode, notFound, UserFacingError } from '../../graphql/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './campaign.repo.js';
import type { CampaignKind, CampaignRow, CampaignStatus } from './campaign.table.js';

export type { CampaignKind, CampaignStatus };

export interface Campaign {
  id: string;
  neighbourhoodId: string;
  kind: CampaignKind;
  name: string;
  status: CampaignStatus;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  neighbourhoodId: row.neighbourhood_id,
  kind: row.kind,
  name: row.name,
  status: row.status,
  createdAt: row.created_at,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
});

export function canSeeCampaign(viewer: Viewer, campaign: Pick<Campaign, 'id' | 'neighbourhoodId'>): boolean {
  switch (viewer.kind) {
    case 'staff':
      return viewer.role === 'PARTNER' || managesNeighbourhood(viewer, campaign.neighbourhoodId);
    case 'participant':
      return viewer.campaignId === campaign.id;
    default:
      return false;
  }
}

export async function findCampaign(db: DbOrTrx, viewer: Viewer, id: string): Promise<Campaign | null> {
  const row = await repo.findCampaign(db, id);
  return row && canSeeCampaign(viewer, toCampaign(row)) ? toCampaign(row) : null;
}

/** The campaign if the viewer manages it; otherwise NOT_FOUND, whether it exists or not. */
export async function requireManagedCampaign(db: DbOrTrx, viewer: Viewer, id: string): Promise<Campaign> {
  const row = await repo.findCampaign(db, id);
  if (!row || !managesNeighbourhood(viewer, row.neighbourhood_id)) throw notFound('Deze actie');
  return toCampaign(row);
}

export async function listCampaigns(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<Campaign[]> {
  if (viewer.kind === 'participant') {
    const own = await repo.findCampaign(db, viewer.campaignId);
    return own && !page.after && !page.before ? [toCampaign(own)] : [];
  }
  if (viewer.kind !== 'staff') throw notFound();
  const scope = viewer.role === 'COORDINATOR' ? viewer.neighbourhoodIds : null;
  return (await repo.listCampaigns(db, scope, page)).map(toCampaign);
}

export async function createCampaign(
  db: Db,
  viewer: Viewer,
  input: { neighbourhoodId: string; kind: CampaignKind; name: string; requestId: string },
  now = new Date(),
): Promise<Campaign> {
  if (viewer.kind !== 'staff' || !managesNeighbourhood(viewer, input.neighbourhoodId)) throw notFound('Deze buurt');
  const row: CampaignRow = {
    id: uuidv7(),
    neighbourhood_id: input.neighbourhoodId,
    kind: input.kind,
    name: input.name.trim(),
    status: 'DRAFT',
    created_at: now.toISOString(),
    opened_at: null,
    closed_at: null,
    personal_data_erased_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertCampaign(trx, row);
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'campaign.created', subjectType: 'campaign', subjectId: row.id, requestId: input.requestId }, now);
  });
  return toCampaign(row);
}

const allowedTransitions: Record<CampaignStatus, CampaignStatus[]> = {
  DRAFT: ['OPEN'],
  OPEN: ['CLOSED'],
  CLOSED: [],
};

const statusLabel: Record<CampaignStatus, string> = { DRAFT: 'concept', OPEN: 'open', CLOSED: 'gesloten' };

export async function changeCampaignStatus(
  db: Db,
  viewer: Viewer,
  input: { campaignId: string; status: CampaignStatus; requestId: string },
  now = new Date(),
): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (!allowedTransitions[campaign.status].includes(input.status)) {
      throw new UserFacingError(
        ErrorCode.CONFLICT,
        `Een actie die ${statusLabel[campaign.status]} is, kan niet ${statusLabel[input.status]} worden.`,
      );
    }
    await repo.setCampaignStatus(trx, campaign.id, input.status, now.toISOString());
    await recordAudit(
      trx,
      {
        actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null,
        action: 'campaign.status_changed',
        subjectType: 'campaign',
        subjectId: campaign.id,
        detail: { from: campaign.status, to: input.status },
        requestId: input.requestId,
      },
      now,
    );
    return toCampaign((await repo.findCampaign(trx, campaign.id))!);
  });
}
