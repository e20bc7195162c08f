/**
 * Starts residents' e-mail for the app (news about their findings, and the confirmation
 * of a sign-up with its personal link): with SMTP_URL set, the delivery loop over a
 * nodemailer SMTP transport; without it, says once that e-mail is off. The hourly outbox
 * housekeeping runs either way. Each of the two runs on one app instance at a time, the
 * holder of its job lease (modules/jobs), when several share the database. Returns one
 * stop() for app.ts's close().
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { JobLease } from '../jobs/job-lease.js';
import { runLeasedInterval } from '../jobs/leased-interval.js';
import { DEFAULT_MAIL_TUNING, MailDelivery, type MailTuning } from './mail-delivery.js';
import { createMailTransport } from './mail-transport.js';
import { tidyMailOutbox } from './mail-outbox.service.js';

const HOUSEKEEPING_MS = 3_600_000;

/** The job leases' names (job_lease.name). */
export const RESIDENT_MAIL_JOB = 'resident-mail';
export const MAIL_HOUSEKEEPING_JOB = 'mail-housekeeping';

export function startResidentMail(db: Db, config: Pick<Config, 'mail' | 'publicUrl'>, logger: Logger, tuning: Partial<MailTuning> = {}): () => Promise<void> {
  const { giveUpAfterMs, pollMs, jobLeaseMs } = { ...DEFAULT_MAIL_TUNING, ...tuning };
  // Its stop() lets a running housekeeping round finish first: the database closes after it.
  const stopHousekeeping = runLeasedInterval(db, { name: MAIL_HOUSEKEEPING_JOB, intervalMs: HOUSEKEEPING_MS, logger }, () =>
    tidyMailOutbox(db, giveUpAfterMs)
      .then((expired) => expired > 0 && logger.warn({ mails: expired }, 'e-mails given up: they waited too long to be sent'))
      .catch((error: unknown) => logger.error({ err: error }, 'e-mail housekeeping failed')),
  );

  if (!config.mail) {
    logger.info('e-mail is off (SMTP_URL is not set): residents get no e-mail about their findings, and people who sign up get no confirmation with their personal link');
    return stopHousekeeping;
  }
  const { transport, ignoredSwitches } = createMailTransport(config.mail.smtpUrl);
  if (ignoredSwitches.length > 0) {
    logger.warn({ ignored: ignoredSwitches }, 'SMTP_URL holds a password: it always goes over TLS, so these settings in SMTP_URL are ignored');
  }
  const lease = new JobLease(db, RESIDENT_MAIL_JOB, { ttlMs: Math.max(jobLeaseMs, 3 * pollMs), logger });
  const delivery = new MailDelivery({ db, transport, from: config.mail.from, publicUrl: config.publicUrl, logger, tuning, lease });
  delivery.start();
  // Never the URL itself: it may hold the password.
  logger.info({ mailFrom: config.mail.from }, 'e-mail is on: residents who asked for it get e-mail about their findings, and people who sign up with an e-mail address get a confirmation with their personal link');
  return async () => {
    await stopHousekeeping();
    await delivery.stop();
    transport.close();
  };
}
