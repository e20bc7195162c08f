/**
 * The console's findings list pages, filters and counts on the server: with more findings
 * than a page (mixed themes, ratings, streets, spot types, statuses and partners), the
 * totals and the counts per theme and rating equal a recount of what was stored, walking
 * the pages gives every finding once in newest-first order, and the last page is right.
 * A finding counts under the theme its recorder chose, not its checklist item's section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { THEMES, type Theme } from '../../server/src/modules/checklist/checklist.table.js';
import { FINDING_STATUSES, RATINGS, type FindingStatus, type Rating } from '../../server/src/modules/finding/finding.table.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const COUNT = 260;
const PAGE = 50;

interface Stored {
  id: string;
  serverTime: string;
  theme: Theme;
  rating: Rating | null;
  status: FindingStatus;
  streetId: string | null;
  spotId: string | null;
  spotType: string | null;
  routedTo: string | null;
  participantId: string | null;
  ownLocation: { lat: number; lon: number } | null;
  /** Where the map should show it: its own location, else its spot's. */
  position: { lat: number; lon: number } | null;
  checklistItemId: string | null;
}

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return <T>(values: readonly T[]): T => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return values[state % values.length]!;
  };
}

const newestFirst = (a: Stored, b: Stored) => (a.serverTime === b.serverTime ? (a.id < b.id ? 1 : -1) : a.serverTime < b.serverTime ? 1 : -1);

