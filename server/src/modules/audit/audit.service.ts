/**
 * The audit log: who did what to personal data or to a status, and when. Written in the
 * same transaction as the action, so an action and its record stand or fall together.
 */
import { v7 as uuidv7 } from 'uuid';
import { isAdmin, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import type { KeysetPage } from '../../db/keyset.js';
import { notFound } from '../../domain-error.js';
import * as repo from './audit.repo.js';

export type AuditAction =
  | 'staff.invited'
  | 'staff.joined'
  | 'staff.disabled'
  | 'staff.password_changed'
  | 'campaign.created'
  | 'campaign.copied'
  | 'campaign.questionnaire_set'
  | 'campaign.status_changed'
  | 'participant_invite.created'
  | 'participant_invite.revoked'
  | 'participant.contact_viewed'
  | 'participant.revoked'
  | 'participant.erased_by_self'
  | 'participant.consent_changed_by_self'
  | 'participant.mail_unsubscribed'
  | 'participant.moved_to_new_device'
  | 'device_transfer.started'
  | 'device_transfer.completed'
  | 'campaign.personal_data_erased'
  | 'finding.status_changed'
  | 'finding.routed'
  | 'observation.promoted'
  | 'action_item.created'
  | 'action_item.status_changed'
  | 'action_item.updated'
  | 'action_item.findings_changed'
  | 'action_item.deleted'
  | 'finding_photo.public_changed'
  | 'campaign.exported'
  | 'campaign.signup_opened'
  | 'campaign.signup_closed'
  | 'campaign.tools_saved'
  | 'campaign.prizes_set'
  | 'campaign.units_set'
  | 'campaign_day.capacity_changed'
  | 'campaign_day.streets_set'
  | 'signup.promoted'
  | 'signup.removed'
  | 'signup.contacts_viewed'
  | 'signup.addresses_viewed'
  | 'tally.addresses_viewed';

export interface AuditEvent {
  id: string;
  at: string;
  actorAccountId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  actorAccountId: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, string | number | boolean | null>;
  requestId?: string;
}

export async function recordAudit(trx: DbOrTrx, entry: AuditEntry, now = new Date()): Promise<void> {
  await repo.insertAuditEvent(trx, {
    id: uuidv7(),
    at: now.toISOString(),
    actor_account_id: entry.actorAccountId,
    action: entry.action,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    request_id: entry.requestId ?? null,
  });
}

export async function listAuditEvents(db: DbOrTrx, viewer: Viewer, page: KeysetPage): Promise<AuditEvent[]> {
  if (!isAdmin(viewer)) throw notFound();
  return (await repo.listAuditEvents(db, page)).map((row) => ({
    id: row.id,
    at: row.at,
    actorAccountId: row.actor_account_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: row.detail,
    requestId: row.request_id,
  }));
}
