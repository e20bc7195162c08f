/**
 * Joining with a sign-up's personal link keeps the sign-up's garden (street and house
 * number) with the membership on the phone, so that the counter starts there; the
 * address is never sent back to the server, and it goes as soon as the person leaves the
 * activity (also after Mijn gegevens erased it), while the left membership itself is
 * kept a while longer. Real server, fake-indexeddb, through the web client.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { gqlAgainst } from '../../support/web-gql.js';
import { signupFixture, type SignupFixture } from '../../support/signup-fixture.js';

// join-online.ts sends with the app's own client, which outside a browser has no server
// at a relative /graphql: the same client, aimed at the test server.
const server = vi.hoisted(() => ({ url: '' }));
vi.mock('$lib/graphql/client', async (original) => {
  const client = await original<typeof import('$lib/graphql/client')>();
  return { ...client, gql: ((document: any, variables?: any, token?: string | null) => client.postDocument(`${server.url}/graphql`, document, variables, token)) as typeof client.gql };
});

const { MY_SIGNUP } = await import('$lib/graphql/signup-operations');
const { loadJoined, loadMemberships } = await import('$lib/offline/field-store');
const { openDatabase } = await import('$lib/offline/idb');
const { joinOnline, joinWithSignupOnline } = await import('$lib/offline/join-online');
const { leaveActivity } = await import('$lib/offline/leave-activity');

describe('the sign-up’s garden on the phone', () => {
  let fx: SignupFixture;
  beforeAll(async () => {
    fx = await signupFixture();
    server.url = fx.t.url;
  }, 30_000);
  afterAll(() => fx?.t.close());

  /** Signs up for a garden and reads it back as the personal page does. */
  async function signedUp(houseNumber: string) {
    const { body } = await fx.signUpTegelwip({ houseNumber });
    const token = body.data.signUp.token as string;
    const { mySignup } = await gqlAgainst(fx.t.url)(MY_SIGNUP, { token });
    return { token, place: { streetId: mySignup!.street!.id, houseNumber: mySignup!.houseNumber } };
  }

  it('keeps the street and house number with the membership, and takes them off when the activity is left', async () => {
    const db = await openDatabase(`signup-join-${uuidv7()}`);
    const { token, place } = await signedUp('12a');
    expect(place).toEqual({ streetId: fx.streetA, houseNumber: '12a' });

    const joined = await joinWithSignupOnline(db, { token, showNameInRankings: false, place });
    expect(joined.signupPlace).toEqual({ streetId: fx.streetA, houseNumber: '12a' });
    expect((await loadJoined(db))?.signupPlace).toEqual({ streetId: fx.streetA, houseNumber: '12a' });
    expect((await loadMemberships(db)).map((m) => [m.campaign.id, m.signupPlace])).toEqual([[fx.campaignA.id, place]]);

    await leaveActivity(db, fx.campaignA.id);
    const [left] = await loadMemberships(db);
    // Kept, marked left, until the server holds everything of it: but without the address.
    expect(left?.leftAt).toBeDefined();
    expect(left).not.toHaveProperty('signupPlace');
    expect(JSON.stringify(await db.getAll('meta'))).not.toContain('"12a"'); // as a JSON value: bare 12a also turns up inside UUIDv7 ids at some moments
    db.close();
  });

  it('keeps no address for an invite join, nor for a sign-up that gave none', async () => {
    const db = await openDatabase(`signup-join-${uuidv7()}`);
    const { token } = await signedUp('7');
    expect(await joinWithSignupOnline(db, { token, showNameInRankings: false, place: null })).not.toHaveProperty('signupPlace');
    expect((await loadMemberships(db)).filter((m) => 'signupPlace' in m)).toEqual([]);
    db.close();
    const other = await openDatabase(`signup-join-${uuidv7()}`);
    const invited = await joinOnline(other, { code: fx.inviteCodeA, displayName: 'Buurman', contact: null, contactConsent: false, showNameInRankings: false });
    expect(invited).not.toHaveProperty('signupPlace');
    expect((await loadMemberships(other)).filter((m) => 'signupPlace' in m)).toEqual([]);
    other.close();
  });
});
