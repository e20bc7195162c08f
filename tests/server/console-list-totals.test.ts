/**
 * The console's other long lists (participants, invites, spots) say on the server how many
 * items they hold in all, so a screen shows "101–130 van 130" without reading every page,
 * and the poster page reads its one invite by id instead of searching all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const EXTRA = 130;
const PAGE = 50;

describe('totals of the console lists', () => {
  let fx: AccessFixture;
  let before: { participants: number; invites: number; spots: number };

  beforeAll(async () => {
    fx = await accessFixture();
    const db = fx.t.app.connection.db;
    const count = async (table: 'participant' | 'participant_invite', campaignId: string) =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()).n);
    before = {
      participants: await count('participant', fx.campaignA.id),
      invites: await count('participant_invite', fx.campaignA.id),
      spots: Number((await db.selectFrom('spot').select((eb) => eb.fn.countAll<number>().as('n')).where('neighbourhood_id', '=', fx.neighbourhoodA).executeTakeFirstOrThrow()).n),
    };
    const now = Date.parse('2027-04-01T08:00:00.000Z');
    const invites = Array.from({ length: EXTRA }, (_, i) => ({
      id: uuidv7(),
      campaign_id: fx.campaignA.id,
      code: `TOTAAL${String(i).padStart(4, '0')}`,
      label: `Poster ${i}`,
      created_by: fx.ids.admin,
      created_at: new Date(now + i * 1000).toISOString(),
      expires_at: null,
      max_uses: null,
      use_count: 0,
      revoked_at: null,
    }));
    await db.insertInto('participant_invite').values(invites).execute();
    await db
      .insertInto('participant')
      .values(
        invites.map((invite, i) => ({
          id: uuidv7(),
          campaign_id: fx.campaignA.id,
          invite_id: invite.id,
          token_hash: `hash-${invite.id}`,
          display_name: `Buur ${i}`,
          contact: null,
          contact_consent_at: null,
          pseudonym: `Tegelwipper ${i}`,
          show_name_in_rankings: 0,
          joined_at: new Date(now + i * 1000).toISOString(),
          revoked_at: null,
          erased_at: null,
        })),
      )
      .execute();
    await db
      .insertInto('spot')
      .values(
        Array.from({ length: EXTRA }, (_, i) => ({
          id: uuidv7(),
          neighbourhood_id: fx.neighbourhoodA,
          street_id: fx.streetA,
          type: 'BOOM' as const,
          name: `Boom ${String(i).padStart(3, '0')}`,
          description: null,
          lat: null,
          lon: null,
          created_at: new Date(now).toISOString(),
        })),
      )
      .execute();
  });
  afterAll(() => fx.t.close());

  const lists = [
    { name: 'participants', field: 'participants', holder: 'campaign', extra: () => before.participants },
    { name: 'invites', field: 'invites', holder: 'campaign', extra: () => before.invites },
    { name: 'spots', field: 'spots', holder: 'neighbourhood', extra: () => before.spots },
  ] as const;

  for (const list of lists) {
    it(`${list.name}: totalCount is the whole list, and the last page holds the rest`, async () => {
      const holder = list.holder === 'campaign' ? `campaign(id: "${fx.campaignA.id}")` : 'neighbourhood(slug: "staatsliedenbuurt")';
      const page = async (args: string) => {
        const { body } = await fx.query('coordinator', `{ ${holder} { ${list.field}(${args}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`);
        expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
        return body.data[list.holder][list.field];
      };
      const total = EXTRA + list.extra();
      const ids: string[] = [];
      let after: string | null = null;
      let current: any;
      do {
        current = await page(after ? `first: ${PAGE}, after: "${after}"` : `first: ${PAGE}`);
        expect(current.totalCount).toBe(total);
        ids.push(...current.edges.map((e: any) => e.node.id));
        after = current.pageInfo.endCursor;
      } while (current.pageInfo.hasNextPage);
      expect(new Set(ids).size).toBe(total);
      expect(current.edges).toHaveLength(total % PAGE || PAGE);
      const tail = await page(`last: ${total % PAGE || PAGE}`);
      expect(tail.edges.map((e: any) => e.node.id)).toEqual(current.edges.map((e: any) => e.node.id));
    });
  }

  it('reads one invite by id for its coordinators only', async () => {
    const invite = await fx.t.app.connection.db.selectFrom('participant_invite').select(['id', 'code']).where('code', '=', 'TOTAAL0042').executeTakeFirstOrThrow();
    const query = `query($id: ID!) { participantInvite(id: $id) { id code label } }`;
    const mine = await fx.query('coordinator', query, { id: invite.id });
    expect(mine.body.data.participantInvite).toEqual({ id: invite.id, code: 'TOTAAL0042', label: 'Poster 42' });
    const other = await fx.query('otherCoordinator', query, { id: invite.id });
    expect(other.body.errors).toBeUndefined();
    expect(other.body.data.participantInvite).toBeNull();
    const unknown = await fx.query('coordinator', query, { id: uuidv7() });
    expect(unknown.body.data.participantInvite).toBeNull();
  });

  it("names each device's participant, so the devices table needs no page of participants", async () => {
    const walker = await fx.makeParticipant(fx.campaignA);
    const synced = await fx.query(walker.headers, SYNC, new TestDevice().input([], null, fx.campaignA.id));
    expect(synced.body.errors, JSON.stringify(synced.body.errors)).toBeUndefined();
    const { body } = await fx.query('coordinator', `query($id: ID!) { campaign(id: $id) { devices { participantId participant { id displayName } } } }`, { id: fx.campaignA.id });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const device = body.data.campaign.devices.find((d: any) => d.participantId === walker.id);
    expect(device.participant).toEqual({ id: walker.id, displayName: expect.stringMatching(/^Deelnemer /) });
  });
});
