/**
 * The delivery loop: sends what the outbox holds, one mail at a time, with retries and
 * back-off, so a mail server that is down delays mail and loses none. Each attempt claims
 * its row first (mail.repo.ts claimMail), so two loops never send the same mail at once.
 * The address is read at send time (mail-jobs.ts): a resident who withdrew consent or was
 * erased meanwhile gets nothing.
 *
 * A failed send is one of two kinds. About this mail (the server refused its recipient at
 * RCPT TO, or its content after DATA): the mail uses up a try and waits its back-off; a
 * permanent refusal gives it up after a few tries. About the mail server or the way there
 * (no connection, the greeting, EHLO, STARTTLS, the login, the sender at MAIL FROM): no
 * mail is at fault, so the mail is given back untouched (no try used up), the round ends,
 * and the loop itself waits the back-off before it tries the server again.
 *
 * With a job lease (resident-mail.ts), the loop runs its rounds only on the app instance
 * that holds it, so several instances on one database do not all send: the others look
 * at every poll whether the lease came free. The row claims stay the guarantee that no
 * mail goes out twice at once; the lease keeps the instances from racing for every row.
 */
import type { Transporter } from 'nodemailer';
import { randomToken } from '../../auth/tokens.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import type { JobLease } from '../jobs/job-lease.js';
import { loadMailJob, type MailJob } from './mail-jobs.js';
import * as repo from './mail.repo.js';

export interface MailTuning {
  /**
   * Waits before the 1st, 2nd, … retry of a mail, and before the loop tries again after
   * 1, 2, … rounds in a row that the mail server failed; the last one repeats.
   */
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
  /**
   * How long the instance that runs the loop holds its job lease after each renewal
   * (at least three polls): when it crashes, another instance takes over after this.
   */
  jobLeaseMs: number;
}

export const DEFAULT_MAIL_TUNING: MailTuning = {
  backoffMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000],
  pollMs: 15_000,
  leaseMs: 5 * 60_000,
  giveUpAfterMs: 7 * 86_400_000,
  permanentRejectionTries: 3,
  batchSize: 20,
  jobLeaseMs: 60_000,
};

export type MailTransport = Pick<Transporter, 'sendMail'>;

interface SmtpFailure {
  code?: string;
  /** The system error's code behind nodemailer's own (ECONNREFUSED behind ESOCKET). */
  originalCode?: string;
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
  const verb = /^[A-Z]{4,8}/.exec(failure.command ?? '')?.[0];
  const code = /^E[A-Z0-9_]{1,20}$/.test(failure.code ?? '') ? failure.code : undefined;
  return [failure.responseCode, verb, code].filter(Boolean).join(' ') || 'INTERNAL';
}

/**
 * The failure is about this mail: the server refused its recipient (RCPT TO) or its content
 * (the answer after DATA), or nodemailer could not make or stream the message. Anything
 * else (connection, greeting, EHLO, STARTTLS, login, MAIL FROM) is about the mail server,
 * and would fail every other mail just the same.
 */
export function isAboutThisMail(error: unknown): boolean {
  const failure = (error ?? {}) as SmtpFailure;
  if (failure.code === 'EMESSAGE' || failure.code === 'ESTREAM') return true;
  // 421 is the server closing down, whatever the command it answers.
  return failure.responseCode !== undefined && failure.responseCode !== 421 && (failure.command === 'RCPT TO' || failure.command === 'DATA');
}

/** System errors of a connection that never opened: nothing was sent. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether the server may have taken the message although the send failed: only when the
 * connection broke or timed out with no answer, which can happen after the message went
 * out. A reply code (a refusal), a failed DNS look-up, TLS set-up or connection, or a
 * failure at a step before the message (login, sender, recipients) means it did not arrive.
 */
export function mayHaveArrived(error: unknown): boolean {
  const failure = (error ?? {}) as SmtpFailure;
  if (failure.responseCode || failure.code === 'EDNS' || failure.code === 'ETLS' || NEVER_CONNECTED.has(failure.originalCode ?? '')) return false;
  return failure.command === undefined || failure.command === 'CONN' || failure.command === 'DATA';
}

type Outcome = 'sent' | 'cancelled' | 'failed' | 'server-failed';

export class MailDelivery {
  readonly #db: Db;
  readonly #transport: MailTransport;
  readonly #from: string;
  readonly #publicUrl: string;
  readonly #logger: Logger;
  readonly #tuning: MailTuning;
  /** Null: this loop runs its rounds without asking (one instance, or a test running rounds itself). */
  readonly #lease: JobLease | null;
  /** Ends a send in progress when the server stops: its mail is tried again after the next start. */
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  /** Rounds in a row that ended because the mail server failed; the loop waits longer after each. */
  #serverFailedRounds = 0;

  constructor(deps: { db: Db; transport: MailTransport; from: string; publicUrl: string; logger: Logger; tuning?: Partial<MailTuning>; lease?: JobLease }) {
    this.#db = deps.db;
    this.#transport = deps.transport;
    this.#from = deps.from;
    this.#publicUrl = deps.publicUrl;
    this.#logger = deps.logger;
    this.#tuning = { ...DEFAULT_MAIL_TUNING, ...deps.tuning };
    this.#lease = deps.lease ?? null;
  }

  start(): void {
    this.#schedule(0);
  }

