/** Exports parsed back with real parsers: CSV (csv-parse) and GeoJSON (check-geojson). */
import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { toCsv } from '../../server/src/modules/export/csv.js';
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

  it('exports findings as CSV for Dutch Excel (;), accents, quotes and line breaks intact', async () => {
    const response = await get(`${fx.schouwA.id}/findings.csv?separator=semicolon`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="bevindingen-/);
    const rows = parse(Buffer.from(await response.arrayBuffer()).toString('utf8'), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.beschrijving === tricky)!;
    expect(row).toMatchObject({ onderwerp: 'SCHOON', kans: 'Bankje; graag', plek: 'Speeltuin', lat: '51.8591', lon: '4.6602', status: 'NIEUW' });
    expect(rows.map((r) => r.beschrijving)).toContain('Zonder locatie');
  });

  it('exports the tally ledger with pseudonyms, never names', async () => {
    const text = await (await get(`${fx.campaignA.id}/tally-ledger.csv`)).text();
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ huisnummer: '12a', soort: 'TEGEL_30X30', aantal: '100', oppervlakte_cm2: '90000' });
    expect(rows[0]!.deelnemer).toMatch(/^Buurtgenoot /);
    expect(text).not.toMatch(/Deelnemer \d/);
  });

  it('exports the NK Tegelwippen summary per action day in m² and 30×30 tiles', async () => {
    const rows = parse(await (await get(`${fx.campaignA.id}/nk-summary.csv`)).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.at(-1)).toMatchObject({ actiedag: 'totaal', vierkante_meters: '9.00', nk_tegels_30x30: '99' });
    expect(rows[0]).toMatchObject({ actiedag: '2027-04-01', vierkante_meters: '9.00', nk_tegels_30x30: '99' });
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
