/**
 * Table shapes of residents' e-mail: the outbox the status change writes and the delivery
 * loop sends from, and the unsubscribe links' tokens. Neither holds an e-mail address.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, DbOrTrx } from '../../db/database.js';
import type { FindingStatus } from '../finding/finding.table.js';

export type MailKind = 'FINDING_STATUS';
export type MailState = 'PENDING' | 'SENT' | 'CANCELLED' | 'FAILED';

export interface MailOutboxTable {
  id: string;
  participant_id: string;
  finding_id: string;
  kind: MailKind;
  /** The status the mail tells about, and the public message that came with it. */
  finding_status: FindingStatus;
  public_message: string;
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

export type MailTables = {
  mail_outbox: MailOutboxTable;
  mail_unsubscribe_token: MailUnsubscribeTokenTable;
};

/**
 * The connection typed with these tables too. db/database.ts lists every table; until
 * these are added there, the mail repo types its queries through this (a type-only step:
 * at run time it is the same connection or transaction).
 */
export const withMailTables = (db: DbOrTrx) => (db as Kysely<Database>).withTables<MailTables>();
