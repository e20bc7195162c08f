/**
 * Who gets e-mail about a finding or a sign-up, and the outbox row that promises it. The
 * row is written by the status change's or the sign-up's own transaction (finding.service.ts,
 * signup.service.ts), so an action and its mail stand or fall together; the delivery loop
 * (mail-delivery.ts) sends it later.
 */
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../auth/tokens.js';
import type { DbOrTrx } from '../../db/database.js';
import type { FindingStatus } from '../finding/finding.table.js';
import * as repo from './mail.repo.js';
import type { MailRecipient } from './mail.repo.js';

/**
 * A plain check, not a full RFC 5322 parser: the contact field holds an e-mail address or
 * a phone number, and only the first gets mail. No spaces, commas or angle brackets, so
 * the value can only ever be one address.
 */
export const isEmailAddress = (contact: string): boolean => contact.length <= 200 && /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/.test(contact);

/**
 * The resident still wants to hear about their findings and left an e-mail address for it.
 * A revoked device does not matter (that ends the phone's access, not the person's
 * consent); an erased participant has no contact any more.
 */
export function mayReceiveMail(recipient: MailRecipient): recipient is MailRecipient & { contact: string } {
  return recipient.erased_at === null && recipient.contact_consent_at !== null && recipient.contact !== null && isEmailAddress(recipient.contact.trim());
}

export interface FindingStatusMail {
  findingId: string;
  /** The finding's recorder; null when staff recorded it (no one to tell). */
  participantId: string | null;
  status: FindingStatus;
  publicMessage: string;
}

/** Queues the mail when the recorder asked for it; call inside the status change's transaction. True when queued. */
export async function queueFindingStatusMail(trx: DbOrTrx, mail: FindingStatusMail, now = new Date()): Promise<boolean> {
  if (!mail.participantId) return false;
  const recipient = await repo.findRecipient(trx, mail.participantId);
  if (!recipient || !mayReceiveMail(recipient)) return false;
  const at = now.toISOString();
  await repo.insertOutboxMail(trx, {
    id: uuidv7(),
    participant_id: mail.participantId,
    finding_id: mail.findingId,
    signup_id: null,
    kind: 'FINDING_STATUS',
    finding_status: mail.status,
    public_message: mail.publicMessage,
    state: 'PENDING',
    attempts: 0,
    next_attempt_at: at,
    created_at: at,
    sent_at: null,
    last_error: null,
  });
  return true;
}

/**
 * Anyone can sign up with any address, so the public form could make this server mail a
 * stranger again and again. Sign-up mail to one address is capped: beyond the cap the
 * sign-up still works, only without mail (never an error to the person).
 */
export const SIGNUP_MAILS_PER_ADDRESS = 3;
export const SIGNUP_MAIL_WINDOW_MS = 24 * 3_600_000;

/** What the cap counts by: a hash of the address, lower case without spaces around it; the address itself is never stored. */
export const recipientHash = (address: string): string => hashSecret(address.trim().toLowerCase());

async function queueSignupMail(trx: DbOrTrx, signup: MailRecipient & { id: string }, kind: 'SIGNUP_CONFIRMATION' | 'SIGNUP_PLACE_FREED', dayId: string | null, now: Date): Promise<boolean> {
  if (!mayReceiveMail(signup)) return false;
  const hash = recipientHash(signup.contact);
  const since = new Date(now.getTime() - SIGNUP_MAIL_WINDOW_MS).toISOString();
  // The sign-up's write transaction holds the write lock, so two sign-ups cannot both take the last mail.
  if ((await repo.countMailToRecipientSince(trx, hash, since)) >= SIGNUP_MAILS_PER_ADDRESS) return false;
  const at = now.toISOString();
  await repo.insertOutboxMail(trx, { id: uuidv7(), signup_id: signup.id, day_id: dayId, kind, recipient_hash: hash, state: 'PENDING', attempts: 0, next_attempt_at: at, created_at: at });
  return true;
}

/**
 * Queues the confirmation of a new sign-up (with its personal link) when the person gave an
 * e-mail address with consent, within the cap per address; call inside the sign-up's
 * transaction. True when queued. Like a finding's mail it waits in the outbox while e-mail
 * is off, and is given up after a while (tidyMailOutbox).
 */
export function queueSignupConfirmationMail(trx: DbOrTrx, signup: MailRecipient & { id: string }, now = new Date()): Promise<boolean> {
  return queueSignupMail(trx, signup, 'SIGNUP_CONFIRMATION', null, now);
}

/**
 * The consent text promises a message when a place frees: queues it for someone who moved
 * up from a date's waiting list, when they gave an e-mail address with consent, within the
 * same cap per address; call inside the transaction that moved them up. True when queued.
 */
export function queueSignupPlaceFreedMail(trx: DbOrTrx, signup: MailRecipient & { id: string }, dayId: string, now = new Date()): Promise<boolean> {
  return queueSignupMail(trx, signup, 'SIGNUP_PLACE_FREED', dayId, now);
}

/** Finished mail (sent, cancelled, given up) is kept this long, for an operator to look into. */
export const FINISHED_MAIL_KEPT_MS = 30 * 86_400_000;

/**
 * An unsubscribe link works this long after its mail was sent. Each mail brings a new one,
 * so someone who still gets mail always has a working link; the tokens of years of mail do
 * not pile up.
 */
export const UNSUBSCRIBE_TOKEN_KEPT_MS = 90 * 86_400_000;

/**
 * Housekeeping, hourly, whether e-mail is on or off: pending mail too old to be news is
 * given up (also what queued while e-mail was off), finished mail is removed after
 * FINISHED_MAIL_KEPT_MS, unsubscribe tokens after UNSUBSCRIBE_TOKEN_KEPT_MS, erased
 * participants' unsubscribe tokens at once, and address hashes once they no longer count.
 */
export async function tidyMailOutbox(db: DbOrTrx, giveUpAfterMs: number, now = new Date()): Promise<number> {
  const expired = await repo.expirePendingBefore(db, new Date(now.getTime() - giveUpAfterMs).toISOString());
  await repo.deleteFinishedBefore(db, new Date(now.getTime() - FINISHED_MAIL_KEPT_MS).toISOString());
  await repo.deleteUnsubscribeTokensBefore(db, new Date(now.getTime() - UNSUBSCRIBE_TOKEN_KEPT_MS).toISOString());
  await repo.clearRecipientHashesBefore(db, new Date(now.getTime() - SIGNUP_MAIL_WINDOW_MS).toISOString());
  return expired;
}
