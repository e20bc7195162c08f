/**
 * Editing a finding from a device that may have been offline. An edit names the version
 * it was based on: a field changed on the server since then keeps the server's value,
 * and the device's value is kept as a conflict for a coordinator to decide. Fields that
 * did not change meanwhile are applied, so edits of different fields all survive.
 */
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import { THEMES } from '../checklist/checklist.table.js';
import { recordChange } from '../sync/change-log.repo.js';
import { findFinding, toFinding, type Finding } from './finding.service.js';
import type { FindingConflictRow, FindingRow } from './finding.table.js';
import { RATINGS } from './finding.table.js';
import * as repo from './finding.repo.js';

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
  const row = (await repo.findFinding(trx, input.findingId))!;
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
    await repo.updateFields(trx, row.id, { ...(apply as Partial<Pick<FindingRow, EditableField>>), version: newVersion, field_versions: JSON.stringify(fieldVersions) });
    await recordChange(trx, { neighbourhoodId: found.campaign.neighbourhoodId, campaignId: row.campaign_id, entityType: 'FINDING', entityId: row.id }, now);
  }
  await repo.insertConflicts(trx, conflicts);
  const updated = (await repo.findFinding(trx, row.id))!;
  return { finding: toFinding(updated), conflicts: conflicts.map(toConflict) };
}

export async function openConflicts(db: DbOrTrx, findingIds: readonly string[]): Promise<FindingConflict[]> {
  return (await repo.openConflictsOf(db, findingIds)).map(toConflict);
}

/**
 * A coordinator keeps the server's value or takes the device's. The choice was made
 * against the server value recorded with the conflict: when the field changed since
 * (a later edit), nothing changes and the coordinator is asked to look again, now at the
 * value the field holds, so that no edit is overwritten unseen.
 */
export async function resolveConflict(db: Db, viewer: Viewer, input: { conflictId: string; useDeviceValue: boolean }, now = new Date()): Promise<Finding> {
  const resolved = await db.transaction().execute(async (trx) => {
    const conflict = await repo.findConflict(trx, input.conflictId);
    const finding = conflict && (await repo.findFinding(trx, conflict.finding_id));
    const campaign = finding && (await loadCampaign(trx, finding.campaign_id));
    if (!conflict || !finding || !campaign || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Dit conflict');
    if (conflict.resolved_at) throw badInput('Dit conflict is al opgelost.');
    const field = conflict.field as EditableField;
    const current = (finding[field] as string | null) ?? null;
    if (current !== conflict.server_value) {
      // Committed without touching the finding: the conflict stays open and now shows
      // the current value, so that looking again gives a choice that can be applied.
      await repo.setConflictServerValue(trx, conflict.id, current);
      return null;
    }
    if (input.useDeviceValue) {
      const fieldVersions = { ...(JSON.parse(finding.field_versions) as Record<string, number>), [field]: finding.version + 1 };
      await repo.updateFields(trx, finding.id, { [field]: conflict.device_value, version: finding.version + 1, field_versions: JSON.stringify(fieldVersions) });
      await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'FINDING', entityId: finding.id }, now);
    }
    await repo.resolveConflictRow(trx, conflict.id, now.toISOString(), input.useDeviceValue ? 'USED_DEVICE' : 'KEPT_SERVER');
    return toFinding((await repo.findFinding(trx, finding.id))!);
  });
  if (!resolved) throw new DomainError(ErrorCode.CONFLICT, 'Dit veld is intussen veranderd. Bekijk wat er nu staat en kies opnieuw.');
  return resolved;
}
