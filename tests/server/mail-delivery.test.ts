/**
 * The delivery loop against a real SMTP server in the test process: a server that refuses
 * for a while (421 at RCPT, 451 after DATA) or cannot be reached at all delays mail and
 * loses none, and sends it exactly once when it accepts again, after the back-off and not
 * before; a recipient refused for good (550) is given up after a few tries without holding
 * up the mails behind it; two loops never send one mail twice; a resident erased or without
 * consent by the time the mail is due gets nothing. The test runs the loop's rounds itself
 * with a clock it sets, so no test waits for a back-off.
 */
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eraseParticipants } from '../../server/src/modules/participant/participant.repo.js';
import { tidyMailOutbox } from '../../server/src/modules/mail/mail-outbox.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { changeStatus, deliveryTo, findingOf, joinSchouw, outbox, PUBLIC_URL } from '../support/mail-fixture.js';
import { freePort, TestSmtpServer } from '../support/smtp-test-server.js';

const BACKOFF = [60_000, 300_000, 900_000];
const tuning = { backoffMs: BACKOFF, leaseMs: 30_000 };

let fx: AccessFixture;
let smtp: TestSmtpServer;
const loops: { close(): void }[] = [];

beforeAll(async () => {
  fx = await accessFixture({ PUBLIC_URL });
  smtp = await TestSmtpServer.start();
});

afterAll(async () => {
  for (const loop of loops) loop.close();
  await smtp?.close();
  await fx?.t.close();
});

const db = () => fx.t.app.connection.db;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

function loopTo(url: string) {
  const loop = deliveryTo(db(), url, tuning);
  loops.push(loop);
  return loop;
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

beforeEach(() => {
  smtp.refuse = null;
});

describe('a mail server that refuses for a while', () => {
  it.each([
    // smtp-server closes the connection after a 421, so nodemailer reports it as the connection's.
    ['421 at RCPT TO', { at: 'RCPT' as const, code: 421 }, '421'],
    ['451 after DATA', { at: 'DATA' as const, code: 451 }, '451'],
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

  it('a server that cannot be reached: the round stops at the first mail, the others wait untouched, and all arrive once it is up', async () => {
    const port = await freePort();
    const loop = loopTo(`smtp://127.0.0.1:${port}`);
    const first = await queuedMail('onbereikbaar-1@voorbeeld.nl');
    const second = await queuedMail('onbereikbaar-2@voorbeeld.nl');
    const t0 = new Date();

    expect(await loop.round(t0)).toBe(0);
    const [a, b] = [await rowOf(first.row.id), await rowOf(second.row.id)];
    expect(a).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(a.last_error).toMatch(/^CONN E(SOCKET|CONNECTION)$/);
    expect(b).toMatchObject({ state: 'PENDING', attempts: 0, last_error: null });

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
      expect(await rowOf(row.id)).toMatchObject({ state: 'PENDING', attempts: 1 });

      expect(await loopTo(smtp.url).round(later(new Date(), BACKOFF[0]!))).toBe(1);
      expect(mailsTo('bij-het-stoppen@voorbeeld.nl')).toHaveLength(1);
    } finally {
      for (const socket of connected) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('housekeeping', () => {
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