  /**
   * Stops looking for mail, ends a send in progress (it is tried again later), waits for
   * the round to record that, and gives the job lease up: another instance's loop takes
   * over at its next poll.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#running;
    await this.#lease?.release();
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#tick()
        .catch((error: unknown) => this.#logger.error({ err: error }, 'e-mail delivery round failed'))
        .finally(() => this.#schedule(this.#roundWaitMs(this.#serverFailedRounds)));
    }, ms);
    this.#timer.unref();
  }

  /** A round, on the instance that holds the job lease (taken or renewed here); the others only ask. */
  async #tick(): Promise<void> {
    const lease = this.#lease;
    if (lease && !(await lease.acquire())) {
      // Another instance sends: ask again at the next poll, and start afresh when this one takes over.
      this.#serverFailedRounds = 0;
      return;
    }
    await this.runOnce();
    // Hold the lease over a long back-off wait too, so no other instance tries the failing mail server meanwhile.
    const wait = this.#roundWaitMs(this.#serverFailedRounds);
    if (lease && !this.#stopped && wait > lease.ttlMs / 2) await lease.acquire(wait + lease.ttlMs);
  }

  /** The wait before the next round, after `serverFailedRounds` rounds in a row that the mail server failed. */
  #roundWaitMs(serverFailedRounds: number): number {
    const { backoffMs, pollMs } = this.#tuning;
    if (serverFailedRounds === 0) return pollMs;
    return Math.max(pollMs, backoffMs[Math.min(serverFailedRounds, backoffMs.length) - 1]!);
  }

  /** One round: every due mail gets one attempt, unless the mail server fails. Returns how many were sent. */
  async runOnce(now = () => new Date()): Promise<number> {
    let sent = 0;
    let serverFailed = false;
    for (const id of await repo.dueMailIds(this.#db, now().toISOString(), this.#tuning.batchSize)) {
      if (this.#stopped) break;
      // A long round (slow sends) renews the lease on the way; when this instance stalled past it, another took the job over.
      if (this.#lease && !(await this.#lease.keep())) break;
      const started = now();
      if (!(await repo.claimMail(this.#db, id, started.toISOString(), new Date(started.getTime() + this.#tuning.leaseMs).toISOString()))) continue;
      let attempts = 1;
      const outcome: Outcome = await loadMailJob(this.#db, id, this.#publicUrl)
        .then(async (job) => {
          if (job) {
            attempts = job.attempts;
            return this.#attempt(job, started);
          }
          // What it is about (participant, finding, activity or sign-up) cannot be read: finish it, or every lease would claim it again.
          await repo.finishMail(this.#db, id, 'CANCELLED', 'GONE');
          this.#logger.warn({ mailId: id }, 'e-mail cancelled: what it is about can no longer be read');
          return 'cancelled' as const;
        })
        .catch(async (error: unknown) => {
          // A mistake of ours (not the mail server's) must not stop the mails behind this one.
          this.#logger.error({ err: error, mailId: id }, 'e-mail could not be prepared');
          await this.#retryOrGiveUp(id, started, 'INTERNAL', false, attempts);
          return 'failed' as const;
        });
      if (outcome === 'sent') sent++;
      // The mail server fails every mail now: the rest wait for their turn, untouched.
      if (outcome === 'server-failed') {
        serverFailed = true;
        break;
      }
    }
    this.#serverFailedRounds = serverFailed ? this.#serverFailedRounds + 1 : 0;
    return sent;
  }

  async #attempt(job: MailJob, started: Date): Promise<Outcome> {
    const { id } = job;
    if (job.to === null) {
      await repo.finishMail(this.#db, id, 'CANCELLED', 'NO_CONSENT');
      return 'cancelled';
    }
    if (started.getTime() - Date.parse(job.createdAt) > this.#tuning.giveUpAfterMs) {
      await repo.finishMail(this.#db, id, 'FAILED', 'EXPIRED');
      this.#logger.warn({ mailId: id, attempts: job.attempts }, 'e-mail given up: it could not be sent in time');
      return 'failed';
    }
    // A fresh link secret per attempt, stored (as a hash) before the mail leaves, so the
    // link in every copy that may have arrived works (mail-jobs.ts).
    const token = randomToken(32);
    await job.keepLink(token, started.toISOString());
    const composed = job.compose(token);
    try {
      await this.#transport.sendMail({ from: this.#from, to: job.to, subject: composed.subject, text: composed.text, headers: composed.headers, messageId: composed.messageId, signal: this.#abort.signal });
    } catch (error) {
      const code = failureCode(error);
      // This copy did not arrive, so no one will ever use its link.
      if (!mayHaveArrived(error)) await job.forgetLink(token);
      // Stopping the server is no fault of the mail's either, and nothing to log as an error.
      if (this.#abort.signal.aborted) {
        await repo.releaseMail(this.#db, id, started.toISOString(), code);
        return 'server-failed';
      }
      if (!isAboutThisMail(error)) {
        await repo.releaseMail(this.#db, id, started.toISOString(), code);
        // Once per round (the round ends here), with the code only: the server's text may echo the user name.
        const retryInSeconds = Math.round(this.#roundWaitMs(this.#serverFailedRounds + 1) / 1000);
        this.#logger.error(
          { error: code, retryInSeconds },
          'e-mail is not going out: the mail server cannot be reached, or refuses the connection, the login or the sender (check SMTP_URL and MAIL_FROM); no mail is lost or uses up a try',
        );
        return 'server-failed';
      }
      await this.#retryOrGiveUp(id, started, code, (error as SmtpFailure).permanent === true, job.attempts);
      return 'failed';
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
