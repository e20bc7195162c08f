/** Table shapes of field participants (no account) and the invites they join with. */
import type { Selectable } from 'kysely';

export interface ParticipantInviteTable {
  id: string;
  campaign_id: string;
  /** The short code on the poster or QR code, normalised (upper case, no separators). */
  code: string;
  label: string | null;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  max_uses: number | null;
  use_count: number;
  revoked_at: string | null;
}

export interface ParticipantTable {
  id: string;
  campaign_id: string;
  invite_id: string;
  /** SHA-256 of the device's bearer token. */
  token_hash: string;
  display_name: string | null;
  contact: string | null;
  contact_consent_at: string | null;
  pseudonym: string;
  /** SQLite has no boolean: 0 or 1. */
  show_name_in_rankings: number;
  joined_at: string;
  revoked_at: string | null;
  erased_at: string | null;
  /**
   * The follow-up key of the device that joined (follow-up.table.ts): kept through
   * revocation and retention, since it names no one; null after the person erased their
   * data, and for rows from before keys existed until the device claims one.
   */
  follow_up_key_id: string | null;
}

export type ParticipantInviteRow = Selectable<ParticipantInviteTable>;
export type ParticipantRow = Selectable<ParticipantTable>;
