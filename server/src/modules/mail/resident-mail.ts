/**
 * Starts residents' e-mail for the app (news about their findings, and the confirmation
 * of a sign-up with its personal link): with SMTP_URL set, the delivery loop over a
 * nodemailer SMTP transport; without it, says once that e-mail is off. The hourly outbox
 * housekeeping runs either way. Returns one stop() for app.ts's close().
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { DEFAULT_MAIL_TUNING, MailDelivery, type MailTuning } from './mail-delivery.js';
import { createMailTransport } from './mail-transport.js';
import { tidyMailOutbox } from './mail-outbox.service.js';

const HOUSEKEEPING_MS = 3_600_000;

export function startResidentMail(db: Db, config: Pick<Config, 'mail' | 'publicUrl'>, logger: Logger, tuning: Partial<MailTuning> = {}): () => Promise<void> {
  const giveUpAfterMs = tuning.giveUpAfterMs ?? DEFAULT_MAIL_TUNING.giveUpAfterMs;
  let tidying: Promise<unknown> = Promise.resolve();
  const tidy = () => {
    tidying = tidyMailOutbox(db, giveUpAfterMs)
      .then((expired) => expired > 0 && logger.warn({ mails: expired }, 'e-mails given up: they waited too long to be sent'))
      .catch((error: unknown) => logger.error({ err: error }, 'e-mail housekeeping failed'));
  };
  tidy();
  const housekeeping = setInterval(tidy, HOUSEKEEPING_MS);
  housekeeping.unref();
  // The database closes after stop(): let a running housekeeping round finish first.
  const stopHousekeeping = async () => {
    clearInterval(housekeeping);
    await tidying;
  };

  if (!config.mail) {
    logger.info('e-mail is off (SMTP_URL is not set): residents get no e-mail about their findings, and people who sign up get no confirmation with their personal link');
    return stopHousekeeping;
  }
  const { transport, ignoredSwitches } = createMailTransport(config.mail.smtpUrl);
  if (ignoredSwitches.length > 0) {
    logger.warn({ ignored: ignoredSwitches }, 'SMTP_URL holds a password: it always goes over TLS, so these settings in SMTP_URL are ignored');
  }
  const delivery = new MailDelivery({ db, transport, from: config.mail.from, publicUrl: config.publicUrl, logger, tuning });
  delivery.start();
  // Never the URL itself: it may hold the password.
  logger.info({ mailFrom: config.mail.from }, 'e-mail is on: residents who asked for it get e-mail about their findings, and people who sign up with an e-mail address get a confirmation with their personal link');
  return async () => {
    await stopHousekeeping();
    await delivery.stop();
    transport.close();
  };
}
