/**
 * Exports parsed back with real parsers: CSV (csv-parse) and GeoJSON (check-geojson).
 * CSV for people (Dutch words, local time, decimal commas with ;) and raw (codes, UTC,
 * points) for integrations.
 */
import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { toCsv } from '../../server/src/modules/export/csv.js';
import { amsterdamTime } from '../../server/src/modules/export/dutch-words.js';
import { recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

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
      await recordTallyEvent(trx, { kind: 'participant', participantId: fx.ids.participant, campaignId: fx.campaignA.id }, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, houseNumber: '12a', sizeCode: 'TEGEL_30X30', count: 100 });
      await recordTallyEvent(trx, { kind: 'participant', participantId: fx.ids.participant, campaignId: fx.campaignA.id }, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: fx.streetA, sizeCode: 'KLINKER_20X5', count: 89 });
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
