/** Table shapes of the account module: organisations, staff accounts, sessions, invites. */
import type { Insertable, Selectable } from 'kysely';
import type { StaffRole } from '../../auth/viewer.js';

export interface OrganisationTable {
  id: string;
  name: string;
  created_at: string;
}

export interface StaffAccountTable {
  id: string;
  /** Lower-cased; the sign-in name. */
  email: string;
  display_name: string;
  password_hash: string;
  role: StaffRole;
  /** Required for PARTNER, null otherwise. */
  organisation_id: string | null;
  disabled_at: string | null;
  created_at: string;
  password_changed_at: string;
}

export interface CoordinatorNeighbourhoodTable {
  account_id: string;
  neighbourhood_id: string;
}

export interface StaffSessionTable {
  /** SHA-256 of the session id in the cookie. */
  id_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry; idle expiry is computed from last_seen_at. */
  expires_at: string;
}

export interface StaffInviteTable {
  id: string;
  token_hash: string;
  email: string;
  role: StaffRole;
  organisation_id: string | null;
  /** JSON array of neighbourhood ids a coordinator will work in. */
  neighbourhood_ids: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type StaffAccountRow = Selectable<StaffAccountTable>;
export type NewStaffAccountRow = Insertable<StaffAccountTable>;
export type StaffSessionRow = Selectable<StaffSessionTable>;
export type StaffInviteRow = Selectable<StaffInviteTable>;
export type NewStaffInviteRow = Insertable<StaffInviteTable>;
