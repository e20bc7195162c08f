/**
 * A resident who left an e-mail address and asked to hear about their findings gets one
 * short Dutch mail per status change a coordinator or partner makes: what the finding was,
 * its new status, the public message, a link that opens it in the app (with nothing of a
 * person in it) and a one-click unsubscribe. Nobody else gets mail, and the mail is queued
 * in the status change's own transaction. Over a real SMTP connection to a server in the
 * test process; the app runs on a database file with the sync worker.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeFindingStatus } from '../../server/src/modules/finding/finding.service.js';
import { routeFinding } from '../../server/src/modules/finding/finding.service.js';
import { eraseParticipants } from '../../server/src/modules/participant/participant.repo.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { changeStatus, deliveryTo, findingOf, joinSchouw, linksIn, outbox, PUBLIC_URL, rawHeader } from '../support/mail-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';
import { failInsertsWhere } from '../support/test-database.js';

let fx: AccessFixture;
let smtp: TestSmtpServer;
let loop: ReturnType<typeof deliveryTo>;

beforeAll(async () => {
  fx = await accessFixture({ PUBLIC_URL });
  smtp = await TestSmtpServer.start();
  loop = deliveryTo(fx.t.app.connection.db, smtp.url);
});

afterAll(async () => {
  loop?.close();
  await smtp?.close();
  await fx?.t.close();
});

const db = () => fx.t.app.connection.db;

describe('e-mail about a status change', () => {
  it('sends the resident who asked for it exactly one mail with the status, the public message, a link to the finding and an unsubscribe', async () => {
    const resident = await joinSchouw(fx, 'anna.de.vries@voorbeeld.nl');
    const findingId = await findingOf(fx, resident, 'Kapotte schommel bij de zandbak, al twee weken');
    const message = 'De gemeente komt de schommel volgende week maken.';
    const changed = await changeStatus(fx, findingId, 'INGEPLAND', message);
    expect(changed.body.errors).toBeUndefined();

    const before = smtp.received.length;
    expect(await loop.round()).toBe(1);
    expect(await loop.round()).toBe(0);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(1);
    const { parsed, to } = mails[0]!;
    expect(to).toEqual(['anna.de.vries@voorbeeld.nl']);
    expect(parsed.from?.value).toEqual([{ name: 'Buurtkracht', address: 'buurtkracht@buurt.example.org' }]);
    expect(parsed.subject).toBe('Nieuws over je melding: ingepland');
    const text = parsed.text ?? '';
    expect(text).toContain(message);
    expect(text).toContain('Je melding is nu: ingepland.');
    expect(text).toContain('Onderwerp: Ontmoeten & spelen');
    expect(text).toMatch(/Plek: Speeltuin \(.+\)/);
    expect(text).toContain('Je schreef: "Kapotte schommel bij de zandbak, al twee weken"');

    // The link opens the finding in the app and says nothing about a person.
    const findingLink = linksIn(text).find((url) => url.pathname === '/schouw/mijn')!;
    expect(findingLink.origin).toBe(PUBLIC_URL);
    expect([...findingLink.searchParams.keys()]).toEqual(['bevinding']);
    expect(findingLink.searchParams.get('bevinding')).toBe(findingId);
    for (const url of linksIn(text)) {
      for (const personal of [resident.id, resident.token, resident.displayName, 'anna', 'voorbeeld.nl']) expect(url.href).not.toContain(personal);
    }
    // Not even the resident's own name is in the mail; nor anyone else's.
    expect(text).not.toContain(resident.displayName);
    expect(text).not.toMatch(/coordinator|partner|Deelnemer/i);

    const unsubscribeUrl = rawHeader(parsed, 'List-Unsubscribe')?.replace(/^<|>$/g, '');
    expect(unsubscribeUrl).toMatch(new RegExp(`^${PUBLIC_URL}/mail/afmelden/[A-Za-z0-9_-]{43}$`));
    expect(rawHeader(parsed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(text).toContain(unsubscribeUrl);
    expect(rawHeader(parsed, 'Auto-Submitted')).toBe('auto-generated');

    const rows = (await outbox(db())).filter((row) => row.finding_id === findingId);
    expect(rows).toMatchObject([{ state: 'SENT', attempts: 1, finding_status: 'INGEPLAND', public_message: message, last_error: null }]);
    // The outbox never holds the address: it is read from the participant when sending.
    expect(JSON.stringify(rows)).not.toContain('anna.de.vries');
  });

  it('also mails when a partner moves a finding routed to them, once per change', async () => {
    const resident = await joinSchouw(fx, 'partnerzaak@voorbeeld.nl');
    const findingId = await findingOf(fx, resident);
    await routeFinding(db(), fx.asViewer('coordinator'), { findingId, organisationId: fx.organisationId, requestId: 'test' });
    expect((await changeStatus(fx, findingId, 'IN_BEHANDELING', 'Woonkracht10 kijkt er deze week naar.', 'partner')).body.errors).toBeUndefined();
    expect((await changeStatus(fx, findingId, 'AFGEHANDELD', 'De schommel is gemaakt. Bedankt voor je melding!', 'partner')).body.errors).toBeUndefined();

    const before = smtp.received.length;
    expect(await loop.round()).toBe(2);
    const subjects = smtp.received.slice(before).map((mail) => mail.parsed.subject);
    expect(subjects).toEqual(['Nieuws over je melding: in behandeling', 'Nieuws over je melding: afgehandeld']);
  });

  it('queues nothing for a resident without consent, with a phone number, erased, or for a finding staff recorded', async () => {
    const noContact = await joinSchouw(fx, null);
    const phone = await joinSchouw(fx, '06 12345678');
    const erased = await joinSchouw(fx, 'weg@voorbeeld.nl');
    const findings = [await findingOf(fx, noContact), await findingOf(fx, phone), await findingOf(fx, erased), (await fx.makeFinding()).id];
    await eraseParticipants(db(), { id: erased.id }, new Date().toISOString());

    for (const findingId of findings) expect((await changeStatus(fx, findingId, 'IN_BEHANDELING', 'We gaan ermee aan de slag.')).body.errors).toBeUndefined();
    const rows = await outbox(db());
    for (const findingId of findings) expect(rows.filter((row) => row.finding_id === findingId)).toEqual([]);
    const before = smtp.received.length;
    expect(await loop.round()).toBe(0);
    expect(smtp.received.length).toBe(before);
  });

  it('queues nothing when the status change is refused', async () => {
    const resident = await joinSchouw(fx, 'geweigerd@voorbeeld.nl');
    const findingId = await findingOf(fx, resident);
    // NIEUW cannot become HEROPEND, and a message must say something.
    expect((await changeStatus(fx, findingId, 'HEROPEND', 'Dit mag niet zomaar.')).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await changeStatus(fx, findingId, 'INGEPLAND', 'kort')).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A participant may not change a status at all.
    expect((await fx.query(resident.headers, 'mutation ($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { id } }', { input: { findingId, status: 'AFGEHANDELD', publicMessage: 'Zelf opgelost, hoor.' } })).body.errors).toBeDefined();
    expect((await outbox(db())).filter((row) => row.finding_id === findingId)).toEqual([]);
  });

  it('writes the outbox row in the status change transaction: a change that fails after it leaves no row', async () => {
    const resident = await joinSchouw(fx, 'terugdraaien@voorbeeld.nl');
    const findingId = await findingOf(fx, resident);
    // The audit record is written after the outbox row; make it fail for this finding only.
    const allowAudit = await failInsertsWhere(db(), 'audit_event', 'subject_id', findingId, 'audit refused for the test');
    try {
      await expect(changeFindingStatus(db(), fx.asViewer('coordinator'), { findingId, status: 'IN_BEHANDELING', publicMessage: 'Dit wordt teruggedraaid.', requestId: 'test' })).rejects.toThrow(/audit refused/);
    } finally {
      await allowAudit();
    }
    expect((await outbox(db())).filter((row) => row.finding_id === findingId)).toEqual([]);
    const status = await db().selectFrom('finding').select('status').where('id', '=', findingId).executeTakeFirstOrThrow();
    expect(status.status).toBe('NIEUW');

    // The same change without the failure queues exactly one mail.
    await changeFindingStatus(db(), fx.asViewer('coordinator'), { findingId, status: 'IN_BEHANDELING', publicMessage: 'Nu gaat het wel door.', requestId: 'test' });
    expect((await outbox(db())).filter((row) => row.finding_id === findingId)).toHaveLength(1);
  });
});
