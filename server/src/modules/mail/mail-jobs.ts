/**
 * What the delivery loop needs of a claimed outbox row, whatever it is about: the address
 * (read now, so a withdrawn consent or an erasure before sending means no mail), and the
 * message with a link secret made for this attempt. The secret's hash is stored before
 * the mail leaves, so the link works in every copy that may have arrived, and removed
 * again when the copy cannot have arrived. A finding's mail carries an unsubscribe link;
 * a sign-up's mail (its confirmation, a freed place) carries the sign-up's personal link.
 */
import { hashSecret } from '../../auth/tokens.js';
import type { DbOrTrx } from '../../db/database.js';
import { findSignup, insertSignupMailLink, deleteSignupMailLink } from '../signup/signup.repo.js';
import { loadMySignup } from '../signup/signup-view.js';
import { composeFindingStatusMail, type ComposedMail } from './mail-message.js';
import { mayReceiveMail } from './mail-outbox.service.js';
import * as repo from './mail.repo.js';
import { composeSignupConfirmationMail } from './signup-confirmation-mail.js';
import { composeSignupPlaceFreedMail } from './signup-place-freed-mail.js';

export interface MailJob {
  id: string;
  attempts: number;
  createdAt: string;
  /** Null when the person no longer wants or can get this mail. */
  to: string | null;
  keepLink(token: string, at: string): Promise<void>;
  forgetLink(token: string): Promise<void>;
  compose(token: string): ComposedMail;
}

async function findingStatusJob(db: DbOrTrx, id: string, publicUrl: string): Promise<MailJob | undefined> {
  const mail = await repo.loadMailToSend(db, id);
  if (!mail || !mail.participant_id || !mail.finding_id || !mail.finding_status) return undefined;
  const { participant_id: participantId, finding_id: findingId, finding_status: status } = mail;
  return {
    id: mail.id,
    attempts: mail.attempts,
    createdAt: mail.created_at,
    to: mayReceiveMail(mail) ? mail.contact.trim() : null,
    keepLink: (token, at) => repo.insertUnsubscribeToken(db, hashSecret(token), participantId, at),
    forgetLink: (token) => repo.deleteUnsubscribeToken(db, hashSecret(token)),
    compose: (token) =>
      composeFindingStatusMail(
        {
          mailId: mail.id,
          findingId,
          status,
          publicMessage: mail.public_message ?? '',
          category: mail.category,
          text: mail.text,
          recordedAt: mail.recorded_at,
          campaignName: mail.campaign_name,
          spotName: mail.spot_name,
          streetName: mail.street_name,
        },
        publicUrl,
        token,
      ),
  };
}

/**
 * A sign-up's mail: the confirmation, or a freed place on a date. Both carry a personal
 * link of their own. A freed place is told only while the person still holds that date
 * (a date taken out, or taken off the sign-up since, means no mail).
 */
async function signupJob(db: DbOrTrx, id: string, publicUrl: string, kind: 'SIGNUP_CONFIRMATION' | 'SIGNUP_PLACE_FREED'): Promise<MailJob | undefined> {
  const mail = await repo.loadSignupMail(db, id);
  const signup = mail?.signup_id ? await findSignup(db, mail.signup_id) : undefined;
  if (!mail || !signup) return undefined;
  const current = await loadMySignup(db, signup);
  const freedDay = kind === 'SIGNUP_PLACE_FREED' ? current.days.find((d) => d.day.id === mail.day_id && d.status === 'CONFIRMED')?.day : undefined;
  const wanted = signup.cancelled_at === null && mayReceiveMail(signup) && (kind === 'SIGNUP_CONFIRMATION' || freedDay !== undefined);
  return {
    id: mail.id,
    attempts: mail.attempts,
    createdAt: mail.created_at,
    to: wanted ? signup.contact!.trim() : null,
    keepLink: (token, at) => insertSignupMailLink(db, hashSecret(token), signup.id, at),
    forgetLink: (token) => deleteSignupMailLink(db, hashSecret(token)),
    compose: (token) =>
      freedDay
        ? composeSignupPlaceFreedMail({ mailId: mail.id, campaignName: current.campaignName, day: freedDay }, publicUrl, token)
        : composeSignupConfirmationMail({ mailId: mail.id, signup: current }, publicUrl, token),
  };
}

/** The job of a claimed row, or undefined when what it is about can no longer be read. */
export async function loadMailJob(db: DbOrTrx, id: string, publicUrl: string): Promise<MailJob | undefined> {
  const kind = await repo.mailKindOf(db, id);
  switch (kind) {
    case 'FINDING_STATUS':
      return findingStatusJob(db, id, publicUrl);
    case 'SIGNUP_CONFIRMATION':
    case 'SIGNUP_PLACE_FREED':
      return signupJob(db, id, publicUrl, kind);
    default:
      return undefined;
  }
}
