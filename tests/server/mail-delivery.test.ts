/**
 * The delivery loop against a real SMTP server in the test process: a mail refused for a
 * while (451 after DATA) waits its back-off and arrives exactly once when the server
 * accepts again; a mail server that fails every mail (unreachable, 421, a wrong password
 * at AUTH, the sender refused at MAIL FROM, no STARTTLS for a password) delays all mail,
 * gives up none and uses up no tries; a recipient refused for good (550) is given up after
 * a few tries without holding up the mails behind it; two loops never send one mail twice;
 * a resident erased or without consent by the time the mail is due gets nothing. The test
 * runs the loop's rounds itself with a clock it sets, so no test waits for a back-off.
 */
import net from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, randomToken } from '../../server/src/auth/tokens.js';
import { eraseParticipants } from '../../server/src/modules/participant/participant.repo.js';
import { tidyMailOutbox } from '../../server/src/modules/mail/mail-outbox.service.js';
import { createMailTransport } from '../../server/src/modules/mail/mail-transport.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { changeStatus, deliveryTo, findingOf, joinSchouw, outbox, PUBLIC_URL } from '../support/mail-fixture.js';
import { freePort, TestSmtpServer, type TestSmtpOptions } from '../support/smtp-test-server.js';
import { withoutForeignKeys } from '../support/test-database.js';

const BACKOFF = [60_000, 300_000, 900_000];
const tuning = { backoffMs: BACKOFF, leaseMs: 30_000 };

let fx: AccessFixture;
let smtp: TestSmtpServer;
const loops: { close(): void }[] = [];
const servers: TestSmtpServer[] = [];

beforeAll(async () => {
  fx = await accessFixture({ PUBLIC_URL });
  smtp = await TestSmtpServer.start();
});

afterAll(async () => {
  for (const loop of loops) loop.close();
  for (const server of servers) await server.close();
  await smtp?.close();
  await fx?.t.close();
});

const db = () => fx.t.app.connection.db;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

function loopTo(url: string, tuningHere: Partial<typeof tuning & { pollMs: number }> = tuning) {
  const loop = deliveryTo(db(), url, tuningHere);
  loops.push(loop);
  return loop;
}

/** A mail server of its own for one test (the shared one has no TLS and no login). */
async function ownServer(options: TestSmtpOptions) {
  const server = await TestSmtpServer.start(0, options);
  servers.push(server);
  return server;
}

/** A resident with an e-mail address and consent whose finding just changed status; the new outbox row. */
async function queuedMail(address: string) {
  const resident = await joinSchouw(fx, address);
  const findingId = await findingOf(fx, resident);
  expect((await changeStatus(fx, findingId, 'IN_BEHANDELING', 'We kijken er deze week naar.')).body.errors).toBeUndefined();
  const row = (await outbox(db())).find((r) => r.finding_id === findingId)!;
  return { resident, findingId, row };
}

const rowOf = async (id: string) => (await outbox(db())).find((r) => r.id === id)!;
const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));
const tokensOf = (participantId: string) => db().selectFrom('mail_unsubscribe_token').selectAll().where('participant_id', '=', participantId).execute();

beforeEach(() => {
  smtp.refuse = null;
});

describe('a mail refused for a while', () => {
  it.each([
    ['451 after DATA', { at: 'DATA' as const, code: 451 }, '451'],
    ['452 at RCPT TO', { at: 'RCPT' as const, code: 452 }, '452'],
  ])('%s: the mail waits through the back-off and arrives exactly once when the server accepts again', async (_name, refuse, code) => {
    const address = `uitval-${refuse.code}@voorbeeld.nl`;
    const { row, resident } = await queuedMail(address);
    const loop = loopTo(smtp.url);
    smtp.refuse = refuse;
    const t0 = new Date();
    const refusalsBefore = smtp.refusals;

    expect(await loop.round(t0)).toBe(0);
    expect(smtp.refusals).toBe(refusalsBefore + 1);
    expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 1, next_attempt_at: later(t0, BACKOFF[0]!).toISOString() });
    expect((await rowOf(row.id)).last_error).toContain(code);

    // Not before its time: a round just before the back-off ends leaves it alone.
    await loop.round(later(t0, BACKOFF[0]! - 1));
    expect(smtp.refusals).toBe(refusalsBefore + 1);

    const t1 = later(t0, BACKOFF[0]!);
    expect(await loop.round(t1)).toBe(0);
    expect(smtp.refusals).toBe(refusalsBefore + 2);
    expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 2, next_attempt_at: later(t1, BACKOFF[1]!).toISOString() });

    smtp.refuse = null;
    const t2 = later(t1, BACKOFF[1]!);
    expect(await loop.round(t2)).toBe(1);
    expect(await loop.round(later(t2, 86_400_000))).toBe(0);
    expect(mailsTo(address)).toHaveLength(1);
    expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 3, last_error: null });

    // Only the delivered copy's unsubscribe token is kept; refused copies' tokens are dropped.
    const tokens = await db().selectFrom('mail_unsubscribe_token').selectAll().where('participant_id', '=', resident.id).execute();
    expect(tokens).toHaveLength(1);
  });

});

