/**
 * Schouw scores. Property: whatever walkers answer on two schouws of a neighbourhood
 * (several walkers and a coordinator, answers changed later or arriving late, NVT,
 * yes/no answers that are no rating, spots moved to another street, other campaigns made
 * in between), every score Campaign.scores returns, and every spot's previousRating,
 * equals a recomputation from the answers given, by a plain implementation of the
 * definition: per walker the answer with the latest device time counts; the level is
 * the middle rating of those A+ … D sorted, the worse one of the two middles for an even
 * number; NVT is counted in the distribution only. Plus fixed examples and who may ask.
 */
import { RATINGS as SCALE, type Rating } from '@buurtkracht/protocol/rating-scale';
import { THEMES as THEME_ORDER } from '@buurtkracht/protocol/themes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { createSpot, updateSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import type { SpotType } from '../../server/src/modules/spot/spot.table.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';


const SCORE = 'level distribution { rating count } observationCount previousLevel change';
const SCORES = `query($id: ID!) { campaign(id: $id) { scores {
  previousSchouw { id name }
  overall { ${SCORE} }
  themes { theme score { ${SCORE} } }
  streets { street { id name } score { ${SCORE} } }
  spots { spot { id name } score { ${SCORE} } }
  cells { theme street { id name } score { ${SCORE} } }
} } }`;
const PREVIOUS = 'query($id: ID!) { neighbourhood(slug: "staatsliedenbuurt") { spots(first: 100) { edges { node { id previousRating(campaignId: $id) { rating observationCount campaignName photoId } } } } } }';

/** One answer as given: which schouw, who, where, which item, what, and the device's clock. */
interface Answer {
  year: 0 | 1;
  walker: number;
  spot: number;
  item: number;
  pick: number;
  minute: number;
}
type Command = { kind: 'answer'; answer: Answer } | { kind: 'move'; spot: number; street: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      year: fc.constantFrom(0 as const, 1 as const),
      walker: fc.nat(3),
      spot: fc.nat(3),
      item: fc.nat(9),
      pick: fc.nat(5),
      // Few distinct device times, so later answers that were made earlier (and ties) happen.
      minute: fc.nat(4),
    }).map((answer) => ({ kind: 'answer' as const, answer })),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), spot: fc.nat(3), street: fc.nat(2) }) },
);

// ---- The independent implementation of the definition, on the answers as given. ----

const rank = (r: Rating) => SCALE.indexOf(r);

/** The middle rating of A+ … D; for an even number the worse (higher rank) of the two middles. */
function expectedLevel(ratings: Rating[]): Rating | null {
  const sorted = ratings.filter((r) => r !== 'NVT').sort((a, b) => rank(a) - rank(b));
  if (sorted.length === 0) return null;
  if (sorted.length % 2 === 1) return sorted[(sorted.length - 1) / 2]!;
  const [a, b] = [sorted[sorted.length / 2 - 1]!, sorted[sorted.length / 2]!];
  return rank(a) > rank(b) ? a : b;
}

function expectedScore(now: Rating[] | undefined, before: Rating[] | undefined) {
  const level = expectedLevel(now ?? []);
  const previousLevel = before ? expectedLevel(before) : null;
  return {
    level,
    distribution: SCALE.map((rating) => ({ rating, count: (now ?? []).filter((r) => r === rating).length })),
    observationCount: (now ?? []).filter((r) => r !== 'NVT').length,
    previousLevel,
    change: !level || !previousLevel ? null : level === previousLevel ? 'SAME' : rank(level) < rank(previousLevel) ? 'UP' : 'DOWN',
  };
}

