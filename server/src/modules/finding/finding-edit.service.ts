/**
 * Editing a finding from a device that may have been offline. An edit names the version
 * it was based on: a field changed on the server since then keeps the server's value,
 * and the device's value is kept as a conflict for a coordinator to decide. Fields that
 * did not change meanwhile are applied, so edits of different fields all survive.
 */
import { uuidv7 } from 'uuidv7';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import { THEMES } from '../checklist/checklist.table.js';
import { recordChange } from '../sync/change-log.js';
import { findFinding, MAX_TEXT, toFinding, type Finding } from './finding.service.js';
import type { FindingConflictRow, FindingRow } from './finding.table.js';
import { RATINGS } from './finding.table.js';

export const EDITABLE_FIELDS = ['text', 'suggestion', 'rating', 'category'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface FindingConflict {
  id: string;
  findingId: string;
  field: EditableField;
  deviceValue: string | null;
  serverValue: string | null;
  createdAt: string;
}

const toConflict = (row: FindingConflictRow): FindingConflict => ({
  id: row.id,
  findingId: row.finding_id,
  field: row.field as EditableField,
  deviceValue: row.device_value,
  serverValue: row.server_value,
  createdAt: row.created_at,
});

function checkValue(field: EditableField, value: string | null): void {
  if (field === 'rating' && value !== null && !(RATINGS as readonly string[]).includes(value)) throw badInput('Ongeldig oordeel.');
  if (field === 'category' && !(THEMES as readonly string[]).includes(value ?? '')) throw badInput('Ongeldige categorie.');
  if ((field === 'text' || field === 'suggestion') && value && value.length > MAX_TEXT) throw badInput(`Gebruik hoogstens ${MAX_TEXT} tekens.`);
}

export interface EditFindingInput {
  findingId: string;
  baseVersion: number;
  changes: Partial<Record<EditableField, string | null>>;
  deviceId?: string | null;
}

export async function editFinding(trx: DbOrTrx, viewer: Viewer, input: EditFindingInput, now = new Date()): Promise<{ finding: Finding; conflicts: FindingConflict[] }> {
  const found = await findFinding(trx, viewer, input.findingId);
  const isRecorder = viewer.kind === 'participant' && found?.finding.participantId === viewer.participantId;
  if (!found || !(found.access === 'MANAGER' || isRecorder)) throw notFound('Deze bevinding');
  const row = (await trx.selectFrom('finding').selectAll().where('id', '=', input.findingId).executeTakeFirstOrThrow()) as FindingRow;
  if (input.baseVersion < 1 || input.baseVersion > row.version) throw badInput('Deze versie van de bevinding bestaat niet.');
  const fieldVersions = JSON.parse(row.field_versions) as Partial<Record<EditableField, number>>;
  const newVersion = row.version + 1;
  const apply: Partial<Record<EditableField, string | null>> = {};
  const conflicts: FindingConflictRow[] = [];
  for (const field of EDITABLE_FIELDS) {
    if (!(field in input.changes)) continue;
    const deviceValue = input.changes[field] ?? null;
    checkValue(field, deviceValue);
    const serverValue = (row[field] as string | null) ?? null;
    if (deviceValue === serverValue) continue;
    if ((fieldVersions[field] ?? 1) > input.baseVersion) {
      conflicts.push({ id: uuidv7(), finding_id: row.id, field, device_value: deviceValue, server_value: serverValue, base_version: input.baseVersion, device_id: input.deviceId ?? null, created_at: now.toISOString(), resolved_at: null, resolution: null });
    } else {
      apply[field] = deviceValue;
      fieldVersions[field] = newVersion;
    }
  }
  if (Object.keys(apply).length > 0) {
    await trx
      .updateTable('finding')
      .set({ ...(apply as Partial<Pick<FindingRow, EditableField>>), version: newVersion, field_versions: JSON.stringify(fieldVersions) })
      .where('id', '=', row.id)
      .execute();
    await recordChange(trx, { neighbourhoodId: found.campaign.neighbourhoodId, campaignId: row.campaign_id, entityType: 'FINDING', entityId: row.id }, now);
  }
  if (conflicts.length > 0) await trx.insertInto('finding_conflict').values(conflicts).execute();
  const updated = await trx.selectFrom('finding').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  return { finding: toFinding(updated), conflicts: conflicts.map(toConflict) };
}

export async function openConflicts(db: DbOrTrx, findingIds: readonly string[]): Promise<FindingConflict[]> {
  if (findingIds.length === 0) return [];
  return (await db.selectFrom('finding_conflict').selectAll().where('finding_id', 'in', findingIds).where('resolved_at', 'is', null).orderBy('created_at').execute()).map(toConflict);
}

/** A coordinator keeps the server's value or takes the device's. */
export async function resolveConflict(db: Db, viewer: Viewer, input: { conflictId: string; useDeviceValue: boolean }, now = new Date()): Promise<Finding> {
  return db.transaction().execute(async (trx) => {
    const conflict = await trx.selectFrom('finding_conflict').selectAll().where('id', '=', input.conflictId).executeTakeFirst();
    const finding = conflict && (await trx.selectFrom('finding').selectAll().where('id', '=', conflict.finding_id).executeTakeFirst());
    const campaign = finding && (await loadCampaign(trx, finding.campaign_id));
    if (!conflict || !finding || !campaign || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Dit conflict');
    if (conflict.resolved_at) throw badInput('Dit conflict is al opgelost.');
    if (input.useDeviceValue) {
      const field = conflict.field as EditableField;
      const fieldVersions = { ...(JSON.parse(finding.field_versions) as Record<string, number>), [field]: finding.version + 1 };
      await trx
        .updateTable('finding')
        .set({ [field]: conflict.device_value, version: finding.version + 1, field_versions: JSON.stringify(fieldVersions) })
        .where('id', '=', finding.id)
        .execute();
      await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'FINDING', entityId: finding.id }, now);
    }
    await trx
      .updateTable('finding_conflict')
      .set({ resolved_at: now.toISOString(), resolution: input.useDeviceValue ? 'USED_DEVICE' : 'KEPT_SERVER' })
      .where('id', '=', conflict.id)
      .execute();
    return toFinding((await trx.selectFrom('finding').selectAll().where('id', '=', finding.id).executeTakeFirstOrThrow()));
  });
}
