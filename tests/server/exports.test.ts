/**
 * Exports parsed back with real parsers: CSV (csv-parse) and GeoJSON (check-geojson).
 * CSV for people (Dutch words, local time, decimal commas with ;) and raw (codes, UTC,
 * points) for integrations. Findings, the walkers' answers (antwoorden), the tally ledger,
 * the counts per day in each unit and the NK summary (a clean-up's: cleanup-ledger.test.ts).
 */
import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { toCsv } from '../../server/src/modules/export/csv.js';
import { amsterdamTime } from '../../server/src/modules/export/dutch-words.js';
import { ANSWERS_PAGE_ROWS } from '../../server/src/modules/export/export.service.js';
import { recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

const tricky = 'Één "lastige"; tekst,\nmet een nieuwe regel en café-ë';

describe('exports', () => {
  let fx: AccessFixture;
  const get = (path: string, headers: Record<string, string> = fx.headers.coordinator) => fetch(`${fx.t.url}/exports/campaigns/${path}`, { headers });

  beforeAll(async () => {
    fx = await accessFixture();
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    await db.transaction().execute(async (trx) => {
      await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', spotId: fx.spotA.id, text: tricky, suggestion: 'Bankje; graag', location: { lat: 51.8591, lon: 4.6602, accuracyM: 8 }, deviceTime: new Date().toISOString() });
      await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', streetId: fx.streetA, text: 'Zonder locatie', deviceTime: new Date().toISOString() });
      await recordTallyEvent(trx, { kind: 'participant', participantId: fx.ids.participant, campaignId: fx.campaignA.id }, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, houseNumber: '12a', unitCode: 'TEGEL_30X30', count: 100 });
      await recordTallyEvent(trx, { kind: 'participant', participantId: fx.ids.participant, campaignId: fx.campaignA.id }, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, unitCode: 'KLINKER_20X5', count: 89 });
    });
  });
  afterAll(() => fx.t.close());

  it('writes RFC 4180 CSV with a BOM that a CSV parser reads back exactly, with , or ;', () => {
    for (const separator of [',', ';'] as const) {
      const csv = toCsv(['a', 'b'], [[tricky, 'x'], [null, 3]], separator);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv.endsWith('\r\n')).toBe(true);
      expect(parse(csv, { bom: true, delimiter: separator })).toEqual([['a', 'b'], [tricky, 'x'], ['', '3']]);
    }
  });

  const rowsOf = async (path: string, delimiter: ',' | ';') => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return parse(Buffer.from(await response.arrayBuffer()).toString('utf8'), { bom: true, delimiter, columns: true }) as Record<string, string>[];
  };
  const localTime = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

  it('writes times in Dutch local time, summer and winter', () => {
    expect(amsterdamTime('2027-07-01T12:00:00.000Z')).toBe('2027-07-01 14:00:00');
    expect(amsterdamTime('2027-01-15T23:30:00Z')).toBe('2027-01-16 00:30:00');
    expect(amsterdamTime(null)).toBeNull();
  });

  it('exports findings for Dutch Excel (;): Dutch words, local time, decimal commas; accents, quotes and line breaks intact', async () => {
    const response = await get(`${fx.schouwA.id}/findings.csv?separator=semicolon`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="bevindingen-/);
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.Beschrijving === tricky)!;
    expect(row).toMatchObject({ Status: 'Nieuw', Onderwerp: 'Schoon', 'Kans of idee': 'Bankje; graag', Plek: 'Speeltuin', 'Soort plek': 'Speelplek', Breedtegraad: '51,8591', Lengtegraad: '4,6602', 'Nauwkeurigheid (m)': '8' });
    expect(row['Vastgelegd op']).toMatch(localTime);
    expect(rows.map((r) => r.Beschrijving)).toContain('Zonder locatie');
    expect(rows.find((r) => r.Beschrijving === 'Zonder locatie')).toMatchObject({ Onderwerp: 'Heel', Breedtegraad: '' });
    // No code of the API is left for a person to decode (the id column aside).
    for (const r of rows) for (const [column, cell] of Object.entries(r)) if (column !== 'Kenmerk') expect(cell).not.toMatch(/^[A-Z][A-Z_]{2,}$/);
  });

  it('exports findings raw for integrations: codes, UTC and decimal points, whatever the separator', async () => {
    const people = await rowsOf(`${fx.schouwA.id}/findings.csv`, ',');
    for (const separator of [',', ';'] as const) {
      const rows = await rowsOf(`${fx.schouwA.id}/findings.csv?format=raw${separator === ';' ? '&separator=semicolon' : ''}`, separator);
      const row = rows.find((r) => r.beschrijving === tricky)!;
      expect(row).toMatchObject({ onderwerp: 'SCHOON', kans: 'Bankje; graag', plek: 'Speeltuin', 'soort plek': 'SPEELPLEK', lat: '51.8591', lon: '4.6602', status: 'NIEUW' });
      expect(row.vastgelegd_op).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      const person = people.find((r) => r.Kenmerk === row.id)!;
      expect(person['Vastgelegd op']).toBe(amsterdamTime(row.vastgelegd_op!));
      expect(person).toMatchObject({ Breedtegraad: '51.8591', Status: 'Nieuw' });
    }
    expect((await get(`${fx.schouwA.id}/findings.csv?format=excel`)).status).toBe(400);
  });

  it('exports the tally ledger with pseudonyms, never names, in Dutch words and m²', async () => {
    const text = await (await get(`${fx.campaignA.id}/tally-ledger.csv?separator=semicolon`)).text();
    const rows = parse(text, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ Huisnummer: '12a', Soort: 'Tegel 30×30', Aantal: '100', 'Oppervlakte (m²)': '9' });
    expect(rows[1]).toMatchObject({ Huisnummer: '', Soort: 'Klinker 20×5', Aantal: '89', 'Oppervlakte (m²)': '0,89' });
    expect(rows[0]!['Vastgelegd op']).toMatch(localTime);
    expect(rows[0]!.Deelnemer).toMatch(/^Buurtgenoot /);
    expect(text).not.toMatch(/Deelnemer \d/);
  });

  it('exports the tally ledger raw with size codes, cm² and UTC', async () => {
    const rows = parse(await (await get(`${fx.campaignA.id}/tally-ledger.csv?format=raw`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ huisnummer: '12a', soort: 'TEGEL_30X30', aantal: '100', oppervlakte_cm2: '90000' });
    expect(rows[1]).toMatchObject({ soort: 'KLINKER_20X5', oppervlakte_cm2: '8900' });
    expect(rows[0]!.vastgelegd_op).toMatch(/Z$/);
    expect(rows[0]!.deelnemer).toMatch(/^Buurtgenoot /);
  });

  it('exports the NK Tegelwippen summary per action day in m² and 30×30 tiles, with a decimal comma for Dutch Excel', async () => {
    const dutch = parse(await (await get(`${fx.campaignA.id}/nk-summary.csv?separator=semicolon`)).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(dutch.at(-1)).toMatchObject({ Actiedag: 'Totaal', 'Vierkante meters': '9,89', 'NK-tegels (30×30)': '109' });
    expect(dutch[0]).toMatchObject({ Actiedag: '2027-04-01', 'Vierkante meters': '9,89', 'NK-tegels (30×30)': '109' });
    const comma = parse(await (await get(`${fx.campaignA.id}/nk-summary.csv`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(comma.at(-1)).toMatchObject({ Actiedag: 'Totaal', 'Vierkante meters': '9.89' });
    const raw = parse(await (await get(`${fx.campaignA.id}/nk-summary.csv?format=raw&separator=semicolon`)).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(raw.at(-1)).toMatchObject({ actiedag: 'totaal', vierkante_meters: '9.89', nk_tegels_30x30: '109' });
  });

  it('exports what a tegelwip action counted per day in each unit, a measured area in m², and refuses it for a schouw', async () => {
    const rows = parse(await (await get(`${fx.campaignA.id}/unit-summary.csv?separator=semicolon`)).text(), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const tiles = ['Tegel 30×30', 'Tegel 40×40', 'Tegel 50×50', 'Tegel 40×60', 'Tegel 60×60', 'Klinker 20×10', 'Klinker 20×5'];
    expect(Object.keys(rows[0]!)).toEqual(['Actiedag', 'Omschrijving', ...tiles, 'Gemeten oppervlakte (m²)']);
    expect(rows.at(-1)).toMatchObject({ Actiedag: 'Totaal', 'Tegel 30×30': '100', 'Klinker 20×5': '89', 'Gemeten oppervlakte (m²)': '0,00' });
    const refused = await get(`${fx.schouwA.id}/unit-summary.csv`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors[0].message).toBe('Bij een schouw wordt niets geteld, dus er zijn geen tellingen per dag.');
  });

  it('exports findings with a location as valid GeoJSON points in lon, lat order', async () => {
    const text = await (await get(`${fx.schouwA.id}/findings.geojson`)).text();
    const geojson = check(text) as { features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(geojson.features).toHaveLength(1);
    expect(geojson.features[0]!.geometry.coordinates).toEqual([4.6602, 51.8591]);
    expect(geojson.features[0]!.properties.text).toBe(tricky);
  });

  it('exports only for coordinators of the campaign, and records each export in the audit log', async () => {
    expect((await get(`${fx.schouwA.id}/findings.csv`, fx.headers.otherCoordinator)).status).toBe(404);
    expect((await get(`${fx.schouwA.id}/findings.csv`, fx.headers.participant)).status).toBe(401);
    expect((await get(`${fx.schouwA.id}/findings.csv`, {})).status).toBe(401);
    const audit = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'campaign.exported').execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.every((a) => a.actor_account_id === fx.ids.coordinator)).toBe(true);
  });
});

describe('answers export (antwoorden)', () => {
  let fx: AccessFixture;
  const ids: Record<string, string> = {};
  let findingId: string;
  const get = (path: string, headers: Record<string, string> = fx.headers.coordinator) => fetch(`${fx.t.url}/exports/campaigns/${path}`, { headers });
  const rowsOf = async (path: string, delimiter: ',' | ';' = ',') => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return parse(await response.text(), { bom: true, delimiter, columns: true }) as Record<string, string>[];
  };
  const at = (minutes: number) => new Date(Date.UTC(2027, 3, 1, 10, minutes)).toISOString();
  const item = (prompt: string) => fx.checklist.sections.flatMap((s) => s.items).find((i) => i.prompt === prompt)!.id;

  beforeAll(async () => {
    fx = await accessFixture();
    const answer = async (key: string, headers: Record<string, string>, input: Record<string, unknown>) => {
      ids[key] = uuidv7();
      const { body } = await fx.query(headers, 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }', {
        input: { id: ids[key], campaignId: fx.schouwA.id, spotId: fx.spotA.id, ...input },
      });
      expect(body.errors).toBeUndefined();
    };
    const walker = fx.headers.schouwer;
    await answer('earlier', walker, { checklistItemId: item('In welke staat zijn de speeltoestellen?'), rating: 'B', deviceTime: at(1) });
    await answer('later', walker, { checklistItemId: item('In welke staat zijn de speeltoestellen?'), rating: 'D', deviceTime: at(2) });
    await answer('yesNo', walker, { checklistItemId: item('Doet de straatverlichting het?'), answer: 'NEE', deviceTime: at(3) });
    await answer('number', walker, { checklistItemId: item('Hoeveel afvalbakken staan hier?'), answer: '12', deviceTime: at(4) });
    await answer('choice', walker, { checklistItemId: item('Hoe vaak wordt deze plek gebruikt?'), answer: 'Soms', deviceTime: at(5) });
    await answer('text', walker, { checklistItemId: item('Wat valt op aan verkeer en parkeren?'), answer: tricky, deviceTime: at(6) });
    await answer('staff', fx.headers.coordinator, { checklistItemId: item('Doet de straatverlichting het?'), answer: 'JA', deviceTime: at(7) });
    // An answer from an app version before observations, with a remark (now its note).
    ids.legacy = uuidv7();
    const device = new TestDevice();
    const legacy = device.entry('answerChecklistItem', { id: ids.legacy, campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: item('Hoe schoon is het (afval, zwerfvuil, hondenpoep)?'), rating: 'A', text: 'Netjes; pas geveegd' }, 1, at(8));
    expect((await fx.query(walker, SYNC, device.input([legacy]))).body.data.sync.results[0].status).toBe('APPLIED');
    findingId = uuidv7();
    const promoted = await fx.query('coordinator', 'mutation($input: PromoteObservationInput!) { promoteObservation(input: $input) { id } }', { input: { observationId: ids.later, findingId, text: 'Glijbaan vervangen' } });
    expect(promoted.body.errors).toBeUndefined();
  });
  afterAll(() => fx.t.close());

  it('writes one row per answer for people: Dutch words, numbers as numbers, whether it counts, pseudonyms only, the finding made from it', async () => {
    const response = await get(`${fx.schouwA.id}/answers.csv?separator=semicolon`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="antwoorden-${fx.schouwA.id}.csv"`);
    const text = await response.text();
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['Straat', 'Plek', 'Soort plek', 'Onderwerp', 'Vraag', 'Antwoord', 'Opmerking', 'Telt mee', 'Deelnemer', 'Vastgelegd op', 'Tijd op het apparaat', 'Kenmerk bevinding', 'Kenmerk']);
    expect(rows.map((r) => r.Kenmerk)).toEqual(['earlier', 'later', 'yesNo', 'number', 'choice', 'text', 'staff', 'legacy'].map((k) => ids[k]));
    const byKey = (key: string) => rows.find((r) => r.Kenmerk === ids[key])!;
    const street = (await fx.query('anonymous', '{ neighbourhood(slug: "staatsliedenbuurt") { streets { edges { node { id name } } } } }')).body.data.neighbourhood.streets.edges.find((e: any) => e.node.id === fx.streetA).node.name;
    expect(byKey('earlier')).toMatchObject({ Straat: street, Plek: 'Speeltuin', 'Soort plek': 'Speelplek', Onderwerp: 'Ontmoeten & spelen', Vraag: 'In welke staat zijn de speeltoestellen?', Antwoord: 'Voldoende (B)', 'Telt mee': 'Nee', 'Kenmerk bevinding': '' });
    expect(byKey('later')).toMatchObject({ Antwoord: 'Slecht (D)', 'Telt mee': 'Ja', 'Kenmerk bevinding': findingId, 'Tijd op het apparaat': amsterdamTime(at(2)) });
    expect(byKey('yesNo')).toMatchObject({ Onderwerp: 'Heel', Antwoord: 'Nee', 'Telt mee': 'Ja' });
    expect(byKey('number')).toMatchObject({ Onderwerp: 'Schoon', Antwoord: '12' });
    expect(byKey('choice')).toMatchObject({ Antwoord: 'Soms' });
    expect(byKey('text')).toMatchObject({ Onderwerp: 'Veilig', Antwoord: tricky });
    expect(byKey('legacy')).toMatchObject({ Antwoord: 'Goed (A)', Opmerking: 'Netjes; pas geveegd' });
    expect(byKey('staff')).toMatchObject({ Antwoord: 'Ja', Deelnemer: '' });
    for (const key of ['earlier', 'later', 'yesNo', 'number', 'choice', 'text', 'legacy']) expect(byKey(key).Deelnemer).toMatch(/^Buurtgenoot \w{4}$/);
    expect(new Set(rows.filter((r) => r.Deelnemer).map((r) => r.Deelnemer)).size).toBe(1);
    expect(text).not.toMatch(/Deelnemer \d|@test\.example/);
    expect(rows[0]!['Vastgelegd op']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // No code of the API is left for a person to decode.
    for (const r of rows) for (const [column, cell] of Object.entries(r)) if (!column.startsWith('Kenmerk')) expect(cell).not.toMatch(/^[A-Z][A-Z_]{2,}$/);
  });

  it('writes the same rows raw for integrations: codes, UTC, true/false', async () => {
    for (const separator of [',', ';'] as const) {
      const rows = await rowsOf(`${fx.schouwA.id}/answers.csv?format=raw${separator === ';' ? '&separator=semicolon' : ''}`, separator);
      expect(rows).toHaveLength(8);
      expect(rows.find((r) => r.id === ids.later)).toMatchObject({ 'soort plek': 'SPEELPLEK', onderwerp: 'ONTMOETEN_SPELEN', 'soort vraag': 'RATING', oordeel: 'D', antwoord: '', telt_mee: 'true', bevinding: findingId, apparaattijd: at(2) });
      expect(rows.find((r) => r.id === ids.earlier)).toMatchObject({ oordeel: 'B', telt_mee: 'false', bevinding: '' });
      expect(rows.find((r) => r.id === ids.yesNo)).toMatchObject({ 'soort vraag': 'YES_NO', oordeel: '', antwoord: 'NEE' });
      expect(rows.find((r) => r.id === ids.number)).toMatchObject({ 'soort vraag': 'NUMBER', antwoord: '12' });
      expect(rows.find((r) => r.id === ids.staff)).toMatchObject({ deelnemer: '' });
      expect(rows[0]!.vastgelegd_op).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('keeps findings.csv to findings: the answer a finding was made from shows there, other answers do not', async () => {
    const rows = await rowsOf(`${fx.schouwA.id}/findings.csv`);
    const fromAnswer = rows.find((r) => r.Kenmerk === findingId)!;
    expect(fromAnswer).toMatchObject({ Vraag: 'In welke staat zijn de speeltoestellen?', Oordeel: 'Slecht (D)', Beschrijving: 'Glijbaan vervangen', Onderwerp: 'Ontmoeten & spelen' });
    expect(rows.map((r) => r.Kenmerk).filter((id) => Object.values(ids).includes(id!))).toEqual([]);
    expect(rows.filter((r) => r.Vraag)).toHaveLength(1);
  });

  it('reads a long export in pages: every answer once, in recording order, also across equal server times', async () => {
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const { createCampaign, changeCampaignStatus } = await import('../../server/src/modules/campaign/campaign.service.js');
    const draft = await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Grote schouw', checklistVersionId: fx.checklist.id, requestId: 't' });
    const big = await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    const count = ANSWERS_PAGE_ROWS * 2 + 37;
    const rating = item('In welke staat zijn de speeltoestellen?');
    // Three server times only, so pages break inside a run of equal times and the id decides.
    const rows = Array.from({ length: count }, (_, i) => ({
      id: uuidv7(),
      campaign_id: big.id,
      spot_id: fx.spotA.id,
      street_id: fx.streetA,
      checklist_item_id: rating,
      theme: 'ONTMOETEN_SPELEN' as const,
      rating: (['A', 'B', 'C', 'D'] as const)[i % 4],
      answer: null,
      note: null,
      lat: null,
      lon: null,
      accuracy_m: null,
      participant_id: null,
      staff_account_id: fx.ids.admin,
      device_time: at(i % 60),
      server_time: at(10 + (i % 3)),
      superseded_by: null,
    }));
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('observation').values(rows.slice(i, i + 200)).execute();
    const expected = [...rows].sort((a, b) => (a.server_time === b.server_time ? (a.id < b.id ? -1 : 1) : a.server_time < b.server_time ? -1 : 1)).map((r) => r.id);
    const exported = await rowsOf(`${big.id}/answers.csv?format=raw`);
    expect(exported.map((r) => r.id)).toEqual(expected);
    const people = await rowsOf(`${big.id}/answers.csv`);
    expect(people.map((r) => r.Kenmerk)).toEqual(expected);
  });

  it('exports answers only for coordinators of the campaign, and records each export in the audit log', async () => {
    const before = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'campaign.exported').execute();
    for (const [headers, status] of [[fx.headers.otherCoordinator, 404], [fx.headers.partner, 404], [fx.headers.schouwer, 401], [{}, 401]] as const) {
      const response = await get(`${fx.schouwA.id}/answers.csv`, headers);
      expect(response.status).toBe(status);
      expect(await response.text()).not.toMatch(/Speeltuin|Buurtgenoot/);
    }
    const after = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'campaign.exported').execute();
    expect(after).toHaveLength(before.length);
    await rowsOf(`${fx.schouwA.id}/answers.csv`);
    const audit = await fx.t.app.connection.db.selectFrom('audit_event').selectAll().where('action', '=', 'campaign.exported').execute();
    expect(audit).toHaveLength(before.length + 1);
    expect(audit.at(-1)).toMatchObject({ actor_account_id: fx.ids.coordinator, subject_id: fx.schouwA.id });
    expect(JSON.parse(audit.at(-1)!.detail!)).toEqual({ kind: 'answers.csv' });
  });
});
