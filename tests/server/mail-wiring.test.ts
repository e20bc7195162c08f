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
import { v7 as uuidv7 } from 'uuid';
import { createApp, type App } from '../../server/src/app.js';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { loadConfig } from '../../server/src/config.js';
import { changeFindingStatus, recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { joinCampaign } from '../../server/src/modules/participant/participant.service.js';
import { DEMO_COORDINATOR_EMAIL, DEMO_INVITE_LABEL } from '../../server/src/seed/demo-seed.js';
import { MAIL_FROM, outbox, PUBLIC_URL } from '../support/mail-fixture.js';
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

/** A resident joins the demo schouw with an e-mail address; the demo coordinator moves their finding on. */
async function statusChangeForResident(app: App, config: ReturnType<typeof loadConfig>, address: string) {
  const db = app.connection.db;
  const invite = await db
    .selectFrom('participant_invite')
    .innerJoin('campaign', 'campaign.id', 'participant_invite.campaign_id')
    .select(['participant_invite.code', 'campaign.id as campaignId', 'campaign.neighbourhood_id'])
    .where('participant_invite.label', '=', DEMO_INVITE_LABEL)
    .where('campaign.kind', '=', 'SCHOUW')
    .where('campaign.status', '=', 'OPEN')
    .executeTakeFirstOrThrow();
  const joined = await joinCampaign(db, createAuthSettings(config), { code: invite.code, displayName: 'Bewoner', contact: address, contactConsent: true, showNameInRankings: false, clientIp: '192.0.2.20' });
  const spot = await db.selectFrom('spot').select('id').where('neighbourhood_id', '=', invite.neighbourhood_id).executeTakeFirstOrThrow();
  const viewer = { kind: 'participant' as const, participantId: joined.participant.id, campaignId: invite.campaignId };
  const finding = await db
    .transaction()
    .execute((trx) => recordFinding(trx, viewer, { id: uuidv7(), campaignId: invite.campaignId, category: 'SCHOON', spotId: spot.id, text: 'Zwerfvuil', deviceTime: new Date().toISOString() }));
  const account = await db.selectFrom('staff_account').select('id').where('email', '=', DEMO_COORDINATOR_EMAIL).executeTakeFirstOrThrow();
  const coordinator = { kind: 'staff' as const, accountId: account.id, role: 'COORDINATOR' as const, organisationId: null, neighbourhoodIds: [invite.neighbourhood_id], sessionHash: '' };
  await changeFindingStatus(db, coordinator, { findingId: finding.id, status: 'AFGEHANDELD', publicMessage: 'Het zwerfvuil is opgeruimd.', requestId: 'test' });
}

describe('e-mail in the running app', () => {
  it('with SMTP_URL and MAIL_FROM set, the loop delivers a status change by itself, logged in over TLS', async () => {
    const smtp = await TestSmtpServer.start(0, { tls: true, login: { user: 'mailer', pass: 'geheim-wachtwoord' } });
    cleanup.push(() => smtp.close());
    const { app, config, lines } = await start({ SMTP_URL: smtp.loginUrl(), MAIL_FROM });
    await statusChangeForResident(app, config, 'vanzelf@voorbeeld.nl');
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
    await statusChangeForResident(app, config, 'niets@voorbeeld.nl');
    // Kept for a week in case e-mail is switched on (then it goes out); after that given up.
    expect(await outbox(app.connection.db)).toMatchObject([{ state: 'PENDING', attempts: 0 }]);
    expect(lines.filter((line) => line.includes('e-mail is off'))).toHaveLength(1);
  });
});