const FINDINGS_PAGE = `query($id: ID!, $filter: FindingFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
  campaign(id: $id) { findings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { node { id category rating status } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const COUNTS = `query($id: ID!, $filter: FindingFilterInput) { campaign(id: $id) {
  findingCounts(filter: $filter) { total byThemeAndRating { theme rating count } } } }`;
const POSITIONS = `query($id: ID!, $filter: FindingFilterInput, $limit: Int) { campaign(id: $id) {
  findingPositions(filter: $filter, limit: $limit) { total placed positions { id number lat lon rating status theme place } } } }`;

describe('findings lists filtered, counted and paged on the server', () => {
  let fx: AccessFixture;
  let schouw: Campaign;
  let stored: Stored[];
  let spots: Spot[];
  let streets: string[];
  let schouwerId: string;
  let schouwerHeaders: Record<string, string>;

  beforeAll(async () => {
    fx = await accessFixture();
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db, admin, {
      neighbourhoodId: fx.neighbourhoodA,
      kind: 'SCHOUW',
      name: 'Schouw met veel bevindingen',
      days: [{ date: '2027-05-16' }],
      checklistVersionId: fx.checklist.id,
      requestId: 't',
    });
    schouw = await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    const walker = await fx.makeParticipant(schouw);
    schouwerId = walker.id;
    schouwerHeaders = walker.headers;
    streets = (await allStreets(db, fx.neighbourhoodA)).slice(0, 4).map((s) => s.id);
    spots = [
      fx.spotA,
      await createSpot(db, admin, fx.neighbourhoodA, { streetId: streets[1]!, type: 'PLANTSOEN', name: 'Plantsoen bij de kerk', lat: 51.858, lon: 4.661 }),
      await createSpot(db, admin, fx.neighbourhoodA, { streetId: streets[2]!, type: 'BOOM', name: 'Lindeboom', lat: 51.859, lon: 4.662 }),
    ];
    const item = fx.checklist.sections.find((s) => s.theme !== 'HEEL')!.items[0]!;
    const pick = generator(7);
    const base = Date.parse('2027-05-16T08:00:00.000Z');
    stored = [];
    for (let i = 0; i < COUNT; i++) {
      const spot = pick([null, null, ...spots]);
      const ownLocation = pick([true, false, false]) ? { lat: 51.85 + i / 100_000, lon: 4.65 } : null;
      stored.push({
        id: uuidv7(),
        // Three findings share each second, so the id decides between them.
        serverTime: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
        theme: pick(THEMES),
        rating: pick([null, ...RATINGS]),
        status: pick(FINDING_STATUSES),
        streetId: spot ? spot.streetId : pick([null, ...streets]),
        spotId: spot?.id ?? null,
        spotType: spot?.type ?? null,
        routedTo: pick([null, null, fx.organisationId]),
        participantId: pick([null, schouwerId]),
        ownLocation,
        position: ownLocation ?? (spot?.lat != null ? { lat: spot.lat, lon: spot.lon! } : null),
        // Some answer a checklist item whose section has another theme than the one chosen.
        checklistItemId: spot && i % 5 === 0 ? item.id : null,
      });
    }
    // The recorder chose HEEL for an answer to an item of another section.
    stored[0] = { ...stored[0]!, theme: 'HEEL', rating: 'D', checklistItemId: item.id, spotId: spots[1]!.id, spotType: 'PLANTSOEN', streetId: spots[1]!.streetId, ownLocation: null, position: { lat: spots[1]!.lat!, lon: spots[1]!.lon! } };
    for (let i = 0; i < stored.length; i += 100) {
      await db
        .insertInto('finding')
        .values(
          stored.slice(i, i + 100).map((f) => ({
            id: f.id,
            campaign_id: schouw.id,
            spot_id: f.spotId,
            street_id: f.streetId,
            checklist_item_id: f.checklistItemId,
            category: f.theme,
            rating: f.rating,
            answer: null,
            text: `Bevinding ${f.id}`,
            suggestion: null,
            lat: f.ownLocation?.lat ?? null,
            lon: f.ownLocation?.lon ?? null,
            accuracy_m: null,
            participant_id: f.participantId,
            staff_account_id: f.participantId ? null : fx.ids.admin,
            device_time: f.serverTime,
            server_time: f.serverTime,
            status: f.status,
            routed_organisation_id: f.routedTo,
            version: 1,
            field_versions: '{}',
          })),
        )
        .execute();
    }
    stored.sort(newestFirst);
  });
  afterAll(() => fx.t.close());

  async function page(variables: Record<string, unknown>, headers: string | Record<string, string> = 'coordinator') {
    const { body } = await fx.query(headers as any, FINDINGS_PAGE, { id: schouw.id, ...variables });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.campaign.findings;
  }

  /** Every page, forward, as the console's "Volgende" walks them. */
  async function walk(filter: Record<string, unknown> | null) {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    let pages = 0;
    let last: any;
    do {
      last = await page({ filter, first: PAGE, after });
      ids.push(...last.edges.map((e: any) => e.node.id));
      totals.add(last.totalCount);
      after = last.pageInfo.endCursor;
      pages += 1;
    } while (last.pageInfo.hasNextPage && pages < 100);
    return { ids, totals: [...totals], lastPage: last };
  }

  const recount = (keep: (f: Stored) => boolean) => stored.filter(keep);

  it('walks every page of the unfiltered list: every finding once, newest first, and the last page holds the rest', async () => {
    const { ids, totals, lastPage } = await walk(null);
    expect(totals).toEqual([COUNT]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(stored.map((f) => f.id));
    expect(lastPage.edges).toHaveLength(COUNT % PAGE);
    expect(lastPage.pageInfo.hasNextPage).toBe(false);
  });

  it('jumps to the last page with last and walks back with before, on the same page boundaries', async () => {
    const rest = COUNT % PAGE;
    const tail = await page({ last: rest });
    expect(tail.totalCount).toBe(COUNT);
    expect(tail.edges.map((e: any) => e.node.id)).toEqual(stored.slice(-rest).map((f) => f.id));
    const before = await page({ last: PAGE, before: tail.pageInfo.startCursor });
    expect(before.edges.map((e: any) => e.node.id)).toEqual(stored.slice(-rest - PAGE, -rest).map((f) => f.id));
  });

  // Each filter with the findings it should keep; made when the test runs, after the data.
  const filters: [string, () => [Record<string, unknown>, (f: Stored) => boolean]][] = [
    ['street', () => [{ streetId: streets[1] }, (f) => f.streetId === streets[1]]],
    ['spot type', () => [{ spotType: 'PLANTSOEN' }, (f) => f.spotType === 'PLANTSOEN']],
    ['theme', () => [{ theme: 'HEEL' }, (f) => f.theme === 'HEEL']],
    ['rating', () => [{ rating: 'C' }, (f) => f.rating === 'C']],
    ['no rating', () => [{ unrated: true }, (f) => f.rating === null]],
    ['status', () => [{ status: 'AFGEHANDELD' }, (f) => f.status === 'AFGEHANDELD']],
    ['partner', () => [{ routedTo: fx.organisationId }, (f) => f.routedTo === fx.organisationId]],
    ['not routed', () => [{ notRouted: true }, (f) => f.routedTo === null]],
    ['theme, no rating and not routed together', () => [{ theme: 'SCHOON', unrated: true, notRouted: true }, (f) => f.theme === 'SCHOON' && f.rating === null && f.routedTo === null]],
  ];

  for (const [name, make] of filters) {
    it(`filters by ${name} in the database: totalCount, every page and the counts equal a recount`, async () => {
      const [filter, keep] = make();
      const expected = recount(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(COUNT);

      const { ids, totals } = await walk(filter);
      expect(totals).toEqual([expected.length]);
      expect(ids).toEqual(expected.map((f) => f.id));

      const { body } = await fx.query('coordinator', COUNTS, { id: schouw.id, filter });
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const counts = body.data.campaign.findingCounts;
      expect(counts.total).toBe(expected.length);
      const byKey = (rows: { theme: string; rating: string | null; count: number }[]) =>
        Object.fromEntries(rows.map((r) => [`${r.theme}/${r.rating ?? '-'}`, r.count]));
      const recounted: Record<string, number> = {};
      for (const f of expected) recounted[`${f.theme}/${f.rating ?? '-'}`] = (recounted[`${f.theme}/${f.rating ?? '-'}`] ?? 0) + 1;
      expect(byKey(counts.byThemeAndRating)).toEqual(recounted);
    });
  }

  it('counts every finding of the campaign per theme and rating when there is no filter', async () => {
    const { body } = await fx.query('coordinator', COUNTS, { id: schouw.id });
    const counts = body.data.campaign.findingCounts;
    expect(counts.total).toBe(COUNT);
    expect(counts.byThemeAndRating.reduce((sum: number, r: { count: number }) => sum + r.count, 0)).toBe(COUNT);
    for (const theme of THEMES) {
      const rows = counts.byThemeAndRating.filter((r: { theme: string }) => r.theme === theme);
      expect(rows.reduce((sum: number, r: { count: number }) => sum + r.count, 0)).toBe(stored.filter((f) => f.theme === theme).length);
    }
  });

  it('counts and filters a finding under the theme its recorder chose, not its checklist item\'s section', async () => {
    const answer = stored.find((f) => f.checklistItemId && f.theme === 'HEEL' && f.rating === 'D')!;
    const section = fx.checklist.sections.find((s) => s.items.some((i) => i.id === answer.checklistItemId))!;
    expect(section.theme).not.toBe('HEEL');
    const heel = await walk({ theme: 'HEEL' });
    expect(heel.ids).toContain(answer.id);
    const sectionTheme = await walk({ theme: section.theme });
    expect(sectionTheme.ids).not.toContain(answer.id);
    const { body } = await fx.query('coordinator', COUNTS, { id: schouw.id, filter: { theme: 'HEEL', rating: 'D' } });
    expect(body.data.campaign.findingCounts.byThemeAndRating).toEqual([{ theme: 'HEEL', rating: 'D', count: stored.filter((f) => f.theme === 'HEEL' && f.rating === 'D').length }]);
  });

  it('gives the map every filtered position in one answer, numbered as the table, and says when it holds back', async () => {
    const filter = { notRouted: true };
    const expected = stored.filter((f) => f.routedTo === null);
    const placed = expected.map((f, i) => ({ f, number: i + 1 })).filter(({ f }) => f.position);
    const { body } = await fx.query('coordinator', POSITIONS, { id: schouw.id, filter });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const answer = body.data.campaign.findingPositions;
    expect(answer.total).toBe(expected.length);
    expect(answer.placed).toBe(placed.length);
    expect(answer.positions.map((p: any) => [p.id, p.number, p.lat, p.lon])).toEqual(placed.map(({ f, number }) => [f.id, number, f.position!.lat, f.position!.lon]));
    const some = await fx.query('coordinator', POSITIONS, { id: schouw.id, filter, limit: 7 });
    expect(some.body.data.campaign.findingPositions.positions).toHaveLength(7);
    expect(some.body.data.campaign.findingPositions.placed).toBe(placed.length);
    const tooMany = await fx.query('coordinator', POSITIONS, { id: schouw.id, limit: 2001 });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a filter that asks for a rating and for none at once, in Dutch', async () => {
    const { body } = await fx.query('coordinator', FINDINGS_PAGE, { id: schouw.id, filter: { rating: 'A', unrated: true }, first: 5 });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/geen oordeel/);
  });

  it("counts only a participant's own findings when they ask for only theirs", async () => {
    const { body } = await fx.query(schouwerHeaders, `query($id: ID!) { campaign(id: $id) { mine: findings(onlyMine: true, first: 3) { totalCount edges { node { id recordedByMe } } } all: findings(first: 1) { totalCount } } }`, { id: schouw.id });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.campaign.mine.totalCount).toBe(stored.filter((f) => f.participantId === schouwerId).length);
    expect(body.data.campaign.mine.edges.every((e: any) => e.node.recordedByMe)).toBe(true);
    expect(body.data.campaign.all.totalCount).toBe(COUNT);
  });

  it('refuses a participant who filters on where findings were routed: routing is for staff only', async () => {
    const routed = stored.find((f) => f.routedTo)!.routedTo!;
    for (const filter of [{ routedTo: routed }, { notRouted: true }]) {
      const { body } = await fx.query(schouwerHeaders, `query($id: ID!, $filter: FindingFilterInput) { campaign(id: $id) { findings(filter: $filter, first: 1) { totalCount edges { node { id } } } } }`, { id: schouw.id, filter });
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe('BAD_USER_INPUT');
      expect(body.data?.campaign?.findings ?? null).toBeNull();
      const counts = await fx.query(schouwerHeaders, COUNTS, { id: schouw.id, filter });
      expect(counts.body.data?.campaign?.findingCounts ?? null).toBeNull();
      const positions = await fx.query(schouwerHeaders, POSITIONS, { id: schouw.id, filter });
      expect(positions.body.data?.campaign?.findingPositions ?? null).toBeNull();
    }
    // The same question without a routing filter is answered.
    const { body } = await fx.query(schouwerHeaders, FINDINGS_PAGE, { id: schouw.id, filter: { status: 'NIEUW' }, first: 1 });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  });

  it('gives a partner the total of what was routed to them, filtered the same way', async () => {
    const everything = await fx.t.app.connection.db
      .selectFrom('finding')
      .select(['id', 'status'])
      .where('routed_organisation_id', '=', fx.organisationId)
      .execute();
    const { body } = await fx.query('partner', `query($filter: FindingFilterInput) { all: routedFindings(first: 10) { totalCount } done: routedFindings(first: 10, filter: $filter) { totalCount edges { node { status } } } }`, {
      filter: { status: 'AFGEHANDELD' },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.all.totalCount).toBe(everything.length);
    expect(body.data.done.totalCount).toBe(everything.filter((f) => f.status === 'AFGEHANDELD').length);
    expect(body.data.done.edges.every((e: any) => e.node.status === 'AFGEHANDELD')).toBe(true);
  });
});