describe('a mail server that fails every mail: no mail uses up a try or is given up', () => {
  it('a server that cannot be reached: the round stops at the first mail, the others wait untouched, and all arrive once it is up', async () => {
    const port = await freePort();
    const loop = loopTo(`smtp://127.0.0.1:${port}`);
    const first = await queuedMail('onbereikbaar-1@voorbeeld.nl');
    const second = await queuedMail('onbereikbaar-2@voorbeeld.nl');
    const t0 = new Date();

    expect(await loop.round(t0)).toBe(0);
    const [a, b] = [await rowOf(first.row.id), await rowOf(second.row.id)];
    expect(a).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect(a.last_error).toMatch(/^CONN E(SOCKET|CONNECTION)$/);
    expect(b).toMatchObject({ state: 'PENDING', attempts: 0, last_error: null });
    // The attempt never reached the server, so its unsubscribe token went again.
    expect(await tokensOf(first.resident.id)).toEqual([]);
    expect(loop.logLines.filter((line) => line.level === 50)).toHaveLength(1);

    const up = await TestSmtpServer.start(port);
    try {
      expect(await loop.round(later(t0, BACKOFF[0]!))).toBe(2);
      expect(up.received.map((mail) => mail.to[0]).sort()).toEqual(['onbereikbaar-1@voorbeeld.nl', 'onbereikbaar-2@voorbeeld.nl']);
      expect(await loop.round(later(t0, 86_400_000))).toBe(0);
      expect(up.received).toHaveLength(2);
    } finally {
      await up.close();
    }
  });

  it('421 (the server closes the connection): the mail is given back untouched, and arrives once when the server accepts again', async () => {
    const { row } = await queuedMail('sluit-af@voorbeeld.nl');
    smtp.refuse = { at: 'RCPT', code: 421 };
    const loop = loopTo(smtp.url);
    const t0 = new Date();
    for (let round = 0; round < 4; round++) expect(await loop.round(later(t0, round * BACKOFF[0]!))).toBe(0);
    expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect((await rowOf(row.id)).last_error).toMatch(/^421 CONN/);

    smtp.refuse = null;
    expect(await loop.round(later(t0, 4 * BACKOFF[0]!))).toBe(1);
    expect(mailsTo('sluit-af@voorbeeld.nl')).toHaveLength(1);
    expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 1 });
  });

  it('the sender refused for good (550 at MAIL FROM): no mail is given up, and all arrive once when the sender is accepted', async () => {
    const mails = [await queuedMail('afzender-1@voorbeeld.nl'), await queuedMail('afzender-2@voorbeeld.nl')];
    smtp.refuse = { at: 'MAIL', code: 550 };
    const loop = loopTo(smtp.url);
    const t0 = new Date();
    const refusalsBefore = smtp.refusals;
    for (let round = 0; round < 5; round++) expect(await loop.round(later(t0, round * BACKOFF[0]!))).toBe(0);
    // One refusal per round: the first answer says the server takes no mail from us now.
    expect(smtp.refusals).toBe(refusalsBefore + 5);
    for (const { row } of mails) {
      expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 0, last_error: '550 MAIL EENVELOPE' });
    }
    expect(loop.logLines.filter((line) => line.level === 50)).toHaveLength(5);
    expect(loop.logLines.filter((line) => line.level === 40)).toEqual([]);

    smtp.refuse = null;
    expect(await loop.round(later(t0, 5 * BACKOFF[0]!))).toBe(2);
    for (const { row, resident } of mails) {
      expect(mailsTo(resident.contact!)).toHaveLength(1);
      expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 1 });
    }
  });

  it('a login refused (535 at AUTH) for a while: no mail is given up, one error line per round without the credentials, and all arrive once when the login works', async () => {
    const server = await ownServer({ tls: true, login: { user: 'buurtmailer', pass: 'juist-wachtwoord' } });
    const mails = [await queuedMail('inlog-1@voorbeeld.nl'), await queuedMail('inlog-2@voorbeeld.nl'), await queuedMail('inlog-3@voorbeeld.nl')];
    const loop = loopTo(server.loginUrl());
    server.refuseLogin = 535;
    const t0 = new Date();
    // More rounds than a recipient refused for good gets tries.
    for (let round = 0; round < 4; round++) expect(await loop.round(later(t0, round * BACKOFF[0]!))).toBe(0);
    expect(server.logins).toEqual(Array.from({ length: 4 }, () => ({ accepted: false, overTls: true })));
    for (const { row, resident } of mails) {
      expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 0 });
      expect(await tokensOf(resident.id)).toEqual([]);
    }
    expect((await rowOf(mails[0]!.row.id)).last_error).toBe('535 AUTH EAUTH');
    const errors = loop.logLines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(4);
    expect(errors[0]!.raw).toContain('535 AUTH EAUTH');
    for (const line of loop.logLines) {
      expect(line.raw).not.toContain('juist-wachtwoord');
      expect(line.raw).not.toContain('buurtmailer');
    }

    server.refuseLogin = null;
    expect(await loop.round(later(t0, 4 * BACKOFF[0]!))).toBe(3);
    expect(server.received.map((mail) => mail.to[0]).sort()).toEqual(['inlog-1@voorbeeld.nl', 'inlog-2@voorbeeld.nl', 'inlog-3@voorbeeld.nl']);
    expect(await loop.round(later(t0, 86_400_000))).toBe(0);
    expect(server.received).toHaveLength(3);
    for (const { row, resident } of mails) {
      expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 1, last_error: null });
      expect(await tokensOf(resident.id)).toHaveLength(1);
    }
  });

  it('a password never goes in plain text: a server without STARTTLS gets no login, even when SMTP_URL asks for plain text, and the mail waits', async () => {
    const plain = await ownServer({ login: { user: 'buurtmailer', pass: 'geheim' } });
    const { row } = await queuedMail('alleen-tls@voorbeeld.nl');
    const t0 = new Date();
    expect(await loopTo(plain.loginUrl()).round(t0)).toBe(0);
    expect(await loopTo(`${plain.loginUrl()}?ignoreTLS=true&requireTLS=false&secure=false`).round(later(t0, 1))).toBe(0);
    expect(plain.logins).toEqual([]);
    expect(plain.received).toEqual([]);
    expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 0 });
    expect((await rowOf(row.id)).last_error).toMatch(/^5\d\d STARTTLS ETLS$/);

    // With STARTTLS offered, the same URL logs in over TLS.
    const withTls = await ownServer({ tls: true, login: { user: 'buurtmailer', pass: 'geheim' } });
    expect(await loopTo(withTls.loginUrl()).round(later(t0, 2))).toBe(1);
    expect(withTls.logins).toEqual([{ accepted: true, overTls: true }]);
  });

  it('the running loop waits its back-off after a round the mail server failed, rather than trying again every poll', async () => {
    const server = await ownServer({ tls: true, login: { user: 'buurtmailer', pass: 'geheim' } });
    server.refuseLogin = 535;
    const { row } = await queuedMail('geduld@voorbeeld.nl');
    const running = loopTo(server.loginUrl(), { ...tuning, pollMs: 5 });
    running.delivery.start();
    while (server.logins.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await running.delivery.stop();
    expect(server.logins).toHaveLength(1);

    server.refuseLogin = null;
    expect(await loopTo(server.loginUrl()).round()).toBe(1);
    expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 1 });
  });
});

