/**
 * Moving to a new phone: the old phone's key and all its working tokens buy a one-time code
 * (only once the server has everything it recorded); the key alone, or with some tokens,
 * buys nothing. The new phone completes with it and gets new tokens and a new key, while the
 * old phone's tokens and key stop working; when the old phone's memberships changed in
 * between, nothing happens. Codes expire after ten minutes, work once (also when two
 * completions race), and a newer code voids an older one. Every attempt counts per IP from
 * the start, and is forgiven unless a secret was wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { completeDeviceTransfer, startDeviceTransfer } from '../../server/src/modules/participant/device-transfer.service.js';
import { claimTransfer } from '../../server/src/modules/participant/device-transfer.repo.js';
import { hashSecret, normaliseInviteCode } from '../../server/src/auth/tokens.js';
import type { Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { graphql } from '../support/test-app.js';

const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token followUpKey participant { id } } }';
const START = 'mutation($input: StartDeviceTransferInput!) { startDeviceTransfer(input: $input) { code link expiresAt } }';
const COMPLETE = 'mutation($code: String!) { completeDeviceTransfer(code: $code) { followUpKey memberships { token participant { id displayName } campaign { id name } } } }';
const FOLLOW_UP = 'query($key: String!) { followUp(key: $key, first: 50) { edges { node { id campaignName status } } } }';
const MY_DATA = '{ myData { participant { id } campaign { id } } }';

interface Membership {
  campaign: Campaign;
  token: string;
  participantId: string;
  device: TestDevice;
  /** The highest seq the device handed out. */
  lastSeq: number;
}

