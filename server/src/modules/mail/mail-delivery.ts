/**
 * The delivery loop: sends what the outbox holds, one mail at a time, with retries and
 * back-off, so a mail server that is down delays mail and loses none. Each attempt claims
 * its row first (mail.repo.ts claimMail), so two loops never send the same mail at once.
 * The address is read from the participant at send time: a resident who withdrew consent
 * or was erased meanwhile gets nothing.
 */
import type { Transporter } from 'nodemailer';
import { hashSecret, randomToken } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { composeFindingStatusMail } from './mail-message.js';
import { mayReceiveMail } from './mail-outbox.service.js';
import * as repo from './mail.repo.js';

export interface MailTuning {
  /** Waits before the 1st, 2nd, … retry; the last one repeats. */
  backoffMs: readonly number[];
  /** How often the loop looks for due mail. */
  pollMs: number;
  /** How long one attempt may hold its row; a crashed attempt's mail is due again after it. */
  leaseMs: number;
  /** Pending mail older than this is given up: news that late no longer helps. */
  giveUpAfterMs: number;
  /** A recipient the server refuses for good (5xx) is tried this many times, in case it was a mistake of the moment. */
  permanentRejectionTries: number;
  batchSize: number;
}

export const DEFAULT_MAIL_TUNING: MailTuning = {
  backoffMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000],
  pollMs: 15_000,
  leaseMs: 5 * 60_000,
  giveUpAfterMs: 7 * 86_400_000,
  permanentRejectionTries: 3,
  batchSize: 20,
};

export type MailTransport = Pick<Transporter, 'sendMail'>;

type MailToSend = NonNullable<Awaited<ReturnType<typeof repo.loadMailToSend>>>;

interface SmtpFailure {
  code?: string;
  command?: string;
  responseCode?: number;
  permanent?: boolean;
}

/**
 * What is kept and logged about a failure: the reply code, the SMTP verb and nodemailer's
 * code ("550 RCPT EENVELOPE"). Never the server's text or the command's argument: both can
 * hold the address.
 */
export function failureCode(error: unknown): string {
  const failure = (error ?? {}) as SmtpFailure;
  const verb = /^[A-Z]{4}/.exec(failure.command ?? '')?.[0];
  const code = /^E[A-Z0-9_]{1,20}$/.test(failure.code ?? '') ? failure.code : undefined;
  return [failure.responseCode, verb, code].filter(Boolean).join(' ') || 'INTERNAL';
}

