/**
 * The standings a volunteer sees on the counter screen are the console's tallyDashboard,
 * asked with the volunteer's own device token: each street's place (one ranking rule,
 * shared by streets and participants: equal areas share a place), m² per household where
 * the number of households is known, and the top participants with a name only when
 * they agreed. Another campaign's volunteer learns nothing, not even that it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { placesByFigure } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const STANDINGS = `query($id: ID!) { tallyDashboard(campaignId: $id, top: 10) {
  streets { place streetId streetName householdCount areaM2PerHousehold total { areaCm2 } }
  topParticipants { rank name isPseudonym participantId total { areaCm2 } }
} }`;
const RECORD = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { id } }';

interface Street { place: number; streetId: string; streetName: string; householdCount: number | null; areaM2PerHousehold: number | null; total: { areaCm2: number } }
interface Ranked { rank: number; name: string; isPseudonym: boolean; participantId: string | null; total: { areaCm2: number } }

describe('placesByFigure', () => {
  it('gives equal areas the same place and lets the next one skip', () => {
    expect(placesByFigure([5000, 3000, 3000, 1000, 0, 0])).toEqual([1, 2, 2, 4, 5, 5]);
    expect(placesByFigure([])).toEqual([]);
    expect(placesByFigure([0, 0, 0])).toEqual([1, 1, 1]);
  });
});

describe('standings on the counter screen', () => {
  let fx: AccessFixture;
  let streets: { id: string; name: string }[];
  let anna: Awaited<ReturnType<AccessFixture['makeParticipant']>>;
  let bram: Awaited<ReturnType<AccessFixture['makeParticipant']>>;
  let cas: Awaited<ReturnType<AccessFixture['makeParticipant']>>;

  const count = async (who: { headers: Record<string, string> }, streetId: string, sizeCode: string, n: number) => {
    const { body } = await fx.query(who.headers, RECORD, { input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId, sizeCode, count: n } });
    expect(body.errors).toBeUndefined();
  };
  const standings = async (headers: Record<string, string>) => (await fx.query(headers, STANDINGS, { id: fx.campaignA.id })).body.data.tallyDashboard as { streets: Street[]; topParticipants: Ranked[] };
  const consent = (who: { headers: Record<string, string> }, showNameInRankings: boolean) =>
    fx.query(who.headers, 'mutation($input: UpdateMyConsentInput!) { updateMyConsent(input: $input) { id } }', { input: { contact: null, contactConsent: false, showNameInRankings } });

  beforeAll(async () => {
    fx = await accessFixture();
    streets = await fx.t.app.connection.db.selectFrom('street').select(['id', 'name']).where('neighbourhood_id', '=', fx.neighbourhoodA).orderBy('name').execute();
    expect(streets.length).toBeGreaterThanOrEqual(4);
    // Households are known for two streets; the coordinator enters them in the console.
    for (const [street, households] of [[streets[0]!, 40], [streets[1]!, 25]] as const) {
      const { body } = await fx.query('coordinator', 'mutation($id: ID!, $n: Int) { setStreetHouseholds(streetId: $id, householdCount: $n) { id } }', { id: street.id, n: households });
      expect(body.errors).toBeUndefined();
    }
    anna = await fx.makeParticipant(fx.campaignA);
    bram = await fx.makeParticipant(fx.campaignA);
    cas = await fx.makeParticipant(fx.campaignA);
    await consent(anna, true);
    await consent(bram, false);
    await consent(cas, false);
    await count(anna, streets[0]!.id, 'TEGEL_60X60', 4); // 14,400 cm²
    await count(bram, streets[1]!.id, 'TEGEL_30X30', 10); // 9,000 cm²
    await count(cas, streets[2]!.id, 'TEGEL_30X30', 10); // 9,000 cm²: as much as Bram's street
  });
  afterAll(() => fx.t.close());

  it("gives a volunteer each street's place, equal streets sharing one, with m² per household where known", async () => {
    const seen = await standings(anna.headers);
    const byId = new Map(seen.streets.map((s) => [s.streetId, s]));
    expect(byId.get(streets[0]!.id)).toMatchObject({ place: 1, householdCount: 40, areaM2PerHousehold: 0.036, total: { areaCm2: 14_400 } });
    expect(byId.get(streets[1]!.id)).toMatchObject({ place: 2, householdCount: 25, areaM2PerHousehold: 0.036, total: { areaCm2: 9000 } });
    expect(byId.get(streets[2]!.id)).toMatchObject({ place: 2, householdCount: null, areaM2PerHousehold: null, total: { areaCm2: 9000 } });
    // Streets where nothing was counted yet share the place after the counted ones.
    expect(seen.streets.slice(3).map((s) => [s.place, s.total.areaCm2])).toEqual(seen.streets.slice(3).map(() => [4, 0]));
    expect(seen.streets).toHaveLength(streets.length);
    // The console's dashboard ranks the streets the same way.
    expect((await standings(fx.headers.coordinator)).streets).toEqual(seen.streets);
  });

  it('names only the volunteers who agreed, ranks equal areas together, and tells a volunteer which line is theirs only', async () => {
    const annaRow = await fx.t.app.connection.db.selectFrom('participant').select(['display_name', 'pseudonym']).where('id', '=', anna.id).executeTakeFirstOrThrow();
    const pseudonyms = await fx.t.app.connection.db.selectFrom('participant').select(['id', 'pseudonym']).where('id', 'in', [bram.id, cas.id]).execute();
    const seen = await standings(bram.headers);
    expect(seen.topParticipants.map((r) => [r.rank, r.name, r.isPseudonym, r.total.areaCm2])).toEqual([
      [1, annaRow.display_name, false, 14_400],
      [2, expect.stringMatching(/^Buurtgenoot /), true, 9000],
      [2, expect.stringMatching(/^Buurtgenoot /), true, 9000],
    ]);
    expect(seen.topParticipants.slice(1).map((r) => r.name).sort()).toEqual(pseudonyms.map((p) => p.pseudonym).sort());
    expect(seen.topParticipants.map((r) => r.participantId).filter(Boolean)).toEqual([bram.id]);
    expect(JSON.stringify(seen)).not.toContain(annaRow.pseudonym);

    // Anna changes her mind: from then on the standings show her pseudonym.
    await consent(anna, false);
    expect((await standings(bram.headers)).topParticipants[0]).toMatchObject({ name: annaRow.pseudonym, isPseudonym: true });
    await consent(anna, true);
  });

  it("answers another campaign's volunteer exactly as for a campaign that does not exist", async () => {
    const other = await fx.query('otherParticipant', STANDINGS, { id: fx.campaignA.id });
    const none = await fx.query('otherParticipant', STANDINGS, { id: uuidv7() });
    expect(other.body.data).toBeNull();
    expect(other.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(other.body.errors.map((e: { message: string }) => e.message)).toEqual(none.body.errors.map((e: { message: string }) => e.message));
    // A walker of a schouw in the same neighbourhood does not see the tegelwip standings either.
    expect((await fx.query('schouwer', STANDINGS, { id: fx.campaignA.id })).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