describe('schouw scores', () => {
  let fx: AccessFixture;
  let admin: Viewer;
  let spots: Spot[] = [];
  let streets: { id: string; name: string }[] = [];
  /** Per spot, the checklist items that apply there (rating items and a yes/no item). */
  let itemsAt: { id: string; theme: string; type: string }[][] = [];
  /** Each spot's street now (moves of earlier runs stay). */
  let streetOf: string[] = [];

  const openSchouw = async (neighbourhoodId: string, name: string, kind: 'SCHOUW' | 'TEGELWIPPEN' = 'SCHOUW') => {
    const db = fx.t.app.connection.db;
    const draft = await createCampaign(db, admin, { neighbourhoodId, kind, name, days: [{ date: '2027-05-01' }], checklistVersionId: kind === 'SCHOUW' ? fx.checklist.id : null, requestId: 't' });
    return changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
  };
  const participantViewer = async (campaign: Campaign): Promise<Viewer> => ({ kind: 'participant', participantId: (await fx.makeParticipant(campaign)).id, campaignId: campaign.id });
  const record = (viewer: Viewer, campaign: Campaign, spot: Spot, item: { id: string; type: string }, pick: number, deviceTime: string) =>
    fx.t.app.connection.db.transaction().execute((trx) =>
      recordObservation(trx, viewer, {
        id: uuidv7(),
        campaignId: campaign.id,
        spotId: spot.id,
        checklistItemId: item.id,
        ...(item.type === 'RATING' ? { rating: SCALE[pick % SCALE.length] } : { answer: pick % 2 ? 'JA' : 'NEE' }),
        deviceTime,
      }),
    );

  beforeAll(async () => {
    fx = await accessFixture();
    admin = fx.asViewer('admin');
    const db = fx.t.app.connection.db;
    streets = (await allStreets(db, fx.neighbourhoodA)).slice(0, 3).map((s) => ({ id: s.id, name: s.name }));
    const types: SpotType[] = ['PARK', 'SPEELPLEK', 'NESTKAST', 'PLANTSOEN'];
    spots = [];
    for (const [i, type] of types.entries()) spots.push(await createSpot(db, admin, fx.neighbourhoodA, { streetId: streets[i % streets.length]!.id, type, name: `Scoreplek ${i}` }));
    const items = fx.checklist.sections.flatMap((section) => section.items.map((item) => ({ id: item.id, theme: section.theme as string, type: item.type as string, spotTypes: item.spotTypes as string[], prompt: item.prompt })));
    streetOf = spots.map((s) => s.streetId);
    itemsAt = spots.map((spot) =>
      items.filter((item) => (item.type === 'RATING' || item.prompt === 'Doet de straatverlichting het?') && (item.spotTypes.length === 0 || item.spotTypes.includes(spot.type))),
    );
  });
  afterAll(() => fx.t.close());

  it('equal a recomputation from the answers, for every spot, theme, street, cell and the whole schouw', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 45 }), async (commands) => {
        run++;
        const db = fx.t.app.connection.db;
        const lastYear = await openSchouw(fx.neighbourhoodA, `Schouw vorig jaar ${run}`);
        // Made between the two, and none of them the previous schouw of this year's.
        await openSchouw(fx.neighbourhoodA, `Tegelwippen ${run}`, 'TEGELWIPPEN');
        await openSchouw(fx.neighbourhoodB, `Schouw Schildersbuurt ${run}`);
        const thisYear = await openSchouw(fx.neighbourhoodA, `Schouw dit jaar ${run}`);
        const campaigns = [lastYear, thisYear] as const;
        const walkers = await Promise.all(campaigns.map(async (c) => [await participantViewer(c), await participantViewer(c), await participantViewer(c), admin]));
        // Last year's schouw was walked (a schouw without answers is not compared with): one
        // yes/no answer, which is no rating and so changes no score.
        const lamp = itemsAt.flatMap((items, spot) => items.filter((i) => i.type === 'YES_NO').map((item) => ({ item, spot })))[0]!;
        await record(await participantViewer(lastYear), lastYear, spots[lamp.spot]!, lamp.item, 0, new Date(Date.UTC(2027, 4, 1, 9)).toISOString());

        // The model: per (schouw, walker, spot, item) the answer with the latest device time counts (ties: the later id).
        const current = new Map<string, { at: string; id: string; rating: Rating | null; theme: string; spot: number }>();
        for (const c of commands) {
          if (c.kind === 'move') {
            await updateSpot(db, admin, spots[c.spot]!.id, { streetId: streets[c.street]!.id });
            streetOf[c.spot] = streets[c.street]!.id;
            continue;
          }
          const a = c.answer;
          const items = itemsAt[a.spot]!;
          const item = items[a.item % items.length]!;
          const at = new Date(Date.UTC(2027, 4, 1, 10, a.minute)).toISOString();
          const saved = await record(walkers[a.year]![a.walker]!, campaigns[a.year], spots[a.spot]!, item, a.pick, at);
          const key = `${a.year}|${a.walker}|${a.spot}|${item.id}`;
          const before = current.get(key);
          if (!before || at > before.at || (at === before.at && saved.id > before.id)) {
            current.set(key, { at, id: saved.id, rating: saved.rating as Rating | null, theme: item.theme, spot: a.spot });
          }
        }

        // Ratings per group and year, from the model only.
        const groups = [new Map<string, Rating[]>(), new Map<string, Rating[]>()];
        for (const [key, answer] of current) {
          if (!answer.rating) continue;
          const year = Number(key[0]);
          const street = streetOf[answer.spot]!;
          for (const group of ['overall', `theme:${answer.theme}`, `street:${street}`, `spot:${spots[answer.spot]!.id}`, `cell:${answer.theme}:${street}`]) {
            groups[year]!.set(group, [...(groups[year]!.get(group) ?? []), answer.rating]);
          }
        }
        const expected = (group: string) => expectedScore(groups[1]!.get(group), groups[0]!.get(group));
        const keysOf = (prefix: string) => [...new Set([...groups[0]!.keys(), ...groups[1]!.keys()])].filter((k) => k.startsWith(prefix)).sort();

        const { body } = await fx.query('coordinator', SCORES, { id: thisYear.id });
        expect(body.errors).toBeUndefined();
        const scores = body.data.campaign.scores;
        expect(scores.previousSchouw).toEqual({ id: lastYear.id, name: lastYear.name });
        expect(scores.overall).toEqual(expected('overall'));
        expect(scores.themes.map((t: any) => t.theme)).toEqual(THEME_ORDER.filter((t) => keysOf(`theme:${t}`).length > 0));
        for (const t of scores.themes) expect({ theme: t.theme, ...t.score }).toEqual({ theme: t.theme, ...expected(`theme:${t.theme}`) });
        const streetName = (id: string) => streets.find((s) => s.id === id)!.name;
        expect(scores.streets.map((s: any) => `street:${s.street.id}`).sort()).toEqual(keysOf('street:'));
        for (const s of scores.streets) {
          expect(s.street.name).toBe(streetName(s.street.id));
          expect(s.score).toEqual(expected(`street:${s.street.id}`));
        }
        expect(scores.spots.map((s: any) => `spot:${s.spot.id}`).sort()).toEqual(keysOf('spot:'));
        for (const s of scores.spots) {
          expect(s.spot.name).toBe(spots.find((p) => p.id === s.spot.id)!.name);
          expect(s.score).toEqual(expected(`spot:${s.spot.id}`));
        }
        expect(scores.cells.map((c: any) => `cell:${c.theme}:${c.street.id}`).sort()).toEqual(keysOf('cell:'));
        for (const c of scores.cells) expect(c.score).toEqual(expected(`cell:${c.theme}:${c.street.id}`));

        // The walk's "last time" hint: each spot's score on last year's schouw.
        const previous = await fx.query('coordinator', PREVIOUS, { id: thisYear.id });
        expect(previous.body.errors).toBeUndefined();
        for (const spot of spots) {
          const shown = previous.body.data.neighbourhood.spots.edges.find((e: any) => e.node.id === spot.id).node.previousRating;
          const ratings = (groups[0]!.get(`spot:${spot.id}`) ?? []).filter((r) => r !== 'NVT');
          const level = expectedLevel(ratings);
          expect(shown).toEqual(level ? { rating: level, observationCount: ratings.length, campaignName: lastYear.name, photoId: null } : null);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('takes the worse middle level for an even number, leaves NVT out, and compares with the previous schouw', async () => {
    const lastYear = await openSchouw(fx.neighbourhoodA, 'Voorbeeld vorig jaar');
    const thisYear = await openSchouw(fx.neighbourhoodA, 'Voorbeeld dit jaar');
    const schoon = itemsAt[0]!.find((i) => i.theme === 'SCHOON')!;
    const at = '2027-05-01T10:00:00.000Z';
    for (const [campaign, ratings] of [[lastYear, ['B', 'B', 'C']], [thisYear, ['A', 'B', 'C', 'D', 'NVT', 'NVT']]] as const) {
      for (const rating of ratings) await record(await participantViewer(campaign), campaign, spots[0]!, schoon, SCALE.indexOf(rating), at);
    }
    const { body } = await fx.query('coordinator', SCORES, { id: thisYear.id });
    expect(body.data.campaign.scores.overall).toEqual({
      level: 'C',
      distribution: [
        { rating: 'A_PLUS', count: 0 },
        { rating: 'A', count: 1 },
        { rating: 'B', count: 1 },
        { rating: 'C', count: 1 },
        { rating: 'D', count: 1 },
        { rating: 'NVT', count: 2 },
      ],
      observationCount: 4,
      previousLevel: 'B',
      change: 'DOWN',
    });
    // A schouw with only NVT answers has no score.
    const empty = await openSchouw(fx.neighbourhoodA, 'Voorbeeld alleen n.v.t.');
    await record(admin, empty, spots[0]!, schoon, SCALE.indexOf('NVT'), at);
    const nvt = await fx.query('coordinator', SCORES, { id: empty.id });
    expect(nvt.body.data.campaign.scores.overall).toMatchObject({ level: null, observationCount: 0, previousLevel: 'C', change: null });
  });

  it('compare with the newest schouw that was walked: not a draft, not one without answers', async () => {
    const db = fx.t.app.connection.db;
    const walked = await openSchouw(fx.neighbourhoodA, 'Gelopen schouw');
    const schoon = itemsAt[0]!.find((i) => i.theme === 'SCHOON')!;
    await record(admin, walked, spots[0]!, schoon, SCALE.indexOf('B'), '2027-05-01T10:00:00.000Z');
    await openSchouw(fx.neighbourhoodA, 'Open, maar niet gelopen');
    await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Nog een ontwerp', days: [{ date: '2027-05-02' }], checklistVersionId: fx.checklist.id, requestId: 't' });
    const now = await openSchouw(fx.neighbourhoodA, 'Schouw na een ontwerp');
    const { body } = await fx.query('coordinator', SCORES, { id: now.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.campaign.scores.previousSchouw).toEqual({ id: walked.id, name: walked.name });
  });

  it('are for the coordinators of the neighbourhood only', async () => {
    const query = `query($id: ID!) { campaign(id: $id) { id scores { overall { level } } } }`;
    for (const role of ['coordinator', 'admin'] as const) {
      const { body } = await fx.query(role, query, { id: fx.schouwA.id });
      expect(body.errors, role).toBeUndefined();
      expect(body.data.campaign.scores.overall).toHaveProperty('level');
    }
    // A coordinator of another neighbourhood does not even see the campaign.
    const other = await fx.query('otherCoordinator', query, { id: fx.schouwA.id });
    expect(other.body.data.campaign).toBeNull();
    // A partner and a walker of the schouw see the campaign, but not its scores.
    for (const role of ['partner', 'schouwer'] as const) {
      const { body } = await fx.query(role, query, { id: fx.schouwA.id });
      expect(body.errors?.[0]?.extensions?.code, role).toBe('NOT_FOUND');
      expect(body.data.campaign.scores, role).toBeNull();
    }
    const anonymous = await fx.query('anonymous', query, { id: fx.schouwA.id });
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // A tegelwip campaign has no scores.
    const tegel = await fx.query('coordinator', query, { id: fx.campaignA.id });
    expect(tegel.body.data.campaign.scores).toBeNull();
  });
});