describe('the SMTP connection SMTP_URL describes', () => {
  it.each([
    // Without a password: STARTTLS when offered, as nodemailer does by default.
    ['smtp://mail.example.org:25', { secure: false }, []],
    ['smtp://u:p@mail.example.org:587', { secure: false, requireTLS: true, auth: { user: 'u', pass: 'p' } }, []],
    ['smtp://u:p@mail.example.org:587?ignoreTLS=true&requireTLS=false&opportunisticTLS=true', { secure: false, requireTLS: true, auth: { user: 'u', pass: 'p' } }, ['requireTLS', 'ignoreTLS', 'opportunisticTLS']],
    ['smtps://u:p@mail.example.org:465', { secure: true, requireTLS: false, auth: { user: 'u', pass: 'p' } }, []],
    ['smtp://us%40er:p%3Ass@mail.example.org:587?tls.rejectUnauthorized=false&ignoreTLS=true', { secure: false, requireTLS: true, auth: { user: 'us@er', pass: 'p:ss' }, tls: { rejectUnauthorized: false } }, ['ignoreTLS']],
  ])('%s', (url, expected, ignored) => {
    const { transport, ignoredSwitches } = createMailTransport(url);
    try {
      const { secure, requireTLS, ignoreTLS, opportunisticTLS, auth, tls } = (transport.transporter as unknown as { options: Record<string, unknown> }).options;
      expect({ secure, requireTLS, ignoreTLS, opportunisticTLS, ...(auth ? { auth } : {}), ...(tls ? { tls } : {}) }).toEqual(expected);
      expect(ignoredSwitches).toEqual(ignored);
    } finally {
      transport.close();
    }
  });
});

