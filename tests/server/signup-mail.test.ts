/**
 * The confirmation e-mail of a sign-up, through the real outbox and delivery loop over a
 * real SMTP connection: only with an e-mail address given with consent, with the personal
 * link (a secret of its own, stored only as a hash, that opens the sign-up), no typed name
 * in it, at most three a day to one address (counted by a hash), never after a cancellation; and the migration that made room for it keeps the mail a database holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/src/auth/tokens.js';
import * as migration from '../../migrations/2026_12_01_1230_extend_mail_outbox_for_signups.js';
import { recipientHash, SIGNUP_MAIL_WINDOW_MS, tidyMailOutbox } from '../../server/src/modules/mail/mail-outbox.service.js';
import { changeStatus, deliveryTo, findingOf, joinSchouw, linksIn, outbox, PUBLIC_URL } from '../support/mail-fixture.js';
import { MY_SIGNUP_FIELDS, signupFixture, type SignupFixture } from '../support/signup-fixture.js';
import { TestSmtpServer } from '../support/smtp-test-server.js';
import { databaseFile } from '../support/test-app.js';
import { columnsOf, indexNamesOf, openTestConnection } from '../support/test-database.js';

const MY_SIGNUP = `query($token: String!) { mySignup(token: $token) { ...mine } } ${MY_SIGNUP_FIELDS}`;
const CANCEL = 'mutation($token: String!) { cancelMySignup(token: $token) { cancelledAt } }';

describe('the confirmation e-mail', () => {
  let fx: SignupFixture;
  let smtp: TestSmtpServer;
  let loop: ReturnType<typeof deliveryTo>;
  beforeAll(async () => {
    fx = await signupFixture({ PUBLIC_URL });
    smtp = await TestSmtpServer.start();
    loop = deliveryTo(fx.t.app.connection.db, smtp.url);
  });
  afterAll(async () => {
    loop?.close();
    await smtp?.close();
    await fx?.t.close();
  });

  const db = () => fx.t.app.connection.db;
  const signupMails = async () => (await outbox(db())).filter((row) => row.kind === 'SIGNUP_CONFIRMATION');
  const mailsTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

  it('is queued only for an e-mail address given with consent, and never for the honeypot', async () => {
    const before = (await signupMails()).length;
    await fx.signUpTegelwip({ contact: '0612345678', contactConsent: true });
    await fx.signUpTegelwip({ contact: null, contactConsent: true });
    await fx.signUpTegelwip({ contact: 'bot@example.nl', contactConsent: true, website: 'spam' });
    expect((await signupMails()).length).toBe(before);
    const { body } = await fx.signUpSchouw({ displayName: 'Mila', contact: 'mila@example.nl', contactConsent: true });
    const queued = (await signupMails()).filter((row) => row.signup_id === body.data.signUp.signup.id);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ state: 'PENDING', participant_id: null, finding_id: null, finding_status: null });
    expect(JSON.stringify(queued[0])).not.toContain('mila@example.nl');
  });

  it('sends the dates and a personal link of its own that opens the sign-up; only its hash is stored', async () => {
    const full = await fx.addDay(fx.schouwA, 70);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { capacity } }', { dayId: full });
    await fx.signUpSchouw({ dayIds: [full] });
    const { body } = await fx.signUpSchouw({ dayIds: [fx.schouwDay, full], displayName: 'Noor', contact: ' noor@example.nl ', contactConsent: true, walkerKind: 'PROFESSIONAL', organisation: 'HVC' });
    const { token, signup } = body.data.signUp;
    expect(await loop.round()).toBeGreaterThanOrEqual(1);
    const [mail] = mailsTo('noor@example.nl');
    expect(mail).toBeDefined();
    expect(mail!.parsed.subject).toBe('Je aanmelding voor Schouw Staatsliedenbuurt');
    const text = mail!.parsed.text!;
    // Anyone can type any name for any address: the greeting carries nothing typed.
    expect(text.split('\n')[0]).toBe('Hallo,');
    expect(text).not.toContain('Noor');
    expect(text).toMatch(/: je bent erbij\./);
    expect(text).toContain('je staat op de wachtlijst (plaats 1)');
    const links = linksIn(text).filter((url) => url.pathname === '/aanmelding');
    expect(links).toHaveLength(1);
    expect(links[0]!.origin).toBe(PUBLIC_URL);
    const mailed = links[0]!.hash.slice(1);
    expect(mailed).not.toBe(token);
    expect(links[0]!.search).toBe('');

    const opened = await fx.query(fx.freshIp(), MY_SIGNUP, { token: mailed });
    expect(opened.body.data.mySignup.id).toBe(signup.id);
    const stored = await db().selectFrom('signup_mail_link').selectAll().where('signup_id', '=', signup.id).execute();
    expect(stored.map((s) => s.token_hash)).toEqual([hashSecret(mailed)]);
    expect(JSON.stringify(await db().selectFrom('mail_outbox').selectAll().execute())).not.toContain(mailed);
    expect((await signupMails()).find((row) => row.signup_id === signup.id)!.state).toBe('SENT');
    expect(text).not.toMatch(/afmelden\/[A-Za-z0-9_-]{20,}/);
  });

  it('goes to one address at most three times a day; beyond that the sign-up works without mail, and only a hash of the address is kept', async () => {
    const address = 'slachtoffer@example.nl';
    const written = ['slachtoffer@example.nl', ' Slachtoffer@Example.nl', 'SLACHTOFFER@EXAMPLE.NL ', 'slachtoffer@example.nl'];
    const ids: string[] = [];
    for (const contact of written) {
      const { body } = await fx.signUpTegelwip({ displayName: 'Klik hier: http://spam.example', contact, contactConsent: true });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      ids.push(body.data.signUp.signup.id);
    }
    const queued = (await signupMails()).filter((row) => ids.includes(row.signup_id!));
    expect(queued.map((row) => row.signup_id)).toEqual(ids.slice(0, 3));
    expect(new Set(queued.map((row) => row.recipient_hash))).toEqual(new Set([recipientHash(address)]));
    expect(JSON.stringify(await outbox(db()))).not.toContain('slachtoffer');
    // Another address is not held back by it.
    const other = await fx.signUpTegelwip({ contact: 'ander@example.nl', contactConsent: true });
    expect((await signupMails()).some((row) => row.signup_id === other.body.data.signUp.signup.id)).toBe(true);

    await loop.round();
    const sent = smtp.received.filter((mail) => mail.to.some((to: string) => to.toLowerCase() === address));
    expect(sent).toHaveLength(3);
    for (const mail of sent) expect(mail.parsed.text).not.toContain('spam.example');

    // Once a day has passed the rows no longer count, and the hourly tidy-up lets go of their hashes.
    await tidyMailOutbox(db(), 7 * 86_400_000, new Date(Date.now() + SIGNUP_MAIL_WINDOW_MS + 60_000));
    expect((await outbox(db())).filter((row) => ids.includes(row.signup_id!)).map((row) => row.recipient_hash)).toEqual([null, null, null]);
  });

  it('tells someone who moves up from the waiting list, with the date and a personal link of its own', async () => {
    const dayId = await fx.addDay(fx.schouwA, 72);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { capacity } }', { dayId });
    const first = await fx.signUpSchouw({ dayIds: [dayId], displayName: 'Eerste' });
    const waiting = await fx.signUpSchouw({ dayIds: [dayId], displayName: 'Wacht', contact: 'wacht@example.nl', contactConsent: true });
    const noConsent = await fx.signUpSchouw({ dayIds: [dayId], displayName: 'Stil' });
    const freed = async () => (await outbox(db())).filter((row) => row.kind === 'SIGNUP_PLACE_FREED');
    const before = (await freed()).length;
    expect(waiting.body.data.signUp.signup.days[0].status).toBe('WAITING');

    await fx.query(fx.freshIp(), CANCEL, { token: first.body.data.signUp.token });
    const queued = (await freed()).slice(before);
    expect(queued).toEqual([expect.objectContaining({ signup_id: waiting.body.data.signUp.signup.id, day_id: dayId, state: 'PENDING', recipient_hash: recipientHash('wacht@example.nl') })]);
    // Moving up without an address given with consent: nobody to tell.
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 2) { capacity } }', { dayId });
    expect(await db().selectFrom('signup_day').select('status').where('signup_id', '=', noConsent.body.data.signUp.signup.id).executeTakeFirstOrThrow()).toEqual({ status: 'CONFIRMED' });
    expect((await freed()).length).toBe(before + 1);

    await loop.round();
    const mails = mailsTo('wacht@example.nl').filter((mail) => mail.parsed.subject!.startsWith('Er is een plek vrij'));
    expect(mails).toHaveLength(1);
    const text = mails[0]!.parsed.text!;
    expect(mails[0]!.parsed.subject).toBe('Er is een plek vrij: je bent erbij (Schouw Staatsliedenbuurt)');
    const day = await db().selectFrom('campaign_day').select(['date', 'label']).where('id', '=', dayId).executeTakeFirstOrThrow();
    const words = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.date}T12:00:00Z`));
    expect(text).toContain(`Er is een plek vrijgekomen: je bent erbij op ${words} (${day.label}).`);
    expect(text.split('\n')[0]).toBe('Hallo,');
    const links = linksIn(text).filter((url) => url.pathname === '/aanmelding');
    expect(links).toHaveLength(1);
    const opened = await fx.query(fx.freshIp(), MY_SIGNUP, { token: links[0]!.hash.slice(1) });
    expect(opened.body.data.mySignup).toMatchObject({ id: waiting.body.data.signUp.signup.id, days: [{ status: 'CONFIRMED' }] });
  });

  it('sends no freed-place mail for a date the person no longer holds, and counts it against the cap per address', async () => {
    const dayId = await fx.addDay(fx.schouwA, 73);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { capacity } }', { dayId });
    const first = await fx.signUpSchouw({ dayIds: [dayId], displayName: 'Eerste' });
    const changing = await fx.signUpSchouw({ dayIds: [dayId], displayName: 'Wisselt', contact: 'wisselt@example.nl', contactConsent: true });
    await fx.query(fx.freshIp(), CANCEL, { token: first.body.data.signUp.token });
    // Before the mail goes, the person takes the date off their sign-up again.
    const update = 'mutation($token: String!, $input: UpdateMySignupInput!) { updateMySignup(token: $token, input: $input) { id } }';
    const changed = await fx.query(fx.freshIp(), update, { token: changing.body.data.signUp.token, input: { dayIds: [fx.schouwDay], displayName: 'Wisselt', contact: 'wisselt@example.nl', contactConsent: true, walkerKind: 'RESIDENT' } });
    expect(changed.body.errors).toBeUndefined();
    await loop.round();
    expect(mailsTo('wisselt@example.nl').filter((mail) => mail.parsed.subject!.startsWith('Er is een plek vrij'))).toEqual([]);
    const row = (await outbox(db())).find((r) => r.kind === 'SIGNUP_PLACE_FREED' && r.signup_id === changing.body.data.signUp.signup.id);
    expect(row).toMatchObject({ state: 'CANCELLED', last_error: 'NO_CONSENT' });

    // Three sign-up mails to one address in a day: moving up then brings no fourth.
    const capped = await fx.addDay(fx.schouwA, 74);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { capacity } }', { dayId: capped });
    const blocker = await fx.signUpSchouw({ dayIds: [capped], displayName: 'Bezet' });
    const mine = [];
    for (let i = 0; i < 3; i++) mine.push(await fx.signUpSchouw({ dayIds: [capped], displayName: `Vol ${i}`, contact: 'vol@example.nl', contactConsent: true }));
    await fx.query(fx.freshIp(), CANCEL, { token: blocker.body.data.signUp.token });
    const rows = (await outbox(db())).filter((r) => r.recipient_hash === recipientHash('vol@example.nl'));
    expect(rows.map((r) => r.kind)).toEqual(['SIGNUP_CONFIRMATION', 'SIGNUP_CONFIRMATION', 'SIGNUP_CONFIRMATION']);
    expect(await db().selectFrom('signup_day').select('status').where('signup_id', '=', mine[0]!.body.data.signUp.signup.id).executeTakeFirstOrThrow()).toEqual({ status: 'CONFIRMED' });
  });

  it('is not sent once the sign-up was cancelled', async () => {
    const { body } = await fx.signUpTegelwip({ contact: 'weg@example.nl', contactConsent: true });
    await fx.query(fx.freshIp(), CANCEL, { token: body.data.signUp.token });
    await loop.round();
    expect(mailsTo('weg@example.nl')).toEqual([]);
    expect((await signupMails()).find((row) => row.signup_id === body.data.signUp.signup.id)).toMatchObject({ state: 'CANCELLED', last_error: 'NO_CONSENT' });
  });

  it('leaves the mail about findings as it was: the finding status mail still goes out with its unsubscribe link', async () => {
    const resident = await joinSchouw(fx, 'bewoner@example.nl');
    const findingId = await findingOf(fx, resident);
    expect((await changeStatus(fx, findingId, 'IN_BEHANDELING', 'We kijken ernaar.')).body.errors).toBeUndefined();
    await loop.round();
    const [mail] = mailsTo('bewoner@example.nl');
    expect(mail!.parsed.subject).toBe('Nieuws over je melding: in behandeling');
    expect(linksIn(mail!.parsed.text!).some((url) => url.pathname.startsWith('/mail/afmelden/'))).toBe(true);
  });
});

describe('the migration that extends the mail outbox', () => {
  it('keeps the mail rows a database holds, going up and down', async () => {
    const file = databaseFile();
    try {
      const fx = await signupFixture({ ...file.env, PUBLIC_URL });
      try {
        const resident = await joinSchouw(fx, 'oud@example.nl');
        for (const status of ['IN_BEHANDELING', 'AFGEHANDELD']) await changeStatus(fx, await findingOf(fx, resident), status, `Bericht ${status}`);
        await fx.signUpSchouw({ contact: 'nieuw@example.nl', contactConsent: true });
      } finally {
        await fx.t.close();
      }
      const { db } = openTestConnection(file.env);
      try {
        const columns = ['id', 'participant_id', 'finding_id', 'kind', 'finding_status', 'public_message', 'state', 'attempts', 'next_attempt_at', 'created_at', 'sent_at', 'last_error'] as const;
        const findingMails = () => db.selectFrom('mail_outbox').select([...columns]).where('kind', '=', 'FINDING_STATUS').orderBy('id').execute();
        const rows = await findingMails();
        expect(rows).toHaveLength(2);

        // Down: the old table, NOT NULL again, holding the finding mail (a sign-up's has no place there).
        await migration.down(db);
        expect(await findingMails()).toEqual(rows);
        expect(await db.selectFrom('mail_outbox').select('kind').where('kind', '!=', 'FINDING_STATUS').execute()).toEqual([]);
        const info = (await columnsOf(db, 'mail_outbox')).filter((c) => ['participant_id', 'finding_id', 'finding_status', 'public_message'].includes(c.name));
        expect(info.every((c) => c.notNull)).toBe(true);

        // Up again on a database holding mail: the same rows, and room for a sign-up's mail.
        await migration.up(db);
        expect(await findingMails()).toEqual(rows);
        const after = await columnsOf(db, 'mail_outbox');
        expect(after.filter((c) => ['participant_id', 'finding_id', 'finding_status', 'public_message', 'signup_id'].includes(c.name)).every((c) => !c.notNull)).toBe(true);
        expect(await indexNamesOf(db, 'mail_outbox')).toEqual(['mail_outbox_due_idx', 'mail_outbox_participant_idx', 'mail_outbox_signup_idx']);
      } finally {
        await db.destroy();
      }
    } finally {
      file.remove();
    }
  });
});

