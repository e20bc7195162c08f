/**
 * Domain errors as callers see them. Services throw a DomainError, which knows nothing of
 * GraphQL; the edge (graphql/errors.ts, applied by http/graphql-errors.ts) turns it into
 * the GraphQL error clients have always had: the code and details in extensions, the
 * Dutch message, 401 for missing or expired credentials, 429 with Retry-After when rate
 * limited, and no `http` or stack in what is sent. Sync batches run in the worker thread,
 * so their refusals cross it as data and must come out the same. On a database file with
 * the sync worker, as npm start runs.
 */
import { GraphQLError } from 'graphql';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/src/domain-error.js';
import { publicProgress } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { graphql } from '../support/test-app.js';

const CAMPAIGNS = '{ campaigns(first: 1) { edges { node { id } } } }';
const PROGRESS = 'query($id: ID!) { publicProgress(campaignId: $id) { campaignName } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { id } }';
const UPDATE = 'mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { id } }';

describe('domain errors reach GraphQL clients as before', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx?.t.close());

  it('a service throws a DomainError, not a GraphQL error; the client gets its code and message', async () => {
    const missing = uuidv7();
    const thrown = await publicProgress(fx.t.app.connection.db, missing).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).not.toBeInstanceOf(GraphQLError);

    const { status, body } = await graphql(fx.t.url, PROGRESS, { id: missing });
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: 'Deze voortgang bestaat niet of je hebt er geen toegang toe.', path: ['publicProgress'] });
    expect(body.errors[0].extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('no credentials, or revoked ones: 401 with the reason, and no http details in the body', async () => {
    const anonymous = await graphql(fx.t.url, CAMPAIGNS);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0]).toMatchObject({ message: 'Log in of meld je aan met een uitnodiging om dit te zien.', extensions: { code: 'UNAUTHENTICATED', reason: 'NONE' } });
    expect(Object.keys(anonymous.body.errors[0].extensions).sort()).toEqual(['code', 'reason']);

    const revoked = await graphql(fx.t.url, CAMPAIGNS, undefined, { authorization: `Bearer ${'x'.repeat(43)}` });
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_REVOKED' });
  });

  it('a wrong password is UNAUTHENTICATED without a reason and without 401 (the console must not think the session ended)', async () => {
    const { status, body } = await graphql(fx.t.url, LOGIN, { input: { email: 'niemand@test.example', password: 'een verkeerd wachtwoord' } });
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({ message: 'Het e-mailadres of het wachtwoord klopt niet.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(body.errors[0].extensions.reason).toBeUndefined();
  });

  it('too many attempts: 429 with Retry-After and retryAfterSeconds', async () => {
    const attempt = () => graphql(fx.t.url, LOGIN, { input: { email: 'te-vaak@test.example', password: 'een verkeerd wachtwoord' } });
    let answer = await attempt();
    for (let i = 0; i < 20 && answer.status !== 429; i++) answer = await attempt();
    expect(answer.status).toBe(429);
    const { extensions, message } = answer.body.errors[0];
    expect(message).toMatch(/^Te veel pogingen\. Probeer het over \d+ minuten opnieuw\.$/);
    expect(extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(answer.headers.get('retry-after')).toBe(String(extensions.retryAfterSeconds));
  });

  it('a validation error keeps the fields it is about', async () => {
    const { status, body } = await fx.query('coordinator', UPDATE, { input: { campaignId: fx.campaignA.id, name: 'ab' } });
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({
      message: 'Dit is te kort. Gebruik minstens 3 tekens.',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: ['input', 'name'], message: 'Dit is te kort. Gebruik minstens 3 tekens.' }] },
    });
  });

  it('through the sync worker: a refused batch keeps its code and Dutch message', async () => {
    const device = new TestDevice();
    // A coordinator of neighbourhood A syncing into campaign B, which is not theirs.
    const { status, body } = await graphql(fx.t.url, SYNC, device.input([device.tally(fx.campaignB.id, fx.dayA, fx.streetA, 1)], null, fx.campaignB.id), fx.headers.coordinator);
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ message: 'Deze actie bestaat niet of je hebt er geen toegang toe.', path: ['sync'], extensions: { code: 'NOT_FOUND' } });
  });

  it('through the sync worker: a device id that is someone else’s is a CONFLICT with its own message', async () => {
    const device = new TestDevice();
    const first = await graphql(fx.t.url, SYNC, device.input([device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1)]), fx.headers.participant);
    expect(first.body.data.sync.results[0].status).toBe('APPLIED');
    const other = await fx.makeParticipant(fx.campaignA);
    const { body } = await graphql(fx.t.url, SYNC, device.input([device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1)]), other.headers);
    expect(body.errors[0]).toMatchObject({ message: 'Dit apparaat-id is al in gebruik door iemand anders. Installeer de app opnieuw.', extensions: { code: 'CONFLICT' } });
  });

  it('through the sync worker: a refused entry keeps its Dutch reason, the entries after it apply', async () => {
    const device = new TestDevice();
    const wrongDay = device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: 'geen-dag', streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 });
    const unknown = device.entry('teleporteer', {});
    // A name an object has of itself is no command either (not an internal error).
    const inherited = device.entry('toString', {});
    const good = device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2);
    const { body } = await graphql(fx.t.url, SYNC, device.input([wrongDay, unknown, inherited, good]), fx.headers.participant);
    expect(body.errors).toBeUndefined();
    expect(body.data.sync.results.map((r: { status: string; code: string | null; message: string | null }) => [r.status, r.code, r.message])).toEqual([
      ['REJECTED', 'BAD_USER_INPUT', 'Deze actiedag hoort niet bij deze actie.'],
      ['REJECTED', 'BAD_USER_INPUT', 'Onbekende opdracht "teleporteer". Werk de app bij.'],
      ['REJECTED', 'BAD_USER_INPUT', 'Onbekende opdracht "toString". Werk de app bij.'],
      ['APPLIED', null, null],
    ]);
  });
});
