/**
 * The programme's results (issue 17, point 3) on a database file with the sync worker: a
 * neighbourhood of its own with two years of campaigns (a schouw and a tegelwip action in
 * each, a second schouw without days, a draft for the year after), worked out by hand
 * below, with questionnaires answered by the app and the public link. The figures come out
 * exactly, per year and activity; after retention erased the
 * first year's personal data every figure stays but the households, which say they are no
 * longer known. Coordinators of another neighbourhood, partners and participants get the
 * answer a neighbourhood that does not exist gets, for the query and for the CSV.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { erasePersonalDataOfClosedCampaigns } from '../../server/src/modules/participant/retention.service.js';
import { accessFixture, type AccessFixture, type Role } from '../support/access-fixtures.js';
import { programmeNeighbourhood, type ProgrammeNeighbourhood } from '../support/programme-fixture.js';

const RESULTS = `query($id: ID!) { programmeResults(neighbourhoodId: $id) {
  neighbourhood { slug }
  years {
    year
    campaigns { name kind status personalDataErasedAt }
    activities { kind campaigns signups participants households householdsUnknown }
    tegelwippen { areaCm2 areaM2 nkTiles targetAreaCm2 targetAreaM2 progressPercent gardensGreened }
    opruimen { units { unit quantity target progressPercent } }
    findings { count handled handledShare medianDaysToHandle }
    satisfaction { responses scaleAnswers satisfiedShare median satisfactionUnknown }
    themeScores { theme level observationCount distribution { rating count } }
  }
} }`;

const dist = (counts: Record<string, number>) => ['A_PLUS', 'A', 'B', 'C', 'D', 'NVT'].map((rating) => ({ rating, count: counts[rating] ?? 0 }));

describe('programme results', () => {
  let fx: AccessFixture;
  let p: ProgrammeNeighbourhood;
  const names = { s25: 'Schouw 2025', t25: 'Tegelwippen 2025', s26: 'Schouw 2026', s26b: 'Schouw zonder dagen', t26: 'Tegelwippen 2026' };

  beforeAll(async () => {
    fx = await accessFixture();
    p = await programmeNeighbourhood(fx);
    // 2025: the schouw was made in 2024, but walks in 2025: its first day decides.
    const s25 = await p.campaign('SCHOUW', names.s25, { days: ['2025-05-10'], createdAt: '2024-12-15T10:00:00Z' });
    const t25 = await p.campaign('TEGELWIPPEN', names.t25, { days: ['2025-04-12'], createdAt: '2025-03-01T10:00:00Z', targetAreaM2: 100 });
    const s26 = await p.campaign('SCHOUW', names.s26, { days: ['2026-05-09'], createdAt: '2026-04-01T10:00:00Z' });
    const s26b = await p.campaign('SCHOUW', names.s26b, { createdAt: '2026-02-01T10:00:00Z' });
    const t26 = await p.campaign('TEGELWIPPEN', names.t26, { days: ['2026-04-11'], createdAt: '2026-03-01T10:00:00Z' });
    await p.campaign('TEGELWIPPEN', 'Tegelwippen 2027 (concept)', { days: ['2027-04-10'], createdAt: '2026-12-01T10:00:00Z', draft: true });

    const walkers25 = await p.participants(s25, 3);
    await p.participants(t25, 2);
    const walkers26 = await p.participants(s26, 1);
    const walkers26b = await p.participants(s26b, 2);

    // Sign-ups: a schouw's have no address; one cancelled sign-up per campaign does not count.
    await p.signup(s25, null, null);
    await p.signup(s25, null, null);
    await p.signup(s25, null, null, true);
    await p.signup(t25, 0, '12');
    await p.signup(t25, 1, '9');
    await p.signup(t25, 0, '12 A'); // the address the ledger names as "12a"
    await p.signup(t25, 1, '11', true);
    await p.signup(t26, 0, '12');

    // 2025's ledger: 9000 + 20000 + 8000 + (900 − 900) + 3600 = 40600 cm².
    await p.tally(t25, 0, '12', 'TEGEL_30X30', 10, 'GARDEN');
    await p.tally(t25, 0, '12a', 'AREA', 20_000, 'PUBLIC');
    await p.tally(t25, 1, '3', 'TEGEL_40X40', 5, 'GARDEN');
    await p.correct(await p.tally(t25, 1, '7', 'TEGEL_30X30', 1, 'GARDEN'), 1);
    await p.tally(t25, 0, null, 'TEGEL_30X30', 4);
    // 2026's: 3 × 3600 = 10800 cm², origin not said (may green the garden).
    await p.tally(t26, 0, '12', 'TEGEL_60X60', 3);

    // 2025's findings: handled after 10 and 3 days; one in progress; one handled, then reopened; one new.
    await p.finding(s25, '2025-05-10T10:00:00Z', [['AFGEHANDELD', '2025-05-20T10:00:00Z']]);
    await p.finding(s25, '2025-05-10T10:00:00Z', [['NIET_OPPAKBAAR', '2025-05-13T10:00:00Z']]);
    await p.finding(s25, '2025-05-10T11:00:00Z', [['IN_BEHANDELING', '2025-05-11T10:00:00Z']]);
    await p.finding(s25, '2025-05-10T12:00:00Z', [['AFGEHANDELD', '2025-05-12T10:00:00Z'], ['HEROPEND', '2025-06-01T10:00:00Z']]);
    await p.finding(s25, '2025-05-10T12:30:00Z');

    // Scores. 2025: Schoon B C C → C; Groen A and an n.v.t. → A. 2026, both schouws together:
    // Schoon A and D → D (the worse of the two middles); Heel B.
    await p.answer(s25, walkers25[0]!, 'SCHOON', 'B', '2025-05-10T10:00:00Z');
    await p.answer(s25, walkers25[1]!, 'SCHOON', 'C', '2025-05-10T10:00:00Z');
    await p.answer(s25, walkers25[2]!, 'SCHOON', 'C', '2025-05-10T10:00:00Z');
    await p.answer(s25, walkers25[0]!, 'GROEN_ONDERHOUD', 'A', '2025-05-10T10:01:00Z');
    await p.answer(s25, walkers25[1]!, 'GROEN_ONDERHOUD', 'NVT', '2025-05-10T10:01:00Z');
    await p.answer(s26, walkers26[0]!, 'SCHOON', 'A', '2026-05-09T10:00:00Z');
    await p.answer(s26b, walkers26b[0]!, 'SCHOON', 'D', '2026-02-10T10:00:00Z');
    await p.answer(s26b, walkers26b[1]!, 'HEEL', 'B', '2026-02-10T10:00:00Z');

    // Questionnaires. 2025: the schouw's (two 1–5 questions and an open one) and the tegelwip
    // action's (1–5 and yes/no), by two walkers in the app and the rest by the public link.
    // Its 1–5 answers 5 4 2 3 3 | 4 1 5: eight, four of them 4 or 5; sorted 1 2 3 3 4 4 5 5,
    // the lower middle is 3 (not 3.5). The last response answers only yes/no: seven responses.
    const qs25 = await p.questionnaire(s25, ['SCALE', 'SCALE', 'TEXT'], '2025-01-05T10:00:00Z');
    await p.respond(s25, qs25, [5, 4, 'Leuk om samen te doen'], '2025-05-11T10:00:00Z', walkers25[0]);
    await p.respond(s25, qs25, [2, null, null], '2025-05-11T11:00:00Z', walkers25[1]);
    await p.respond(s25, qs25, [3, 3, null], '2025-05-12T10:00:00Z');
    const qt25 = await p.questionnaire(t25, ['SCALE', 'YES_NO'], '2025-03-02T10:00:00Z');
    await p.respond(t25, qt25, [4, 'JA'], '2025-04-13T10:00:00Z');
    await p.respond(t25, qt25, [1, 'NEE'], '2025-04-13T10:05:00Z');
    await p.respond(t25, qt25, [5, null], '2025-04-14T10:00:00Z');
    await p.respond(t25, qt25, [null, 'JA'], '2025-04-14T10:05:00Z');
    // 2026: one questionnaire without a 1–5 question, answered once.
    const qs26 = await p.questionnaire(s26, ['YES_NO', 'TEXT'], '2026-04-02T10:00:00Z');
    await p.respond(s26, qs26, ['JA', 'Prima'], '2026-05-10T10:00:00Z');

    await p.close(s25, '2025-09-01T10:00:00Z');
    await p.close(t25, '2025-06-01T10:00:00Z');
  });
  afterAll(() => fx.t.close());

  const results = async (role: Role | Record<string, string>, id = p.neighbourhoodId) => fx.query(role, RESULTS, { id });

  const year2025 = (households: number | null, householdsUnknown: string | null, erasedAt: unknown) => ({
    year: 2025,
    campaigns: [
      { name: names.s25, kind: 'SCHOUW', status: 'CLOSED', personalDataErasedAt: erasedAt },
      { name: names.t25, kind: 'TEGELWIPPEN', status: 'CLOSED', personalDataErasedAt: erasedAt },
    ],
    activities: [
      { kind: 'SCHOUW', campaigns: 1, signups: 2, participants: 3, households: null, householdsUnknown: 'NO_ADDRESSES' },
      { kind: 'TEGELWIPPEN', campaigns: 1, signups: 3, participants: 2, households, householdsUnknown },
    ],
    // NK: 40600 cm² × 11 / 10000 = 44.66 → 45. Gardens: 12 and 3 (not 12a: public space; not 7: taken back).
    tegelwippen: { areaCm2: 40_600, areaM2: 4.06, nkTiles: 45, targetAreaCm2: 1_000_000, targetAreaM2: 100, progressPercent: 4.1, gardensGreened: 2 },
    opruimen: null,
    findings: { count: 5, handled: 2, handledShare: 0.4, medianDaysToHandle: 6.5 },
    // Unchanged by retention: the answers stay, anonymous.
    satisfaction: { responses: 7, scaleAnswers: 8, satisfiedShare: 0.5, median: 3, satisfactionUnknown: null },
    themeScores: [
      { theme: 'GROEN_ONDERHOUD', level: 'A', observationCount: 1, distribution: dist({ A: 1, NVT: 1 }) },
      { theme: 'SCHOON', level: 'C', observationCount: 3, distribution: dist({ B: 1, C: 2 }) },
    ],
  });
  const year2026 = {
    year: 2026,
    campaigns: [
      { name: names.s26b, kind: 'SCHOUW', status: 'OPEN', personalDataErasedAt: null },
      { name: names.t26, kind: 'TEGELWIPPEN', status: 'OPEN', personalDataErasedAt: null },
      { name: names.s26, kind: 'SCHOUW', status: 'OPEN', personalDataErasedAt: null },
    ],
    activities: [
      { kind: 'SCHOUW', campaigns: 2, signups: 0, participants: 3, households: null, householdsUnknown: 'NO_ADDRESSES' },
      { kind: 'TEGELWIPPEN', campaigns: 1, signups: 1, participants: 0, households: 1, householdsUnknown: null },
    ],
    tegelwippen: { areaCm2: 10_800, areaM2: 1.08, nkTiles: 12, targetAreaCm2: 5_000_000, targetAreaM2: 500, progressPercent: 0.2, gardensGreened: 1 },
    opruimen: null,
    findings: { count: 0, handled: 0, handledShare: null, medianDaysToHandle: null },
    satisfaction: { responses: 1, scaleAnswers: 0, satisfiedShare: null, median: null, satisfactionUnknown: 'NO_SCALE_ANSWERS' },
    themeScores: [
      { theme: 'SCHOON', level: 'D', observationCount: 2, distribution: dist({ A: 1, D: 1 }) },
      { theme: 'HEEL', level: 'B', observationCount: 1, distribution: dist({ B: 1 }) },
    ],
  };

  it('gives every figure per year: participation per activity, households, tiles against targets, findings handled, satisfaction, scores per theme', async () => {
    const { body } = await results(p.headers);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    // Households 2025: 12, 9 and 12a (signed up as "12 A") in one street or the other, and 3 from the ledger; not 11 (cancelled), not 7 (taken back).
    expect(body.data.programmeResults).toEqual({ neighbourhood: { slug: p.slug }, years: [year2025(4, null, null), year2026] });
    const admin = await results('admin');
    expect(admin.body.data.programmeResults).toEqual(body.data.programmeResults);
  });

  it('refuses coordinators of another neighbourhood, partners and participants as if the neighbourhood did not exist', async () => {
    const missing = await results('admin', uuidv7());
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const role of ['coordinator', 'otherCoordinator', 'partner', 'participant', 'schouwer'] as const) {
      const { body } = await results(role);
      expect(body.data?.programmeResults ?? null, role).toBeNull();
      expect({ code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message }, role).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    }
    // The refusal of someone else's neighbourhood reads as the answer about one that does not exist.
    expect((await results('coordinator')).body.errors[0].message).toBe(missing.body.errors[0].message);
    expect((await results('anonymous')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const csv = (headers: Record<string, string>, id = p.neighbourhoodId) => fetch(`${fx.t.url}/exports/neighbourhoods/${id}/programme-results.csv`, { headers });
    expect((await csv(p.headers)).status).toBe(200);
    expect((await csv(fx.headers.admin)).status).toBe(200);
    for (const role of ['coordinator', 'otherCoordinator', 'partner'] as const) expect((await csv(fx.headers[role])).status, role).toBe(404);
    expect((await csv(fx.headers.admin, uuidv7())).status).toBe(404);
    expect((await csv({})).status).toBe(401);
    expect((await csv(fx.headers.participant)).status).toBe(401);
  });

  it('writes every figure to CSV, for Dutch Excel and raw', async () => {
    const response = await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?separator=semicolon`, { headers: p.headers });
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="resultaten-${p.slug}.csv"`);
    const rows = parse(await response.text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const value = (jaar: string, onderwerp: string, cijfer: string, onderdeel = '') =>
      rows.find((r) => r.Jaar === jaar && r.Onderwerp === onderwerp && r.Cijfer === cijfer && r.Onderdeel === onderdeel)?.Waarde;
    expect(value('2025', 'Tegelwippen', 'Verwijderd (m²)')).toBe('4,06');
    expect(value('2025', 'Tegelwippen', 'NK-tegels (30×30)')).toBe('45');
    expect(value('2025', 'Tegelwippen', 'Doel (m²)')).toBe('100,00');
    expect(value('2025', 'Tegelwippen', 'Van het doel (%)')).toBe('4,1');
    expect(value('2025', 'Tegelwippen', 'Tuinen vergroend')).toBe('2');
    expect(value('2025', 'Deelname', 'Huishoudens (adressen)', 'Tegelwippen')).toBe('4');
    expect(value('2025', 'Deelname', 'Deelnemers in de app', 'Buurtschouw')).toBe('3');
    expect(rows.find((r) => r.Jaar === '2025' && r.Onderdeel === 'Buurtschouw' && r.Cijfer === 'Huishoudens (adressen)')).toMatchObject({ Waarde: '', Toelichting: 'Niet bekend: bij de schouw vragen we geen adres.' });
    expect(value('2025', 'Bevindingen', 'Afgehandeld (%)')).toBe('40,0');
    expect(value('2025', 'Bevindingen', 'Mediaan dagen tot afgehandeld')).toBe('6,5');
    expect(value('2026', 'Bevindingen', 'Mediaan dagen tot afgehandeld')).toBe('');
    expect(value('2026', 'Schouwscore', 'Score (mediaan)', 'Schoon')).toBe('Slecht (D)');
    expect(value('2026', 'Schouwscore', 'Oordelen A+ t/m D', 'Schoon')).toBe('2');
    expect(value('2025', 'Tevredenheid (vragenlijst)', 'Reacties')).toBe('7');
    expect(value('2025', 'Tevredenheid (vragenlijst)', 'Antwoorden op de schaal van 1 tot 5')).toBe('8');
    expect(value('2025', 'Tevredenheid (vragenlijst)', 'Tevreden of heel tevreden (%)')).toBe('50,0');
    expect(value('2025', 'Tevredenheid (vragenlijst)', 'Mediaan (1 tot 5)')).toBe('3 – Neutraal');
    expect(value('2026', 'Tevredenheid (vragenlijst)', 'Reacties')).toBe('1');
    expect(rows.find((r) => r.Jaar === '2026' && r.Cijfer === 'Mediaan (1 tot 5)')).toMatchObject({ Waarde: '', Toelichting: 'Niet bekend: er is geen antwoord op een tevredenheidsvraag (1 tot 5).' });

    const raw = parse(await (await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?format=raw`, { headers: p.headers })).text(), { bom: true, columns: true }) as Record<string, string>[];
    const rawValue = (jaar: string, cijfer: string, onderdeel = '') => raw.find((r) => r.jaar === jaar && r.cijfer === cijfer && r.onderdeel === onderdeel)?.waarde;
    expect(rawValue('2025', 'oppervlakte_m2')).toBe('4.06');
    expect(rawValue('2025', 'afgehandeld_aandeel')).toBe('0.4');
    expect(rawValue('2025', 'niveau', 'SCHOON')).toBe('C');
    expect(rawValue('2025', 'tevreden_aandeel')).toBe('0.5');
    expect(rawValue('2025', 'mediaan')).toBe('3');
    expect(raw.find((r) => r.jaar === '2026' && r.cijfer === 'tevreden_aandeel')).toMatchObject({ waarde: '', toelichting: 'NO_SCALE_ANSWERS' });
    expect(raw.find((r) => r.jaar === '2025' && r.onderdeel === 'SCHOUW' && r.cijfer === 'huishoudens')).toMatchObject({ waarde: '', toelichting: 'NO_ADDRESSES' });
    const bad = await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?format=xml`, { headers: p.headers });
    expect(bad.status).toBe(400);
  });

  it('keeps every figure after retention erased the first year, and says the households are no longer known', async () => {
    await erasePersonalDataOfClosedCampaigns(p.db, 30, new Date('2026-01-01T00:00:00Z'));
    const { body } = await results(p.headers);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.programmeResults.years).toEqual([year2025(null, 'PERSONAL_DATA_ERASED', '2026-01-01T00:00:00.000Z'), year2026]);
    const rows = parse(await (await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?separator=semicolon`, { headers: p.headers })).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows.find((r) => r.Jaar === '2025' && r.Onderdeel === 'Tegelwippen' && r.Cijfer === 'Huishoudens (adressen)')).toMatchObject({
      Waarde: '',
      Toelichting: 'Niet meer bekend: de persoonsgegevens (met de adressen) zijn gewist.',
    });
  });

  it('gives no satisfaction figures, not zeros, for a year without a questionnaire', async () => {
    const other = await programmeNeighbourhood(fx);
    await other.campaign('TEGELWIPPEN', 'Zonder vragenlijst', { days: ['2026-04-11'], createdAt: '2026-03-01T10:00:00Z' });
    const { body } = await results(other.headers, other.neighbourhoodId);
    expect(body.data.programmeResults.years.map((y: { year: number; satisfaction: unknown }) => [y.year, y.satisfaction])).toEqual([
      [2026, { responses: null, scaleAnswers: null, satisfiedShare: null, median: null, satisfactionUnknown: 'NO_QUESTIONNAIRE' }],
    ]);
    const rows = parse(await (await fetch(`${fx.t.url}/exports/neighbourhoods/${other.neighbourhoodId}/programme-results.csv?format=raw`, { headers: other.headers })).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.onderwerp === 'tevredenheid').map((r) => [r.cijfer, r.waarde, r.toelichting])).toEqual([
      ['reacties', '', 'NO_QUESTIONNAIRE'],
      ['schaalantwoorden', '', 'NO_QUESTIONNAIRE'],
      ['tevreden_aandeel', '', 'NO_QUESTIONNAIRE'],
      ['mediaan', '', 'NO_QUESTIONNAIRE'],
    ]);
  });
});