export class MailDelivery {
  readonly #db: Db;
  readonly #transport: MailTransport;
  readonly #from: string;
  readonly #publicUrl: string;
  readonly #logger: Logger;
  readonly #tuning: MailTuning;
  /** Ends a send in progress when the server stops: its mail is tried again after the next start. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(deps: { db: Db; transport: MailTransport; from: string; publicUrl: string; logger: Logger; tuning?: Partial<MailTuning> }) {
    this.#db = deps.db;
    this.#transport = deps.transport;
    this.#from = deps.from;
    this.#publicUrl = deps.publicUrl;
    this.#logger = deps.logger;
    this.#tuning = { ...DEFAULT_MAIL_TUNING, ...deps.tuning };
  }

  start(): void {
    this.#schedule(0);
  }

  /** Stops looking for mail, ends a send in progress (it is tried again later) and waits for the round to record that. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.#logger.error({ err: error }, 'e-mail delivery round failed'))
        .finally(() => this.#schedule(this.#tuning.pollMs));
    }, ms);
    this.#timer.unref();
  }

  /** One round: every due mail gets one attempt, unless the mail server cannot be reached. Returns how many were sent. */
  async runOnce(now = () => new Date()): Promise<number> {
    let sent = 0;
    for (const id of await repo.dueMailIds(this.#db, now().toISOString(), this.#tuning.batchSize)) {
      if (this.#stopped) break;
      const started = now();
      if (!(await repo.claimMail(this.#db, id, started.toISOString(), new Date(started.getTime() + this.#tuning.leaseMs).toISOString()))) continue;
      let attempts = 1;
      const outcome = await repo
        .loadMailToSend(this.#db, id)
        .then((mail) => {
          attempts = mail?.attempts ?? attempts;
          return mail ? this.#attempt(mail, started) : ('cancelled' as const);
        })
        .catch(async (error: unknown) => {
          // A mistake of ours (not the mail server's) must not stop the mails behind this one.
          this.#logger.error({ err: error, mailId: id }, 'e-mail could not be prepared');
          await this.#retryOrGiveUp(id, started, 'INTERNAL', false, attempts);
          return 'failed' as const;
        });
      if (outcome === 'sent') sent++;
      // No connection, no point trying the rest now: they wait for their turn, untouched.
      if (outcome === 'unreachable') break;
    }
    return sent;
  }

  async #attempt(mail: MailToSend, started: Date): Promise<'sent' | 'cancelled' | 'failed' | 'unreachable'> {
    const { id } = mail;
    if (!mayReceiveMail(mail)) {
      await repo.finishMail(this.#db, id, 'CANCELLED', 'NO_CONSENT');
      return 'cancelled';
    }
    if (started.getTime() - Date.parse(mail.created_at) > this.#tuning.giveUpAfterMs) {
      await repo.finishMail(this.#db, id, 'FAILED', 'EXPIRED');
      this.#logger.warn({ mailId: id, attempts: mail.attempts }, 'e-mail given up: it could not be sent in time');
      return 'failed';
    }
    // A fresh token per attempt, stored (as a hash) before the mail leaves, so the link in
    // every copy that may have arrived works.
    const token = randomToken(32);
    await repo.insertUnsubscribeToken(this.#db, hashSecret(token), mail.participant_id, started.toISOString());
    const composed = composeFindingStatusMail(
      {
        mailId: mail.id,
        findingId: mail.finding_id,
        status: mail.finding_status,
        publicMessage: mail.public_message,
        category: mail.category,
        text: mail.text,
        recordedAt: mail.recorded_at,
        campaignName: mail.campaign_name,
        spotName: mail.spot_name,
        streetName: mail.street_name,
      },
      this.#publicUrl,
      token,
    );
    try {
      await this.#transport.sendMail({ from: this.#from, to: mail.contact.trim(), subject: composed.subject, text: composed.text, headers: composed.headers, messageId: composed.messageId, signal: this.#abort.signal });
    } catch (error) {
      const failure = error as SmtpFailure;
      // The server answered, so it did not take this copy: its token is of no use.
      if (failure.responseCode) await repo.deleteUnsubscribeToken(this.#db, hashSecret(token));
      await this.#retryOrGiveUp(id, started, failureCode(error), failure.permanent === true, mail.attempts);
      return failure.responseCode ? 'failed' : 'unreachable';
    }
    // A crash right here (the server took the mail, the row is not marked yet) sends it once
    // more when the lease ends. Rare and acceptable; the same Message-ID lets most mail
    // apps show the two as one.
    await repo.markSent(this.#db, id, new Date().toISOString());
    return 'sent';
  }

  async #retryOrGiveUp(id: string, started: Date, code: string, permanent: boolean, attempts: number): Promise<void> {
    if (permanent && attempts >= this.#tuning.permanentRejectionTries) {
      await repo.finishMail(this.#db, id, 'FAILED', code);
      this.#logger.warn({ mailId: id, attempts, error: code }, 'e-mail given up: the mail server refuses the recipient');
      return;
    }
    const { backoffMs } = this.#tuning;
    const wait = backoffMs[Math.min(attempts, backoffMs.length) - 1] ?? backoffMs[backoffMs.length - 1]!;
    await repo.scheduleRetry(this.#db, id, new Date(started.getTime() + wait).toISOString(), code);
    this.#logger.warn({ mailId: id, attempts, error: code, retryInSeconds: Math.round(wait / 1000) }, 'e-mail not sent yet; it is tried again later');
  }
}
