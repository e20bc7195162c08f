/**
 * The unsubscribe link in every mail, over real HTTP: opening it (GET, as a link scanner
 * or a mail preview does) changes nothing and shows a Dutch page with a button; the button
 * or the mail app's one-click POST (RFC 8058) unsubscribes: consent withdrawn, the address
 * gone, waiting mail cancelled, an audit record, and no mail for later status changes.
 * Unknown links answer the same Dutch page and count against the caller's IP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptLimiter } from '../../server/src/auth/attempt-limiter.js';
import { describeUnsubscribeLink, unsubscribe } from '../../server/src/modules/mail/mail-unsubscribe.service.js';
import { eraseParticipants } from '../../server/src/modules/participant/participant.repo.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { changeStatus, deliveryTo, findingOf, joinSchouw, outbox, PUBLIC_URL, rawHeader, type Resident } from '../support/mail-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';

const MAX_UNKNOWN_PER_IP = 6;
let fx: AccessFixture;
let smtp: TestSmtpServer;
let loop: ReturnType<typeof deliveryTo>;

beforeAll(async () => {
  fx = await accessFixture({ PUBLIC_URL, LOGIN_MAX_ATTEMPTS_PER_IP: String(MAX_UNKNOWN_PER_IP) });
  smtp = await TestSmtpServer.start();
  loop = deliveryTo(fx.t.app.connection.db, smtp.url);
});

afterAll(async () => {
  loop?.close();
  await smtp?.close();
  await fx?.t.close();
});

const db = () => fx.t.app.connection.db;

/** A resident with a mail about a finding of theirs; the unsubscribe link's path from that mail. */
async function residentWithMail(address: string): Promise<{ resident: Resident; findingId: string; path: string }> {
  const resident = await joinSchouw(fx, address);
  const findingId = await findingOf(fx, resident);
  await changeStatus(fx, findingId, 'IN_BEHANDELING', 'We kijken er deze week naar.');
  expect(await loop.round()).toBe(1);
  const mail = smtp.received.at(-1)!;
  expect(mail.to).toEqual([address]);
  const link = new URL(rawHeader(mail.parsed, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
  return { resident, findingId, path: link.pathname };
}

const open = (path: string) => fetch(`${fx.t.url}${path}`, { headers: { accept: 'text/html' } });
const oneClick = (path: string) =>
  fetch(`${fx.t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
const participantRow = (id: string) => db().selectFrom('participant').select(['contact', 'contact_consent_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('unsubscribing with the link in a mail', () => {
  it('GET only shows what the button does: the resident keeps getting mail', async () => {
    const { resident, findingId, path } = await residentWithMail('alleen-gekeken@voorbeeld.nl');
    const response = await open(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-store');
    // The page is plain HTML with a form: the app's CSP allows it (form-action 'self', no script).
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('Schouw Staatsliedenbuurt');
    expect(html).toMatch(new RegExp(`<form method="post" action="${path}"><button type="submit">Ja, meld me af</button></form>`));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alleen-gekeken');

    expect((await participantRow(resident.id)).contact).toBe('alleen-gekeken@voorbeeld.nl');
    await changeStatus(fx, findingId, 'INGEPLAND', 'De gemeente komt volgende week.');
    expect(await loop.round()).toBe(1);
  });

  it("POST (the mail app's one-click button) withdraws consent, removes the address, cancels waiting mail and stops later mail", async () => {
    const { resident, findingId, path } = await residentWithMail('afmelden@voorbeeld.nl');
    // A second change is waiting in the outbox when the resident unsubscribes.
    await changeStatus(fx, findingId, 'INGEPLAND', 'De gemeente komt volgende week.');

    const response = await oneClick(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Je bent afgemeld');
    expect(html).toContain('Schouw Staatsliedenbuurt');
    expect(await participantRow(resident.id)).toEqual({ contact: null, contact_consent_at: null });
    const rows = (await outbox(db())).filter((row) => row.participant_id === resident.id);
    expect(rows.map((row) => row.state)).toEqual(['SENT', 'CANCELLED']);
    const audit = await db().selectFrom('audit_event').selectAll().where('subject_id', '=', resident.id).where('action', '=', 'participant.mail_unsubscribed').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain('afmelden@');

    await changeStatus(fx, findingId, 'AFGEHANDELD', 'De schommel is weer heel.');
    expect((await outbox(db())).filter((row) => row.participant_id === resident.id)).toHaveLength(2);
    const before = smtp.received.length;
    expect(await loop.round()).toBe(0);
    expect(smtp.received.length).toBe(before);

    // Again, or opened later: it stays done, and says so.
    expect((await oneClick(path)).status).toBe(200);
    const later = await (await open(path)).text();
    expect(later).toContain('Je bent al afgemeld');
    expect(later).not.toContain('<form');
    expect(await db().selectFrom('audit_event').select('id').where('subject_id', '=', resident.id).where('action', '=', 'participant.mail_unsubscribed').execute()).toHaveLength(1);
  });

  it('works with the browser form (an empty body) and with a multipart one-click POST', async () => {
    const browser = await residentWithMail('via-knop@voorbeeld.nl');
    const form = await fetch(`${fx.t.url}${browser.path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(form.status).toBe(200);
    expect((await participantRow(browser.resident.id)).contact_consent_at).toBeNull();

    const multipart = await residentWithMail('multipart@voorbeeld.nl');
    const body = new FormData();
    body.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(`${fx.t.url}${multipart.path}`, { method: 'POST', body })).status).toBe(200);
    expect((await participantRow(multipart.resident.id)).contact_consent_at).toBeNull();
  });

  it("an erased resident's link tells nothing, not even the activity", async () => {
    const { resident, path } = await residentWithMail('later-gewist@voorbeeld.nl');
    await eraseParticipants(db(), { id: resident.id }, new Date().toISOString());
    const response = await open(path);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('Deze link werkt niet');
    expect(html).not.toContain('Schouw Staatsliedenbuurt');
    expect((await oneClick(path)).status).toBe(404);
  });

  it('unknown links get the same Dutch page, and too many from one IP are refused for a while (429 with Retry-After)', async () => {
    const { path } = await residentWithMail('na-de-limiet@voorbeeld.nl');
    let limited: Response | null = null;
    for (let i = 0; i < MAX_UNKNOWN_PER_IP + 2 && !limited; i++) {
      const response = i % 2 ? await oneClick(`/mail/afmelden/${'x'.repeat(43)}`) : await open(`/mail/afmelden/onzin-${i}`);
      if (response.status === 429) limited = response;
      else {
        expect(response.status).toBe(404);
        expect(await response.text()).toContain('We kennen deze afmeldlink niet');
      }
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited!.text()).toContain('Probeer het over');
    // While limited, even a real link waits: the limit does not tell real from made-up.
    expect((await oneClick(path)).status).toBe(429);
  });

  it('unknown links sent in parallel from one IP: no more than the limit get through, because each is counted before its look-up', async () => {
    const guesses = Array.from({ length: MAX_UNKNOWN_PER_IP + 4 }, (_, i) =>
      i % 2
        ? describeUnsubscribeLink(db(), fx.auth, `${String(i).padStart(2, '0')}${'y'.repeat(41)}`, '198.51.100.21')
        : unsubscribe(db(), fx.auth, { token: `${String(i).padStart(2, '0')}${'z'.repeat(41)}`, clientIp: '198.51.100.21', requestId: 'parallel' }),
    );
    const kinds = (await Promise.all(guesses)).map((result) => result.kind);
    expect(kinds.filter((kind) => kind === 'unknown')).toHaveLength(MAX_UNKNOWN_PER_IP);
    expect(kinds.filter((kind) => kind === 'limited')).toHaveLength(4);
  });

  it('asks the limiter before the write transaction: a slow limiter (Redis far away) holds no write lock', async () => {
    const { resident, path } = await residentWithMail('trage-limiet@voorbeeld.nl');
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const waiting = new Promise<void>((resolve) => (asked = resolve));
    const slow: AttemptLimiter = {
      attempt: async (key) => {
        asked();
        await released;
        return fx.auth.loginLimiterPerIp.attempt(key);
      },
      forgive: (key) => fx.auth.loginLimiterPerIp.forgive(key),
      reset: (key) => fx.auth.loginLimiterPerIp.reset(key),
    };
    const pending = unsubscribe(db(), { ...fx.auth, loginLimiterPerIp: slow }, { token: path.split('/').at(-1)!, clientIp: '198.51.100.23', requestId: 'traag' });
    await waiting;
    // Another write goes ahead while the limiter has not answered yet.
    const write = db().transaction().execute((trx) => trx.updateTable('participant').set({ show_name_in_rankings: 1 }).where('id', '=', resident.id).execute());
    const outcome = await Promise.race([write.then(() => 'written'), new Promise((resolve) => setTimeout(() => resolve('blocked'), 2_000))]);
    release();
    expect(outcome).toBe('written');
    expect((await pending).kind).toBe('found');
    expect((await participantRow(resident.id)).contact_consent_at).toBeNull();
  });

  it('reads the link again inside the transaction: a resident erased after the check is not unsubscribed or audited', async () => {
    const { resident, path } = await residentWithMail('net-gewist@voorbeeld.nl');
    const eraseOnForgive: AttemptLimiter = {
      attempt: (key) => fx.auth.loginLimiterPerIp.attempt(key),
      // forgive comes after the check found the link, before the transaction.
      forgive: async (key) => {
        await eraseParticipants(db(), { id: resident.id }, new Date().toISOString());
        await fx.auth.loginLimiterPerIp.forgive(key);
      },
      reset: (key) => fx.auth.loginLimiterPerIp.reset(key),
    };
    const result = await unsubscribe(db(), { ...fx.auth, loginLimiterPerIp: eraseOnForgive }, { token: path.split('/').at(-1)!, clientIp: '198.51.100.24', requestId: 'net-gewist' });
    expect(result.kind).toBe('unknown');
    expect(await db().selectFrom('audit_event').select('id').where('subject_id', '=', resident.id).where('action', '=', 'participant.mail_unsubscribed').execute()).toEqual([]);
  });

  it('a link that works does not count against the IP, and does not wipe out the unknown ones counted before it', async () => {
    const { path } = await residentWithMail('telt-niet@voorbeeld.nl');
    const token = path.split('/').at(-1)!;
    const ip = '198.51.100.22';
    // Far more uses of a real link than the limit: all answered.
    for (let i = 0; i < MAX_UNKNOWN_PER_IP * 2; i++) expect((await describeUnsubscribeLink(db(), fx.auth, token, ip)).kind).toBe('found');
    // Unknown ones before and after a real one add up to the limit.
    const half = MAX_UNKNOWN_PER_IP / 2;
    for (let i = 0; i < half; i++) expect((await describeUnsubscribeLink(db(), fx.auth, `onbekend-${i}`, ip)).kind).toBe('unknown');
    expect((await unsubscribe(db(), fx.auth, { token, clientIp: ip, requestId: 'echt' })).kind).toBe('found');
    for (let i = half; i < MAX_UNKNOWN_PER_IP; i++) expect((await describeUnsubscribeLink(db(), fx.auth, `onbekend-${i}`, ip)).kind).toBe('unknown');
    expect((await describeUnsubscribeLink(db(), fx.auth, 'nog-een', ip)).kind).toBe('limited');
  });
});
