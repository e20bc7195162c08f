/**
 * Unsubscribing with the link in a mail: reading the link (GET) only says what it would do;
 * confirming it (POST, also the mail app's one-click button, RFC 8058) withdraws the
 * resident's consent to be told about findings, drops the contact details given for it,
 * cancels mail still waiting and writes an audit record. Unknown links count against the
 * caller's IP, as unknown invite codes do.
 */
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../audit/audit.service.js';
import { withdrawContactConsent } from '../participant/consent.repo.js';
import * as repo from './mail.repo.js';

/** What the link is about: the activity's name, and whether mail still goes to the person. */
export interface UnsubscribeLink {
  campaignName: string;
  subscribed: boolean;
}

export type UnsubscribeLookup = { kind: 'found'; link: UnsubscribeLink } | { kind: 'unknown' } | { kind: 'limited'; retryAfterSeconds: number };

/** Tokens are 32 random bytes in base64url; anything else is unknown without asking the database. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Counts the look-up against the caller's IP; never inside a write transaction (the limiter may be a Redis round trip). */
async function lookUp(db: Db, settings: AuthSettings, token: string, clientIp: string) {
  const key = `mail-unsubscribe:${clientIp}`;
  // Counted before the look-up, so parallel guesses cannot all pass before the first is
  // counted; a link that works is forgiven (only its own count, not the IP's other failures).
  const verdict = await settings.loginLimiterPerIp.attempt(key);
  if (!verdict.allowed) return { kind: 'limited', retryAfterSeconds: verdict.retryAfterSeconds } as const;
  const row = TOKEN_SHAPE.test(token) ? await repo.findUnsubscribeToken(db, hashSecret(token)) : undefined;
  // An erased participant's link tells nothing any more, not even the activity.
  if (!row || row.erased_at) return { kind: 'unknown' } as const;
  await settings.loginLimiterPerIp.forgive(key);
  return { kind: 'found', row } as const;
}

/** For the page behind the link: changes nothing, so a link scanner that opens it unsubscribes no one. */
export async function describeUnsubscribeLink(db: Db, settings: AuthSettings, token: string, clientIp: string): Promise<UnsubscribeLookup> {
  const found = await lookUp(db, settings, token, clientIp);
  if (found.kind !== 'found') return found;
  return { kind: 'found', link: { campaignName: found.row.campaign_name, subscribed: found.row.contact_consent_at !== null } };
}

/**
 * Unsubscribes the person the link was sent to; doing it twice is fine. The link is checked
 * against the limit before the write transaction (with REDIS_URL the limiter is a network
 * round trip, and on PostgreSQL every write transaction holds the one write lock), and
 * read again inside it: the person may have been erased in between.
 */
export async function unsubscribe(db: Db, settings: AuthSettings, input: { token: string; clientIp: string; requestId: string }, now = new Date()): Promise<UnsubscribeLookup> {
  const checked = await lookUp(db, settings, input.token, input.clientIp);
  if (checked.kind !== 'found') return checked;
  return db.transaction().execute(async (trx) => {
    const row = await repo.findUnsubscribeToken(trx, hashSecret(input.token));
    if (!row || row.erased_at) return { kind: 'unknown' } as const;
    const participantId = row.participant_id;
    if (await withdrawContactConsent(trx, participantId)) {
      const cancelled = await repo.cancelPendingMail(trx, participantId, 'UNSUBSCRIBED');
      await recordAudit(trx, { actorAccountId: null, action: 'participant.mail_unsubscribed', subjectType: 'participant', subjectId: participantId, detail: { cancelledMails: cancelled }, requestId: input.requestId }, now);
    }
    return { kind: 'found', link: { campaignName: row.campaign_name, subscribed: false } };
  });
}
