/**
 * The app starts residents' e-mail as `npm start` does (createApp): with SMTP_URL and
 * MAIL_FROM set, the delivery loop runs by itself and a status change reaches the mail
 * server without anyone calling it, logging in over TLS (STARTTLS); without SMTP_URL the
 * start-up log says once that e-mail is off, and never logs the SMTP URL (it may hold a
 * password). The demo data
 * provides the schouw, its invite, a spot and the coordinator.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { MAIL_FROM, outbox, PUBLIC_URL, queueDemoStatusMail } from '../support/mail-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';
import { databaseFile } from '../support/test-app.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The app on a fresh database file, with the log lines it writes. */
async function start(env: Record<string, string>) {
  const file = databaseFile();
  cleanup.push(() => file.remove());
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', PUBLIC_URL, ...file.env, ...env });
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) }));
  const app: App = await createApp(config, logger, { mail: { pollMs: 20 } });
  cleanup.push(() => app.close());
  return { app, config, lines };
}

describe('e-mail in the running app', () => {
  it('with SMTP_URL and MAIL_FROM set, the loop delivers a status change by itself, logged in over TLS', async () => {
    const smtp = await TestSmtpServer.start(0, { tls: true, login: { user: 'mailer', pass: 'geheim-wachtwoord' } });
    cleanup.push(() => smtp.close());
    const { app, config, lines } = await start({ SMTP_URL: smtp.loginUrl(), MAIL_FROM });
    await queueDemoStatusMail(app, config, 'vanzelf@voorbeeld.nl');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['vanzelf@voorbeeld.nl']);
    expect(mail!.parsed.subject).toBe('Nieuws over je melding: afgehandeld');
    expect(smtp.logins).toEqual([{ accepted: true, overTls: true }]);
    const on = lines.map((line) => JSON.parse(line) as { msg: string; mailFrom?: string }).filter((line) => line.msg.startsWith('e-mail is on'));
    expect(on).toEqual([
      expect.objectContaining({
        msg: 'e-mail is on: residents who asked for it get e-mail about their findings, and people who sign up with an e-mail address get a confirmation with their personal link',
        mailFrom: MAIL_FROM,
      }),
    ]);
    expect(lines.join('')).not.toContain('geheim-wachtwoord');
  });

  it('with a password in SMTP_URL, switches that would allow plain text are ignored, and start-up says so', async () => {
    const smtp = await TestSmtpServer.start(0, { login: { user: 'mailer', pass: 'geheim-wachtwoord' } });
    cleanup.push(() => smtp.close());
    const { lines } = await start({ SMTP_URL: `${smtp.loginUrl()}?ignoreTLS=true`, MAIL_FROM });
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string; ignored?: string[] }).find((line) => line.msg.includes('ignored'));
    expect(warning).toMatchObject({ level: 40, ignored: ['ignoreTLS'] });
    expect(lines.join('')).not.toContain('geheim-wachtwoord');
  });

  it('without SMTP_URL, start-up says once that e-mail is off; a status change is only queued', async () => {
    const { app, config, lines } = await start({});
    const off = lines.filter((line) => line.includes('e-mail is off'));
    expect(off).toHaveLength(1);
    expect(JSON.parse(off[0]!).msg).toBe('e-mail is off (SMTP_URL is not set): residents get no e-mail about their findings, and people who sign up get no confirmation with their personal link');
    await queueDemoStatusMail(app, config, 'niets@voorbeeld.nl');
    // Kept for a week in case e-mail is switched on (then it goes out); after that given up.
    expect(await outbox(app.connection.db)).toMatchObject([{ state: 'PENDING', attempts: 0 }]);
    expect(lines.filter((line) => line.includes('e-mail is off'))).toHaveLength(1);
  });
});
