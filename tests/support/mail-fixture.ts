/**
 * What the e-mail tests share: residents who join a schouw with or without an e-mail
 * address and consent, a finding of theirs, a coordinator's status change over GraphQL,
 * the outbox as the database holds it, and a delivery loop (the real one, over a real
 * SMTP connection) whose rounds the test runs itself, with a clock it sets. For tests of
 * the running app: one status change on the demo data that queues one mail.
 */
import { Writable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { joinCampaign } from '../../server/src/modules/participant/participant.service.js';
import type { App } from '../../server/src/app.js';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import type { Config } from '../../server/src/config.js';
import { changeFindingStatus, recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { DEMO_COORDINATOR_EMAIL, DEMO_INVITE_LABEL } from '../../server/src/seed/demo-seed.js';
import { MailDelivery, type MailTuning } from '../../server/src/modules/mail/mail-delivery.js';
import { createMailTransport } from '../../server/src/modules/mail/mail-transport.js';
import type { Db } from '../../server/src/db/database.js';
import type { AccessFixture } from './access-fixtures.js';

export const PUBLIC_URL = 'https://buurt.example.org';
export const MAIL_FROM = 'Buurtkracht <buurtkracht@buurt.example.org>';

export interface Resident {
  id: string;
  token: string;
  headers: Record<string, string>;
  displayName: string;
  contact: string | null;
}

let counter = 0;

/** A resident who joins the fixture's schouw, with the contact and consent given. */
export async function joinSchouw(fx: AccessFixture, contact: string | null, consent = contact !== null): Promise<Resident> {
  const invite = await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: fx.schouwA.id, requestId: 'mail-test' });
  const displayName = `Bewoner Mailtest ${++counter}`;
  const joined = await joinCampaign(fx.t.app.connection.db, fx.auth, { code: invite.code, displayName, contact, contactConsent: consent, showNameInRankings: false, clientIp: '192.0.2.10' });
  return { id: joined.participant.id, token: joined.token, headers: { authorization: `Bearer ${joined.token}` }, displayName, contact };
}

/** A finding the resident records at the fixture's playground. */
export async function findingOf(fx: AccessFixture, resident: Resident, text = 'Kapotte schommel bij de zandbak'): Promise<string> {
  const viewer = { kind: 'participant' as const, participantId: resident.id, campaignId: fx.schouwA.id };
  const finding = await fx.t.app.connection.db
    .transaction()
    .execute((trx) => recordFinding(trx, viewer, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'ONTMOETEN_SPELEN', spotId: fx.spotA.id, text, deviceTime: new Date().toISOString() }));
  return finding.id;
}

export const CHANGE_STATUS = `mutation ($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { id status } }`;

/** A status change over GraphQL, as the console sends it (the coordinator's by default). */
export async function changeStatus(fx: AccessFixture, findingId: string, status: string, publicMessage: string, role: 'coordinator' | 'partner' = 'coordinator') {
  return fx.query(role, CHANGE_STATUS, { input: { findingId, status, publicMessage } });
}

export async function outbox(db: Db) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('created_at').orderBy('id').execute();
}

/**
 * The delivery loop over the app's own SMTP transport (mail-transport.ts), not started: the
 * test runs its rounds with `round(at)`. `logLines` holds what the loop logged, as written.
 */
export function deliveryTo(db: Db, smtpUrl: string, tuning: Partial<MailTuning> = {}, timeoutMs = 5_000) {
  const { transport } = createMailTransport(smtpUrl, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  const logLines: { level: number; msg: string; raw: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const raw of String(chunk).split('\n').filter(Boolean)) logLines.push({ ...(JSON.parse(raw) as { level: number; msg: string }), raw });
      done();
    },
  });
  const delivery = new MailDelivery({ db, transport, from: MAIL_FROM, publicUrl: PUBLIC_URL, logger: pino({ level: 'info' }, sink), tuning });
  return {
    delivery,
    logLines,
    /** One round at the given time (now by default). */
    round: (at: Date = new Date()) => delivery.runOnce(() => at),
    close: () => transport.close(),
  };
}

/** A header as it was sent (mailparser turns List-* headers into objects). */
export const rawHeader = (parsed: ParsedMail, name: string): string | undefined =>
  parsed.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');

/** Every link in a text. */
export const linksIn = (text: string): URL[] => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0]));

/**
 * On an app with the demo seed: a resident with `address` joins the demo schouw, and the
 * demo coordinator moves their finding on, which queues one mail to that address.
 */
export async function queueDemoStatusMail(app: App, config: Config, address: string): Promise<void> {
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
  await changeFindingStatus(db, coordinator, { findingId: finding.id, status: 'AFGEHANDELD', publicMessage: 'Het zwerfvuil is opgeruimd.', requestId: 'mail-test' });
}
