/**
 * Table shapes of follow-up keys and device transfers. A follow-up key is a random secret
 * of one device, stored only as its hash; the participant rows that device joined with
 * point to it (participant.follow_up_key_id). A transfer is a one-time code that moves a
 * device's memberships and key to a new phone.
 */
import type { Selectable } from 'kysely';

export interface FollowUpKeyTable {
  id: string;
  /** SHA-256 of the key the device keeps. */
  key_hash: string;
  created_at: string;
  /** Set when the key moved to a new phone (a transfer made a new one). */
  revoked_at: string | null;
}

export interface DeviceTransferTable {
  id: string;
  /** SHA-256 of the normalised code (8 characters, shown as ABCD-EFGH). */
  code_hash: string;
  follow_up_key_id: string;
  created_at: string;
  /** A newer transfer of the same device sets this to its start, voiding the older one. */
  expires_at: string;
  used_at: string | null;
}

/** The memberships (participants) the old phone handed over with a transfer. */
export interface DeviceTransferParticipantTable {
  transfer_id: string;
  participant_id: string;
}

export type FollowUpKeyRow = Selectable<FollowUpKeyTable>;
export type DeviceTransferRow = Selectable<DeviceTransferTable>;
