/**
 * The programme's results, property: whatever campaigns a neighbourhood runs (schouws and
 * tegelwip actions over a few years, with or without days, drafts, campaigns whose personal
 * data was erased), whoever joins, signs up (at addresses typed in different ways, or
 * cancels), counts or corrects tiles, reports and follows up findings, answers the
 * checklist, and answers questionnaires (in the app or by the link, 1–5 questions or
 * others, some left out), every figure the service gives equals a recomputation from those raw inputs
 * by a plain implementation of the definitions in programme-figures.ts, written here
 * without the server's code.
 */
import { RATINGS, type Rating } from '@buurtkracht/protocol/rating-scale';
import { SIZE_CODE_AREA_CM2 } from '@buurtkracht/protocol/tile-sizes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingStatus } from '../../server/src/modules/finding/finding.table.js';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { programmeResults } from '../../server/src/modules/programme/programme.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { programmeNeighbourhood, type ParkTheme } from '../support/programme-fixture.js';

/** House numbers as people type them, with the address each one is. */
const HOUSE_NUMBERS: [typed: string, address: string][] = [
  ['12', '12'],
  ['12a', '12a'],
  ['12 A', '12a'],
  ['12-a', '12a'],
  ['14', '14'],
];
const SIZES = ['TEGEL_30X30', 'TEGEL_60X60', 'AREA'] as const;
const ORIGINS = ['GARDEN', 'PUBLIC', null] as const;
const THEMES: ParkTheme[] = ['GROEN_ONDERHOUD', 'SCHOON', 'HEEL'];
const THEME_ORDER = ['GROEN_ONDERHOUD', 'SCHOON', 'HEEL'];
/** Follow-up paths a finding may take (each step allowed by the workflow). */
const PATHS: FindingStatus[][] = [[], ['IN_BEHANDELING'], ['AFGEHANDELD'], ['NIET_OPPAKBAAR'], ['IN_BEHANDELING', 'AFGEHANDELD'], ['AFGEHANDELD', 'HEROPEND'], ['AFGEHANDELD', 'HEROPEND', 'NIET_OPPAKBAAR']];
const HANDLED = ['AFGEHANDELD', 'NIET_OPPAKBAAR'];
const QUESTION_TYPES_USED = ['SCALE', 'YES_NO', 'TEXT'] as const;

const campaignArb = fc.record({
  kind: fc.constantFrom('SCHOUW' as const, 'TEGELWIPPEN' as const),
  year: fc.constantFrom(2025, 2026),
  // No days: the year it was made in, in Dutch time (23:30 UTC on 31 December is already the next year there).
  withDays: fc.boolean(),
  lateCreated: fc.boolean(),
  draft: fc.boolean(),
  /** OPEN, CLOSED (kept), or ERASED (closed and its personal data erased). */
  end: fc.constantFrom('OPEN' as const, 'CLOSED' as const, 'ERASED' as const),
  target: fc.option(fc.integer({ min: 1, max: 900 }), { nil: null }),
  participants: fc.nat(3),
  signups: fc.array(fc.record({ street: fc.nat(1), number: fc.nat(HOUSE_NUMBERS.length - 1), cancelled: fc.boolean() }), { maxLength: 4 }),
  tallies: fc.array(
    fc.record({ street: fc.nat(1), number: fc.option(fc.nat(HOUSE_NUMBERS.length - 1), { nil: null }), size: fc.constantFrom(...SIZES), count: fc.integer({ min: 1, max: 30 }), origin: fc.constantFrom(...ORIGINS), takeBack: fc.nat(30) }),
    { maxLength: 5 },
  ),
  findings: fc.array(fc.record({ path: fc.nat(PATHS.length - 1), gaps: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 3, maxLength: 3 }) }), { maxLength: 4 }),
  answers: fc.array(fc.record({ walker: fc.nat(2), theme: fc.nat(THEMES.length - 1), rating: fc.constantFrom(...RATINGS) }), { maxLength: 6 }),
  questionnaire: fc.option(
    fc.record({
      types: fc.array(fc.constantFrom(...QUESTION_TYPES_USED), { minLength: 1, maxLength: 3 }),
      // Per response a step 1–5 per question (null: left out), made into that question's kind of answer; by a walker in the app or by the link.
      responses: fc.array(fc.record({ steps: fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { minLength: 3, maxLength: 3 }), walker: fc.option(fc.nat(2), { nil: null }) }), { maxLength: 5 }),
    }),
    { nil: null },
  ),
});
type CampaignSpec = typeof campaignArb extends fc.Arbitrary<infer T> ? T : never;