describe('device transfer', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture({ PUBLIC_URL: 'https://buurtkracht.example' });
  });
  afterAll(() => fx.t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const join = async (campaign: Campaign, followUpKey?: string): Promise<Membership & { followUpKey: string }> => {
    const invite = await createParticipantInvite(fx.t.app.connection.db, fx.asViewer('admin'), { campaignId: campaign.id, requestId: 't' });
    const { body } = await graphql(fx.t.url, JOIN, { input: { code: invite.code, displayName: 'Kees', contactConsent: false, showNameInRankings: false, followUpKey } });
    expect(body.errors).toBeUndefined();
    const { token, participant } = body.data.joinCampaign;
    return { campaign, token, participantId: participant.id, device: new TestDevice(), lastSeq: 0, followUpKey: body.data.joinCampaign.followUpKey };
  };
  const send = async (m: Membership, entries: ReturnType<TestDevice['entry']>[]) => {
    const { body } = await graphql(fx.t.url, SYNC, m.device.input(entries), bearer(m.token));
    expect(body.errors).toBeUndefined();
    expect(body.data.sync.lastSeq).toBe(m.lastSeq);
  };
  /** Records findings (schouw) or a tally (tegelwip) on the phone and sends them, unless `keep`; answers the entries. */
  const recordOn = async (m: Membership, count: number, keep = false) => {
    const entries = Array.from({ length: count }, () =>
      m.campaign.kind === 'SCHOUW'
        ? m.device.entry('recordFinding', { id: uuidv7(), campaignId: m.campaign.id, category: 'SCHOON', streetId: fx.streetA, text: 'Zwerfvuil' })
        : m.device.tally(m.campaign.id, fx.dayA, fx.streetA, 3),
    );
    m.lastSeq += count;
    if (!keep) await send(m, entries);
    return entries;
  };
  const start = (followUpKey: string, memberships: Membership[]) =>
    graphql(fx.t.url, START, { input: { followUpKey, memberships: memberships.map((m) => ({ token: m.token, deviceId: m.device.id, lastSeq: m.lastSeq })) } });
  const complete = (code: string) => graphql(fx.t.url, COMPLETE, { code });
  /** A phone with a schouw (two findings sent) and a tegelwip membership (one tally sent). */
  const phone = async () => {
    const schouw = await join(fx.schouwA);
    const tegelwip = await join(fx.campaignA, schouw.followUpKey);
    await recordOn(schouw, 2);
    await recordOn(tegelwip, 1);
    return { key: schouw.followUpKey, memberships: [schouw, tegelwip] as [Membership, Membership] };
  };
  const transferRows = async () => Number((await fx.t.app.connection.db.selectFrom('device_transfer' as any).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('moves every membership and the follow-up to the new phone; the old tokens and key stop working', async () => {
    const old = await phone();
    // A membership the coordinator revoked earlier is not handed over, but its follow-up moves along.
    const revoked = await join(fx.schouwA, old.key);
    await recordOn(revoked, 1);
    await fx.query('coordinator', 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }', { id: revoked.participantId });

    const started = await start(old.key, old.memberships);
    expect(started.body.errors).toBeUndefined();
    const { code, link, expiresAt } = started.body.data.startDeviceTransfer;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(link).toBe(`https://buurtkracht.example/overzetten?code=${code.replace('-', '')}`);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.now() + 10 * 60_000);

    const done = await complete(` ${code.toLowerCase().replace('-', ' ')} `);
    expect(done.body.errors).toBeUndefined();
    const result = done.body.data.completeDeviceTransfer;
    expect(result.followUpKey).not.toBe(old.key);
    expect(result.memberships.map((m: any) => m.participant.id).sort()).toEqual(old.memberships.map((m) => m.participantId).sort());
    expect(result.memberships.map((m: any) => m.campaign.id).sort()).toEqual([fx.campaignA.id, fx.schouwA.id].sort());

    for (const moved of result.memberships) {
      const mine = await graphql(fx.t.url, MY_DATA, undefined, bearer(moved.token));
      expect(mine.body.data.myData).toEqual({ participant: { id: moved.participant.id }, campaign: { id: moved.campaign.id } });
      // The new phone starts its own device id and seq numbering, and pulls.
      const pulled = await graphql(fx.t.url, SYNC, new TestDevice().input([]), bearer(moved.token));
      expect(pulled.body.errors).toBeUndefined();
      expect(pulled.body.data.sync.pull.changes.length).toBeGreaterThan(0);
    }
    for (const m of [...old.memberships, revoked]) {
      const refused = await graphql(fx.t.url, MY_DATA, undefined, bearer(m.token));
      expect(refused.status).toBe(401);
      expect(refused.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
    }
    expect((await graphql(fx.t.url, FOLLOW_UP, { key: old.key })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    const followed = (await graphql(fx.t.url, FOLLOW_UP, { key: result.followUpKey })).body.data.followUp.edges;
    expect(followed).toHaveLength(3);

    const audit = await fx.t.app.connection.db.selectFrom('audit_event').select('action').where('subject_id', 'in', old.memberships.map((m) => m.participantId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['participant.moved_to_new_device', 'participant.moved_to_new_device']);
  });

  it('refuses while the server has not received everything a membership recorded, and says so', async () => {
    const old = await phone();
    const [schouw, tegelwip] = old.memberships;
    const waiting = await recordOn(schouw, 1, true);
    const neverSynced = await join(fx.schouwA, old.key);
    const waitingToo = await recordOn(neverSynced, 1, true);
    const before = await transferRows();
    const { body } = await start(old.key, [schouw, tegelwip, neverSynced]);
    expect(body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNSENT_WORK' });
    expect(body.errors[0].extensions.deviceIds.sort()).toEqual([schouw.device.id, neverSynced.device.id].sort());
    expect(body.errors[0].message).toBe('Op deze telefoon staat nog werk dat niet is verstuurd. Verstuur dat eerst; daarna kun je overzetten.');
    expect(await transferRows()).toBe(before);
    await send(schouw, waiting);
    expect((await start(old.key, [schouw, tegelwip, neverSynced])).body.errors).toMatchObject([{ extensions: { reason: 'UNSENT_WORK', deviceIds: [neverSynced.device.id] } }]);
    // Once everything is sent, the same phone may move; a membership that never recorded anything says lastSeq 0.
    await send(neverSynced, waitingToo);
    const fresh = await join(fx.campaignA, old.key);
    const started = await start(old.key, [schouw, tegelwip, neverSynced, fresh]);
    expect(started.body.errors).toBeUndefined();
    expect(await transferRows()).toBe(before + 1);
  });

  it('refuses keys and tokens that do not belong together, without saying which', async () => {
    const mine = await phone();
    const other = await phone();
    const revoked = await join(fx.schouwA, mine.key);
    await fx.query('coordinator', 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }', { id: revoked.participantId });
    const [schouw] = mine.memberships;
    const stolenDevice = { ...schouw, device: other.memberships[0].device, lastSeq: 1 };
    const attempts = [
      start(mine.key, [...mine.memberships, other.memberships[0]]),
      start(other.key, mine.memberships),
      start(`onbekend-${uuidv7()}`, mine.memberships),
      start(mine.key, [...mine.memberships, revoked]),
      start(mine.key, [schouw, schouw]),
      start(mine.key, [stolenDevice]),
      // The key with only some of its working tokens, or none, is not the phone either.
      start(mine.key, [schouw]),
      start(mine.key, []),
    ];
    const before = await transferRows();
    const answers = await Promise.all(attempts);
    for (const { body } of answers) {
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toBe(answers[0]!.body.errors[0].message);
    }
    expect(await transferRows()).toBe(before);
  });

  it('never lets the key alone cut the tokens of the phone that holds it', async () => {
    const victim = await phone();
    const [schouw, tegelwip] = victim.memberships;
    for (const handed of [[], [schouw], [tegelwip]]) {
      const { body } = await start(victim.key, handed);
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toBe('Overzetten lukt niet met de gegevens van deze telefoon. Open de app opnieuw en probeer het nog eens.');
      expect(Object.keys(body.errors[0].extensions).sort()).toEqual(['code']);
    }
    for (const m of victim.memberships) expect((await graphql(fx.t.url, MY_DATA, undefined, bearer(m.token))).body.errors).toBeUndefined();
    expect((await graphql(fx.t.url, FOLLOW_UP, { key: victim.key })).body.data.followUp.edges).toHaveLength(2);
  });

  it('refuses to complete when the old phone joined another activity after making the code, and revokes nothing', async () => {
    const old = await phone();
    const code = (await start(old.key, old.memberships)).body.data.startDeviceTransfer.code;
    const later = await join(fx.schouwA, old.key);
    const refused = await complete(code);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MEMBERSHIPS_CHANGED' });
    expect(refused.body.errors[0].message).toBe('Op je oude telefoon is er sinds deze code iets veranderd. Maak op je oude telefoon een nieuwe code.');
    for (const m of [...old.memberships, later]) expect((await graphql(fx.t.url, MY_DATA, undefined, bearer(m.token))).body.errors).toBeUndefined();
    expect((await graphql(fx.t.url, FOLLOW_UP, { key: old.key })).body.errors).toBeUndefined();
    const audit = await fx.t.app.connection.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', 'in', [...old.memberships, later].map((m) => m.participantId))
      .where('action', 'in', ['participant.revoked', 'participant.moved_to_new_device'])
      .execute();
    expect(audit).toEqual([]);

    // The same when a handed-over membership stopped working meanwhile. A new code for what the phone now holds works.
    const revoke = (m: Membership) => fx.query('coordinator', 'mutation($id: ID!) { revokeParticipant(participantId: $id) { revokedAt } }', { id: m.participantId });
    await revoke(later);
    const fresh = (await start(old.key, old.memberships)).body.data.startDeviceTransfer.code;
    await revoke(old.memberships[1]);
    expect((await complete(fresh)).body.errors[0].extensions.reason).toBe('MEMBERSHIPS_CHANGED');
    const done = await complete((await start(old.key, [old.memberships[0]])).body.data.startDeviceTransfer.code);
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data.completeDeviceTransfer.memberships.map((m: any) => m.participant.id)).toEqual([old.memberships[0].participantId]);
  });

  it('answers in Dutch when a secret or device id is empty', async () => {
    const old = await phone();
    const [m] = old.memberships;
    const input = { token: m.token, deviceId: m.device.id, lastSeq: m.lastSeq };
    const cases: [string, unknown[], string][] = [
      ['', [input], 'De opvolgcode van deze telefoon ontbreekt.'],
      [old.key, [{ ...input, token: '' }], 'De code van een activiteit ontbreekt.'],
      [old.key, [{ ...input, deviceId: '' }], 'Het apparaat-id van een activiteit ontbreekt.'],
    ];
    for (const [followUpKey, memberships, message] of cases) {
      const { body } = await graphql(fx.t.url, START, { input: { followUpKey, memberships } });
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toBe(message);
    }
  });

  it('limits what it reads: at most 50 memberships, secrets of sensible length, no negative seq', async () => {
    const old = await phone();
    const many = Array.from({ length: 51 }, () => old.memberships[0]);
    const tooMany = await start(old.key, many);
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(tooMany.body.errors[0].message).toMatch(/Hoogstens 50/);
    expect((await start('x'.repeat(101), old.memberships)).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await start(old.key, [{ ...old.memberships[0], lastSeq: -1 }])).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lets a code expire after ten minutes', async () => {
    const old = await phone();
    const now = new Date();
    const input = { followUpKey: old.key, memberships: old.memberships.map((m) => ({ token: m.token, deviceId: m.device.id, lastSeq: m.lastSeq })), clientIp: '192.0.2.9', requestId: 't' };
    const { code } = await startDeviceTransfer(fx.t.app.connection.db, fx.auth, input, now);
    const at = (ms: number) => new Date(now.getTime() + ms);
    await expect(completeDeviceTransfer(fx.t.app.connection.db, fx.auth, { code, clientIp: '192.0.2.9', requestId: 't' }, at(10 * 60_000))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const second = await startDeviceTransfer(fx.t.app.connection.db, fx.auth, input, now);
    const done = await completeDeviceTransfer(fx.t.app.connection.db, fx.auth, { code: second.code, clientIp: '192.0.2.9', requestId: 't' }, at(10 * 60_000 - 1000));
    expect(done.memberships).toHaveLength(2);
  });

  it('works once: a second completion is refused, and of racing completions only one wins', async () => {
    const first = await phone();
    const code = (await start(first.key, first.memberships)).body.data.startDeviceTransfer.code;
    expect((await complete(code)).body.errors).toBeUndefined();
    const again = await complete(code);
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(again.body.errors[0].message).toBe((await complete('ZZZZ-ZZZZ')).body.errors[0].message);

    const second = await phone();
    const raced = (await start(second.key, second.memberships)).body.data.startDeviceTransfer.code;
    const answers = await Promise.all(Array.from({ length: 6 }, () => complete(raced)));
    const winners = answers.filter((a) => !a.body.errors);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((a) => a.body.errors)) expect(loser.body.errors[0].extensions.code).toBe('NOT_FOUND');
    for (const moved of winners[0]!.body.data.completeDeviceTransfer.memberships) {
      expect((await graphql(fx.t.url, MY_DATA, undefined, bearer(moved.token))).body.errors).toBeUndefined();
    }
  });

  it('marks a code used in the one conditional update, so that it works once even if its key were still valid', async () => {
    const first = await phone();
    const code = (await start(first.key, first.memberships)).body.data.startDeviceTransfer.code;
    const codeHash = hashSecret(normaliseInviteCode(code));
    const db = fx.t.app.connection.db;
    const at = new Date().toISOString();
    // In a transaction that is rolled back, so the code stays unused for the rest of the test.
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await claimTransfer(trx, codeHash, at)).toMatchObject({ code_hash: codeHash, used_at: at });
        expect(await claimTransfer(trx, codeHash, at)).toBeUndefined();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');

    expect((await complete(code)).body.errors).toBeUndefined();
    const used = await db.selectFrom('device_transfer').select('used_at').where('code_hash', '=', codeHash).executeTakeFirstOrThrow();
    expect(used.used_at).not.toBeNull();
    // Even with the old key made valid again and its rows back on it, the used code is refused as any wrong code is.
    const oldKey = (await db.selectFrom('device_transfer').select('follow_up_key_id').where('code_hash', '=', codeHash).executeTakeFirstOrThrow()).follow_up_key_id;
    await db.updateTable('follow_up_key').set({ revoked_at: null }).where('id', '=', oldKey).execute();
    await db.updateTable('participant').set({ follow_up_key_id: oldKey }).where('id', 'in', first.memberships.map((m) => m.participantId)).execute();
    const again = await complete(code);
    expect(again.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(again.body.errors[0].message).toBe('Deze code werkt niet (meer). Maak op je oude telefoon een nieuwe code.');
  });

  it('voids an earlier code when the phone makes a new one', async () => {
    const old = await phone();
    const earlier = (await start(old.key, old.memberships)).body.data.startDeviceTransfer.code;
    const later = (await start(old.key, old.memberships)).body.data.startDeviceTransfer.code;
    expect((await complete(earlier)).body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await complete(later)).body.errors).toBeUndefined();
  });

  it('counts failed codes per IP and then answers RATE_LIMITED', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 3 });
    const attempt = () => completeDeviceTransfer(fx.t.app.connection.db, settings, { code: 'ABCD-EFGH', clientIp: '192.0.2.77', requestId: 't' });
    for (let i = 0; i < 3; i++) await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(attempt()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const old = await phone();
    const starting = () => startDeviceTransfer(fx.t.app.connection.db, settings, { followUpKey: old.key, memberships: [], clientIp: '192.0.2.77', requestId: 't' });
    await expect(starting()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('counts each attempt before it is answered, so parallel guesses cannot pass the limit together', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 3 });
    const codes = await Promise.allSettled(Array.from({ length: 8 }, () => completeDeviceTransfer(fx.t.app.connection.db, settings, { code: 'ABCD-EFGH', clientIp: '192.0.2.78', requestId: 't' })));
    const starts = await Promise.allSettled(
      Array.from({ length: 8 }, () => startDeviceTransfer(fx.t.app.connection.db, settings, { followUpKey: `onbekend-${uuidv7()}`, memberships: [], clientIp: '192.0.2.79', requestId: 't' })),
    );
    for (const answers of [codes, starts]) {
      const refusals = answers.map((a) => (a.status === 'rejected' ? (a.reason as { code: string }).code : 'OK'));
      expect(refusals.filter((c) => c === 'NOT_FOUND')).toHaveLength(3);
      expect(refusals.filter((c) => c === 'RATE_LIMITED')).toHaveLength(5);
    }
  });

  it('does not count what succeeds, nor unsent work (the secrets were right)', async () => {
    const settings = createAuthSettings({ ...fx.t.config, loginMaxAttemptsPerIp: 3 });
    const db = fx.t.app.connection.db;
    const clientIp = '192.0.2.80';
    const wrongCode = () => completeDeviceTransfer(db, settings, { code: 'ABCD-EFGH', clientIp, requestId: 't' });
    for (let i = 0; i < 2; i++) await expect(wrongCode()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < 4; i++) {
      const old = await phone();
      const input = (lastSeqExtra: number) => ({
        followUpKey: old.key,
        memberships: old.memberships.map((m) => ({ token: m.token, deviceId: m.device.id, lastSeq: m.lastSeq + lastSeqExtra })),
        clientIp,
        requestId: 't',
      });
      await expect(startDeviceTransfer(db, settings, input(1))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'UNSENT_WORK' } });
      const { code } = await startDeviceTransfer(db, settings, input(0));
      if (i === 0) {
        await join(fx.schouwA, old.key);
        await expect(completeDeviceTransfer(db, settings, { code, clientIp, requestId: 't' })).rejects.toMatchObject({ code: 'CONFLICT' });
      } else {
        expect((await completeDeviceTransfer(db, settings, { code, clientIp, requestId: 't' })).memberships).toHaveLength(2);
      }
    }
    await expect(wrongCode()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(wrongCode()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