describe('one bad mail never holds up the others', () => {
  it('a recipient refused for good (550) is given up after three tries, while the mail queued after it goes out at once', async () => {
    const refused = await queuedMail('bestaat-niet@voorbeeld.nl');
    const fine = await queuedMail('bestaat-wel@voorbeeld.nl');
    smtp.refuse = { at: 'RCPT', code: 550, recipient: 'bestaat-niet@voorbeeld.nl' };
    const loop = loopTo(smtp.url);
    const t0 = new Date();

    expect(await loop.round(t0)).toBe(1);
    expect(mailsTo('bestaat-wel@voorbeeld.nl')).toHaveLength(1);
    expect(await rowOf(fine.row.id)).toMatchObject({ state: 'SENT' });
    expect(await rowOf(refused.row.id)).toMatchObject({ state: 'PENDING', attempts: 1 });

    await loop.round(later(t0, BACKOFF[0]!));
    await loop.round(later(t0, BACKOFF[0]! + BACKOFF[1]!));
    expect(await rowOf(refused.row.id)).toMatchObject({ state: 'FAILED', attempts: 3 });
    expect((await rowOf(refused.row.id)).last_error).toMatch(/^550 RCPT/);
    expect((await rowOf(refused.row.id)).last_error).not.toContain('bestaat-niet');
    await loop.round(later(t0, 30 * 86_400_000));
    expect(mailsTo('bestaat-niet@voorbeeld.nl')).toHaveLength(0);
    expect((await rowOf(refused.row.id)).attempts).toBe(3);
  });

  it('two loops at the same moment send a mail once', async () => {
    const { row } = await queuedMail('twee-lussen@voorbeeld.nl');
    const [one, two] = [loopTo(smtp.url), loopTo(smtp.url)];
    const now = new Date();
    const sent = await Promise.all([one.round(now), two.round(now)]);
    expect(sent[0]! + sent[1]!).toBe(1);
    expect(mailsTo('twee-lussen@voorbeeld.nl')).toHaveLength(1);
    expect(await rowOf(row.id)).toMatchObject({ state: 'SENT', attempts: 1 });
  });
});

describe('the address is read when the mail is sent', () => {
  it('a resident erased, or who withdrew consent, before the mail went out gets nothing', async () => {
    const erased = await queuedMail('gewist@voorbeeld.nl');
    const withdrawn = await queuedMail('ingetrokken@voorbeeld.nl');
    await eraseParticipants(db(), { id: erased.resident.id }, new Date().toISOString());
    await db().updateTable('participant').set({ contact: null, contact_consent_at: null }).where('id', '=', withdrawn.resident.id).execute();

    expect(await loopTo(smtp.url).round()).toBe(0);
    expect(mailsTo('gewist@voorbeeld.nl')).toHaveLength(0);
    expect(mailsTo('ingetrokken@voorbeeld.nl')).toHaveLength(0);
    expect(await rowOf(erased.row.id)).toMatchObject({ state: 'CANCELLED', last_error: 'NO_CONSENT' });
    expect(await rowOf(withdrawn.row.id)).toMatchObject({ state: 'CANCELLED', last_error: 'NO_CONSENT' });
  });

  it('news that could not be sent within a week is given up, not sent late', async () => {
    const { row } = await queuedMail('te-laat@voorbeeld.nl');
    expect(await loopTo(smtp.url).round(new Date(Date.parse(row.created_at) + 7 * 86_400_000 + 1))).toBe(0);
    expect(mailsTo('te-laat@voorbeeld.nl')).toHaveLength(0);
    expect(await rowOf(row.id)).toMatchObject({ state: 'FAILED', last_error: 'EXPIRED' });
  });
});

