/**
 * Table shapes of residents' e-mail: the outbox the status change and the sign-up write and
 * the delivery loop sends from, and the unsubscribe links' tokens. Neither holds an e-mail
 * address.
 */
import type { Selectable } from 'kysely';
import type { FindingStatus } from '../finding/finding.table.js';

/**
 * FINDING_STATUS: a finding of the participant changed status. SIGNUP_CONFIRMATION: a
 * sign-up and its personal link. SIGNUP_PLACE_FREED: someone on a date's waiting list got a place.
 */
export type MailKind = 'FINDING_STATUS' | 'SIGNUP_CONFIRMATION' | 'SIGNUP_PLACE_FREED';
export type MailState = 'PENDING' | 'SENT' | 'CANCELLED' | 'FAILED';

export interface MailOutboxTable {
  id: string;
  /** FINDING_STATUS: the recorder and the finding; null for a sign-up's mail. */
  participant_id: string | null;
  finding_id: string | null;
  /** SIGNUP_CONFIRMATION, SIGNUP_PLACE_FREED: the sign-up; null for a finding's mail. */
  signup_id: string | null;
  /** SIGNUP_PLACE_FREED: the date the person got a place on; null once that date is taken out. */
  day_id: string | null;
  kind: MailKind;
  /** FINDING_STATUS: the status the mail tells about, and the public message that came with it. */
  finding_status: FindingStatus | null;
  public_message: string | null;
  /**
   * Sign-up mail: SHA-256 of the normalised address it was queued for, to cap mail per
   * address (mail-outbox.service.ts); cleared once it no longer counts. Null for a finding's mail.
   */
  recipient_hash: string | null;
  state: MailState;
  attempts: number;
  /** Due time; while an attempt runs, the end of its lease (see mail-delivery.ts). */
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  /** A short code for operators ("451 DATA EMESSAGE", "CONN ESOCKET"), never an address or a message text. */
  last_error: string | null;
}

export interface MailUnsubscribeTokenTable {
  /** SHA-256 of the token in the mail's unsubscribe link. */
  token_hash: string;
  participant_id: string;
  created_at: string;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;