const HOUR = 3_600_000;
const amsterdamYear = (iso: string) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date(iso)));
const createdAtOf = (c: CampaignSpec) => (c.lateCreated ? `${c.year - 1}-12-31T23:30:00.000Z` : `${c.year}-02-01T10:00:00.000Z`);
const yearOf = (c: CampaignSpec) => (c.withDays ? c.year : amsterdamYear(createdAtOf(c)));
/** A measured area is sent in thousands of cm², so that it is of the size of a few tiles. */
const unitsOf = (t: { size: (typeof SIZES)[number] }, count: number) => (t.size === 'AREA' ? count * 1000 : count);
const areaOf = (t: { size: (typeof SIZES)[number]; count: number }) => SIZE_CODE_AREA_CM2[t.size] * unitsOf(t, t.count);
const takenBack = (t: { count: number; takeBack: number }) => Math.min(t.takeBack, t.count);

/**
 * The responses a campaign's questionnaire got, each as its answers (type and value): only
 * a campaign with days opens its questionnaire, and a response needs one answer at least.
 */
function responsesOf(c: CampaignSpec) {
  const q = c.questionnaire;
  if (!q || !c.withDays) return [];
  return q.responses
    .map((r) => ({ walker: r.walker, answers: q.types.flatMap((type, index) => (r.steps[index] == null ? [] : [{ index, type, value: type === 'SCALE' ? r.steps[index]! : type === 'YES_NO' ? (r.steps[index]! % 2 ? 'JA' : 'NEE') : `Antwoord ${r.steps[index]}` }])) }))
    .filter((r) => r.answers.length > 0);
}

