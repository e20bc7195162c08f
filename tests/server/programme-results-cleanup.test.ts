/**
 * The programme's results with clean-up actions (opruimacties, issue 19) on a database
 * file: per year the clean-ups' net counts per unit against their targets (a unit's target
 * only when every action counting it set one), their participation and households (from
 * sign-ups and the ledger, as for tegelwippen), beside an unchanged tegelwip figure; and
 * the same figures in the CSV, for people and raw.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { programmeNeighbourhood, type ProgrammeNeighbourhood } from '../support/programme-fixture.js';

const RESULTS = `query($id: ID!) { programmeResults(neighbourhoodId: $id) { years {
  year campaigns { name kind }
  activities { kind campaigns signups participants households householdsUnknown }
  tegelwippen { areaCm2 targetAreaCm2 }
  opruimen { units { unit quantity target progressPercent } }
} } }`;

describe('programme results with clean-up actions', () => {
  let fx: AccessFixture;
  let p: ProgrammeNeighbourhood;

  beforeAll(async () => {
    fx = await accessFixture();
    p = await programmeNeighbourhood(fx);
    // Two clean-ups in 2026: both count bags of garden waste with a target; only the first
    // sets one for bulky items, so that unit has no target for the year.
    const a = await p.campaign('OPRUIMEN', 'Opruimactie voorjaar', {
      days: ['2026-03-14'],
      createdAt: '2026-02-01T10:00:00Z',
      units: [{ code: 'ZAK_TUINAFVAL', target: 40 }, { code: 'GROFVUIL', target: 10 }, { code: 'TUIN_GEHOLPEN' }],
    });
    const b = await p.campaign('OPRUIMEN', 'Opruimactie najaar', { days: ['2026-10-10'], createdAt: '2026-09-01T10:00:00Z', units: [{ code: 'GROFVUIL' }, { code: 'ZAK_TUINAFVAL', target: 60 }] });
    const t = await p.campaign('TEGELWIPPEN', 'Tegelwippen 2026', { days: ['2026-04-11'], createdAt: '2026-03-01T10:00:00Z', targetAreaM2: 100 });
    await p.participants(a, 2);
    await p.signup(a, 0, '5');
    await p.signup(b, 1, '8');
    // A: 6 + 4 bags, 3 items at "5" (the signed-up address) and 2 at "9", a garden helped at "9".
    await p.tally(a, 0, '5', 'ZAK_TUINAFVAL', 6);
    await p.tally(a, 0, '5', 'GROFVUIL', 3);
    await p.tally(a, 1, '9', 'GROFVUIL', 2);
    await p.tally(a, 1, '9', 'TUIN_GEHOLPEN', 1);
    await p.tally(a, 1, null, 'ZAK_TUINAFVAL', 4);
    // B: 20 bags, 5 items at "8", 4 of them taken back; "12" typed by mistake and taken back.
    await p.tally(b, 1, null, 'ZAK_TUINAFVAL', 20);
    await p.correct(await p.tally(b, 1, '8', 'GROFVUIL', 5), 4);
    await p.correct(await p.tally(b, 0, '12', 'GROFVUIL', 1), 1);
    await p.tally(t, 0, '5', 'TEGEL_30X30', 10);
  });
  afterAll(() => fx.t.close());

  it('adds up each unit over the year\'s clean-ups against their targets, and counts their households', async () => {
    const { body } = await fx.query(p.headers, RESULTS, { id: p.neighbourhoodId });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const [year] = body.data.programmeResults.years;
    expect(year.year).toBe(2026);
    expect(year.activities).toEqual([
      // Households: "5" (sign-up and ledger, one), "9" and "8" (sign-up; its ledger net 1 too); not "12" (taken back).
      { kind: 'TEGELWIPPEN', campaigns: 1, signups: 0, participants: 0, households: 1, householdsUnknown: null },
      { kind: 'OPRUIMEN', campaigns: 2, signups: 2, participants: 2, households: 3, householdsUnknown: null },
    ]);
    expect(year.tegelwippen).toEqual({ areaCm2: 9000, targetAreaCm2: 1_000_000 });
    expect(year.opruimen.units).toEqual([
      { unit: 'ZAK_TUINAFVAL', quantity: 30, target: 100, progressPercent: 30 },
      { unit: 'GROFVUIL', quantity: 6, target: null, progressPercent: null },
      { unit: 'TUIN_GEHOLPEN', quantity: 1, target: null, progressPercent: null },
    ]);
  });

  it('writes the clean-up figures to CSV in Dutch words and raw codes', async () => {
    const people = parse(await (await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?separator=semicolon`, { headers: p.headers })).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const cleanup = people.filter((r) => r.Onderwerp === 'Opruimactie');
    expect(cleanup.filter((r) => r.Onderdeel === 'Zakken tuinafval').map((r) => [r.Cijfer, r.Waarde, r.Toelichting])).toEqual([
      ['Aantal', '30', ''],
      ['Doel', '100', ''],
      ['Van het doel (%)', '30,0', ''],
    ]);
    expect(cleanup.find((r) => r.Onderdeel === 'Grofvuil (stuks)' && r.Cijfer === 'Doel')).toMatchObject({ Waarde: '', Toelichting: 'Geen doel: niet elke opruimactie die dit telt, heeft er een doel voor.' });
    expect(people.find((r) => r.Onderwerp === 'Deelname' && r.Onderdeel === 'Opruimactie' && r.Cijfer === 'Huishoudens (adressen)')?.Waarde).toBe('3');

    const raw = parse(await (await fetch(`${fx.t.url}/exports/neighbourhoods/${p.neighbourhoodId}/programme-results.csv?format=raw`, { headers: p.headers })).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(raw.filter((r) => r.onderwerp === 'opruimen' && r.onderdeel === 'GROFVUIL').map((r) => [r.cijfer, r.waarde, r.toelichting])).toEqual([
      ['aantal', '6', ''],
      ['doel', '', 'NO_TARGET'],
      ['doel_aandeel', '', 'NO_TARGET'],
    ]);
  });
});