describe('stopping the server', () => {
  it('ends a send in progress at once; the mail stays queued and goes out once after the next start', async () => {
    // A mail server that takes the connection and then says nothing at all.
    const connected: net.Socket[] = [];
    const silent = net.createServer((socket) => void connected.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const { row } = await queuedMail('bij-het-stoppen@voorbeeld.nl');
      // Timeouts far beyond the test's: only stop() can end this send.
      const stuck = deliveryTo(db(), `smtp://127.0.0.1:${port}`, tuning, 3_600_000);
      loops.push(stuck);
      stuck.delivery.start();
      while (connected.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await stuck.delivery.stop();
      expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 0 });

      expect(await loopTo(smtp.url).round(later(new Date(), BACKOFF[0]!))).toBe(1);
      expect(mailsTo('bij-het-stoppen@voorbeeld.nl')).toHaveLength(1);
    } finally {
      for (const socket of connected) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('a mail whose finding, participant or activity can no longer be read', () => {
  it('is cancelled at its first claim, not claimed again at every end of its lease', async () => {
    const resident = await joinSchouw(fx, 'verdwenen@voorbeeld.nl');
    const id = uuidv7();
    const now = new Date().toISOString();
    // The foreign keys keep this from happening by any route the app offers; switched off, a row can point at nothing.
    await withoutForeignKeys(db(), (trx) =>
      trx
        .insertInto('mail_outbox')
        .values({ id, participant_id: resident.id, finding_id: uuidv7(), kind: 'FINDING_STATUS', finding_status: 'AFGEHANDELD', public_message: 'Klaar.', state: 'PENDING', attempts: 0, next_attempt_at: now, created_at: now, sent_at: null, last_error: null })
        .execute(),
    );
    const loop = loopTo(smtp.url);
    const t0 = new Date();
    expect(await loop.round(t0)).toBe(0);
    expect(await rowOf(id)).toMatchObject({ state: 'CANCELLED', last_error: 'GONE', attempts: 1 });
    await loop.round(later(t0, tuning.leaseMs + 1));
    expect(await rowOf(id)).toMatchObject({ state: 'CANCELLED', attempts: 1 });
    expect(mailsTo('verdwenen@voorbeeld.nl')).toEqual([]);
  });
});

describe('housekeeping', () => {
  it('unsubscribe tokens go 90 days after their mail', async () => {
    const resident = await joinSchouw(fx, 'oude-link@voorbeeld.nl');
    const now = new Date();
    const [old, recent] = [hashSecret(randomToken(32)), hashSecret(randomToken(32))];
    await db()
      .insertInto('mail_unsubscribe_token')
      .values([
        { token_hash: old, participant_id: resident.id, created_at: new Date(now.getTime() - 91 * 86_400_000).toISOString() },
        { token_hash: recent, participant_id: resident.id, created_at: new Date(now.getTime() - 89 * 86_400_000).toISOString() },
      ])
      .execute();
    await tidyMailOutbox(db(), 7 * 86_400_000, now);
    expect((await tokensOf(resident.id)).map((token) => token.token_hash)).toEqual([recent]);
  });

  it('gives up pending mail older than a week, forgets finished mail after 30 days, and drops erased residents\' unsubscribe tokens', async () => {
    const sent = await queuedMail('opruimen-verstuurd@voorbeeld.nl');
    expect(await loopTo(smtp.url).round()).toBe(1);
    const waiting = await queuedMail('opruimen-wachtend@voorbeeld.nl');
    const tokens = () => db().selectFrom('mail_unsubscribe_token').select('token_hash').where('participant_id', '=', sent.resident.id).execute();
    expect(await tokens()).toHaveLength(1);

    // A day short of a week: nothing changes.
    await tidyMailOutbox(db(), 7 * 86_400_000, new Date(Date.parse(waiting.row.created_at) + 6 * 86_400_000));
    expect(await rowOf(waiting.row.id)).toMatchObject({ state: 'PENDING' });

    await tidyMailOutbox(db(), 7 * 86_400_000, new Date(Date.parse(waiting.row.created_at) + 8 * 86_400_000));
    expect(await rowOf(waiting.row.id)).toMatchObject({ state: 'FAILED', last_error: 'EXPIRED' });
    expect(await rowOf(sent.row.id)).toMatchObject({ state: 'SENT' });

    await eraseParticipants(db(), { id: sent.resident.id }, new Date().toISOString());
    await tidyMailOutbox(db(), 7 * 86_400_000, new Date(Date.parse(waiting.row.created_at) + 31 * 86_400_000));
    expect(await rowOf(sent.row.id)).toBeUndefined();
    expect(await rowOf(waiting.row.id)).toBeUndefined();
    expect(await tokens()).toEqual([]);
  });
});