/** The middle level of ratings A+ … D (the worse middle one for an even number). */
function levelOf(ratings: Rating[]): Rating | null {
  const levels = ratings.filter((r) => r !== 'NVT').sort((a, b) => RATINGS.indexOf(a) - RATINGS.indexOf(b));
  return levels.length === 0 ? null : levels[Math.floor(levels.length / 2)]!;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** What the definitions say the year's figures are, from the inputs alone. */
function expectedYear(year: number, specs: CampaignSpec[], findingTimes: Map<CampaignSpec, { at: number; handledAt: number | null }[]>) {
  const ofYear = specs.filter((c) => !c.draft && yearOf(c) === year);
  const activities = (['SCHOUW', 'TEGELWIPPEN'] as const).flatMap((kind) => {
    const mine = ofYear.filter((c) => c.kind === kind);
    if (mine.length === 0) return [];
    let households: number | null = null;
    let householdsUnknown: string | null = null;
    if (kind === 'SCHOUW') householdsUnknown = 'NO_ADDRESSES';
    else if (mine.some((c) => c.end === 'ERASED')) householdsUnknown = 'PERSONAL_DATA_ERASED';
    else {
      const addresses = new Set<string>();
      const net = new Map<string, number>();
      for (const c of mine) {
        for (const s of c.signups) if (!s.cancelled) addresses.add(`${s.street}|${HOUSE_NUMBERS[s.number]![1]}`);
        for (const t of c.withDays ? c.tallies : []) {
          if (t.number === null) continue;
          const key = `${t.street}|${HOUSE_NUMBERS[t.number]![1]}`;
          net.set(key, (net.get(key) ?? 0) + areaOf(t) - areaOf({ ...t, count: takenBack(t) }));
        }
      }
      for (const [key, area] of net) if (area > 0) addresses.add(key);
      households = addresses.size;
    }
    return [
      {
        kind,
        campaigns: mine.length,
        signups: mine.reduce((n, c) => n + c.signups.filter((s) => !s.cancelled).length, 0),
        participants: mine.reduce((n, c) => n + c.participants, 0),
        households,
        householdsUnknown,
      },
    ];
  });

  const tegel = ofYear.filter((c) => c.kind === 'TEGELWIPPEN');
  let tegelwippen = null;
  if (tegel.length > 0) {
    let area = 0;
    let gardens = 0;
    for (const c of tegel) {
      const garden = new Map<string, number>();
      for (const t of c.withDays ? c.tallies : []) {
        const net = areaOf(t) - areaOf({ ...t, count: takenBack(t) });
        area += net;
        if (t.number !== null && t.origin !== 'PUBLIC') {
          const key = `${t.street}|${HOUSE_NUMBERS[t.number]![1]}`;
          garden.set(key, (garden.get(key) ?? 0) + net);
        }
      }
      gardens += [...garden.values()].filter((a) => a > 0).length;
    }
    tegelwippen = { areaCm2: area, nkTiles: Math.floor((area * 11 + 5000) / 10000), targetAreaCm2: tegel.reduce((n, c) => n + (c.target ?? 500) * 10_000, 0), gardensGreened: gardens };
  }

  const times = ofYear.flatMap((c) => findingTimes.get(c) ?? []);
  const handled = times.filter((f) => f.handledAt !== null);
  const days = median(handled.map((f) => (f.handledAt! - f.at) / (24 * HOUR)));
  const findings = { count: times.length, handled: handled.length, handledShare: times.length ? handled.length / times.length : null, medianDaysToHandle: days === null ? null : Math.round(days * 10) / 10 };

  const byTheme = new Map<string, Rating[]>();
  for (const c of ofYear.filter((x) => x.kind === 'SCHOUW')) {
    // Only each walker's last answer per theme counts (answers are given in order).
    const last = new Map<string, { theme: string; rating: Rating }>();
    for (const a of c.answers) if (a.walker < c.participants) last.set(`${a.walker}|${a.theme}`, { theme: THEMES[a.theme]!, rating: a.rating });
    for (const { theme, rating } of last.values()) byTheme.set(theme, [...(byTheme.get(theme) ?? []), rating]);
  }
  const themeScores = THEME_ORDER.filter((t) => byTheme.has(t)).map((theme) => {
    const ratings = byTheme.get(theme)!;
    return { theme, level: levelOf(ratings), observationCount: ratings.filter((r) => r !== 'NVT').length, distribution: RATINGS.map((rating) => ({ rating, count: ratings.filter((r) => r === rating).length })) };
  });
  const asked = ofYear.filter((c) => c.questionnaire !== null);
  const responses = asked.flatMap(responsesOf);
  const steps = responses.flatMap((r) => r.answers.filter((a) => a.type === 'SCALE').map((a) => a.value as number)).sort((a, b) => a - b);
  const satisfaction =
    asked.length === 0
      ? { responses: null, scaleAnswers: null, satisfiedShare: null, median: null, satisfactionUnknown: 'NO_QUESTIONNAIRE' }
      : {
          responses: responses.length,
          scaleAnswers: steps.length,
          satisfiedShare: steps.length ? steps.filter((v) => v >= 4).length / steps.length : null,
          median: steps.length ? steps[Math.floor((steps.length - 1) / 2)]! : null,
          satisfactionUnknown: steps.length ? null : 'NO_SCALE_ANSWERS',
        };
  // Only schouws and tegelwip actions are generated here; clean-ups: programme-results-cleanup.test.ts.
  return { year, activities, tegelwippen, opruimen: null, findings, satisfaction, themeScores };
}

describe('programme results, recomputed from the raw inputs', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx?.t.close());

  it('every figure of every year equals the definitions applied to what was recorded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(campaignArb, { minLength: 1, maxLength: 4 }), async (specs) => {
        const p = await programmeNeighbourhood(fx);
        const findingTimes = new Map<CampaignSpec, { at: number; handledAt: number | null }[]>();
        for (const [i, spec] of specs.entries()) {
          const days = spec.withDays ? [`${spec.year}-0${4 + (i % 5)}-1${i % 10}`] : [];
          const campaign = await p.campaign(spec.kind, `Actie ${i}`, { days, createdAt: createdAtOf(spec), targetAreaM2: spec.target ?? undefined, draft: spec.draft });
          if (spec.draft) continue;
          const walkers = await p.participants(campaign, spec.participants);
          for (const s of spec.signups) await (spec.kind === 'TEGELWIPPEN' ? p.signup(campaign, s.street, HOUSE_NUMBERS[s.number]![0], s.cancelled) : p.signup(campaign, null, null, s.cancelled));
          if (spec.kind === 'TEGELWIPPEN') {
            for (const t of spec.withDays ? spec.tallies : []) {
              const id = await p.tally(campaign, t.street, t.number === null ? null : HOUSE_NUMBERS[t.number]![0], t.size, unitsOf(t, t.count), t.origin);
              if (takenBack(t) > 0) await p.correct(id, unitsOf(t, takenBack(t)));
            }
          } else {
            const base = Date.parse(`${spec.year}-05-01T08:00:00Z`) + i * HOUR;
            const times: { at: number; handledAt: number | null }[] = [];
            for (const [k, f] of spec.findings.entries()) {
              const at = base + k * 7 * 60_000;
              let when = at;
              const steps = PATHS[f.path]!.map((status, s): [FindingStatus, string] => [status, new Date((when += f.gaps[s]! * HOUR)).toISOString()]);
              await p.finding(campaign, new Date(at).toISOString(), steps);
              const last = steps.at(-1);
              times.push({ at, handledAt: last && HANDLED.includes(last[0]) ? Date.parse(last[1]) : null });
            }
            findingTimes.set(spec, times);
            for (const [k, a] of spec.answers.entries()) {
              if (a.walker < walkers.length) await p.answer(campaign, walkers[a.walker]!, THEMES[a.theme]!, a.rating, new Date(base + k * 60_000).toISOString());
            }
          }
          if (spec.questionnaire) {
            const questionnaire = await p.questionnaire(campaign, [...spec.questionnaire.types], createdAtOf(spec));
            const answered = new Set<number>();
            for (const [k, r] of responsesOf(spec).entries()) {
              // In the app once per walker; anyone else by the link.
              const walker = r.walker !== null && r.walker < walkers.length && !answered.has(r.walker) ? r.walker : null;
              if (walker !== null) answered.add(walker);
              const values = questionnaire.questions.map((_, i) => r.answers.find((a) => a.index === i)?.value ?? null);
              await p.respond(campaign, questionnaire, values, `${spec.year}-09-20T10:0${k}:00Z`, walker === null ? undefined : walkers[walker]);
            }
          }
          if (spec.end !== 'OPEN') await p.close(campaign, spec.end === 'ERASED' ? '2020-01-01T00:00:00Z' : '2030-01-01T00:00:00Z');
        }
        // Erases what this run closed "in 2020": earlier runs' campaigns are erased already or closed in 2030.
        await erasePersonalDataOfClosedCampaigns(p.db, 30, new Date('2020-06-01T00:00:00Z'));

        const { years } = await programmeResults(p.db, p.coordinator, p.neighbourhoodId);
        const expectedYears = [...new Set(specs.filter((c) => !c.draft).map(yearOf))].sort();
        expect(years.map(({ campaigns: _campaigns, ...figures }) => figures)).toEqual(expectedYears.map((year) => expectedYear(year, specs, findingTimes)));
        expect(years.flatMap((y) => y.campaigns.map((c) => c.name)).sort()).toEqual(specs.flatMap((c, i) => (c.draft ? [] : [`Actie ${i}`])).sort());
      }),
      { numRuns: 60 },
    );
    // On PostgreSQL each run's writes wait for the server's fsync: under a full run's load
    // that nears the default 30 s (a bound against hangs, not a speed target).
  }, 120_000);
});
