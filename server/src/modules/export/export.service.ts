/**
 * Exports of a campaign for coordinators: findings (CSV, GeoJSON), the walkers' answers to
 * the checklist (CSV), the tally ledger (CSV, any unit), what was counted per action day in
 * each unit (CSV, any counting campaign) and, for tegelwippen only, the NK Tegelwippen
 * figures per day ready to type into the national site. Exports hold personal data (house
 * numbers), so each one is recorded in the audit log; participants appear only under their
 * pseudonym. Each CSV comes for people (Dutch words, local time) and raw (codes, UTC) for
 * integrations.
 */
import { isCountingKind, isMeasuredArea } from '@buurtkracht/protocol/tally-units';
import { CM2_PER_M2, nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { progressOf, type UnitTotal } from '../tally/tally-aggregates.service.js';
import { csvChunks, Fixed, toCsv, type Separator } from './csv.js';
import { amsterdamTime, answerWord, originWord, ratingWord, spotTypeWord, statusWord, themeWord, unitWord } from './dutch-words.js';
import * as repo from './export.repo.js';

export type ExportKind = 'findings.csv' | 'findings.geojson' | 'answers.csv' | 'tally-ledger.csv' | 'nk-summary.csv' | 'unit-summary.csv' | 'questionnaire.csv';

/**
 * The campaign when the viewer manages it, with the export written to the audit log;
 * otherwise NOT_FOUND. `fits` refuses a campaign the export is not for, before anything is
 * recorded as exported.
 */
export async function managedCampaign(db: Db, viewer: Viewer, campaignId: string, kind: ExportKind, requestId: string, fits?: (campaign: Campaign) => void): Promise<Campaign> {
  const campaign = await loadCampaign(db, campaignId);
  if (!campaign || !managesNeighbourhood(viewer, campaign.neighbourhoodId) || viewer.kind !== 'staff') throw notFound('Deze actie');
  fits?.(campaign);
  await recordAudit(db, { actorAccountId: viewer.accountId, action: 'campaign.exported', subjectType: 'campaign', subjectId: campaign.id, detail: { kind }, requestId });
  return campaign;
}

/**
 * `people`: Dutch column names and words, local time, and with `;` decimal commas, for a
 * coordinator who opens the file in Excel. `raw`: codes, UTC and decimal points under the
 * column names integrations were built on.
 */
export type ExportFormat = 'people' | 'raw';
export interface CsvOptions {
  separator: Separator;
  format: ExportFormat;
}

const decimalCommaOf = (options: CsvOptions) => options.format === 'people' && options.separator === ';';
/** The one place that turns the options into a CSV writer's separator and decimal commas (the programme's results use it too). */
export const csvOf = (options: CsvOptions, header: readonly string[], rows: readonly (readonly unknown[])[]) => toCsv(header, rows, options.separator, decimalCommaOf(options));

const m2 = (cm2: number) => new Fixed(cm2 / CM2_PER_M2, 2);

/** The answer to a NUMBER item is written as the number it is (checked on recording), not as text. */
const numberAnswer = (type: string | null, answer: string | null): string | number | null => (type === 'NUMBER' && answer !== null && /^-?\d+$/.test(answer) ? Number(answer) : answer);

export async function exportFindingsCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<string> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'findings.csv', requestId);
  const rows = await repo.findingRows(db, campaign.id);
  if (options.format === 'raw') {
    return csvOf(
      options,
      ['id', 'status', 'onderwerp', 'oordeel', 'vraag', 'antwoord', 'beschrijving', 'kans', 'straat', 'plek', 'soort plek', 'lat', 'lon', 'nauwkeurigheid_m', 'vastgelegd_op', 'apparaattijd', 'doorgezet_naar', 'aantal_fotos', 'laatste_bericht'],
      rows.map((r) => [r.id, r.status, r.category, r.rating, r.question, numberAnswer(r.question_type, r.answer), r.text, r.suggestion, r.street_name, r.spot_name, r.spot_type, r.lat, r.lon, r.accuracy_m, r.server_time, r.device_time, r.routed_to, Number(r.photo_count ?? 0), r.last_public_message]),
    );
  }
  return csvOf(
    options,
    ['Status', 'Onderwerp', 'Oordeel', 'Vraag', 'Antwoord', 'Beschrijving', 'Kans of idee', 'Straat', 'Plek', 'Soort plek', 'Breedtegraad', 'Lengtegraad', 'Nauwkeurigheid (m)', 'Vastgelegd op', 'Tijd op het apparaat', 'Doorgezet naar', "Aantal foto's", 'Laatste bericht aan bewoners', 'Kenmerk'],
    rows.map((r) => [
      statusWord(r.status),
      themeWord(r.category),
      ratingWord(r.rating),
      r.question,
      r.question_type === 'YES_NO' ? answerWord(r.answer) : numberAnswer(r.question_type, r.answer),
      r.text,
      r.suggestion,
      r.street_name,
      r.spot_name,
      spotTypeWord(r.spot_type),
      r.lat,
      r.lon,
      r.accuracy_m,
      amsterdamTime(r.server_time),
      amsterdamTime(r.device_time),
      r.routed_to,
      Number(r.photo_count ?? 0),
      r.last_public_message,
      r.id,
    ]),
  );
}

/** Rows per query of the answers export: short reads, however many answers a schouw has. */
export const ANSWERS_PAGE_ROWS = 500;

const yesNo = (value: boolean) => answerWord(value ? 'JA' : 'NEE');

/**
 * Every answer of a schouw, one row per observation in recording order, also the ones the
 * same walker changed later ("Telt mee": only current answers count in scores), with the
 * finding made from it. Walkers appear by pseudonym only; answers by staff without one.
 * Sent as it is read, a page at a time; the access check and the audit record come first.
 */
export async function exportAnswersCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<AsyncIterable<string>> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'answers.csv', requestId);
  type Row = Awaited<ReturnType<typeof repo.observationRows>>[number];
  async function* pages(toCells: (r: Row) => unknown[]) {
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await repo.observationRows(db, campaign.id, after, ANSWERS_PAGE_ROWS);
      yield rows.map(toCells);
      if (rows.length < ANSWERS_PAGE_ROWS) return;
      const last = rows.at(-1)!;
      after = [last.server_time, last.id];
    }
  }
  if (options.format === 'raw') {
    return csvChunks(
      ['id', 'straat', 'plek', 'soort plek', 'onderwerp', 'vraag', 'soort vraag', 'oordeel', 'antwoord', 'opmerking', 'telt_mee', 'deelnemer', 'vastgelegd_op', 'apparaattijd', 'bevinding'],
      pages((r) => [
        r.id,
        r.street_name,
        r.spot_name,
        r.spot_type,
        r.theme,
        r.question,
        r.question_type,
        r.rating,
        numberAnswer(r.question_type, r.answer),
        r.note,
        r.superseded_by === null,
        r.pseudonym,
        r.server_time,
        r.device_time,
        r.finding_id,
      ]),
      options.separator,
      decimalCommaOf(options),
    );
  }
  return csvChunks(
    ['Straat', 'Plek', 'Soort plek', 'Onderwerp', 'Vraag', 'Antwoord', 'Opmerking', 'Telt mee', 'Deelnemer', 'Vastgelegd op', 'Tijd op het apparaat', 'Kenmerk bevinding', 'Kenmerk'],
    pages((r) => [
      r.street_name,
      r.spot_name,
      spotTypeWord(r.spot_type),
      themeWord(r.theme),
      r.question,
      r.question_type === 'RATING' ? ratingWord(r.rating) : r.question_type === 'YES_NO' ? answerWord(r.answer) : numberAnswer(r.question_type, r.answer),
      r.note,
      yesNo(r.superseded_by === null),
      r.pseudonym,
      amsterdamTime(r.server_time),
      amsterdamTime(r.device_time),
      r.finding_id,
      r.id,
    ]),
    options.separator,
    decimalCommaOf(options),
  );
}

export async function exportLedgerCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<string> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'tally-ledger.csv', requestId);
  const rows = await repo.ledgerRows(db, campaign.id);
  if (options.format === 'raw') {
    return csvOf(
      options,
      ['id', 'vastgelegd_op', 'apparaattijd', 'actiedag', 'straat', 'huisnummer', 'deelnemer', 'soort', 'aantal', 'oppervlakte_cm2', 'corrigeert', 'apparaat', 'herkomst'],
      rows.map((r) => [r.id, r.server_time, r.client_time, r.day, r.street_name, r.house_number, r.pseudonym, r.unit_code, r.count, r.area_cm2, r.corrects_event_id, r.device_id, r.origin]),
    );
  }
  return csvOf(
    options,
    ['Vastgelegd op', 'Tijd op het apparaat', 'Actiedag', 'Straat', 'Huisnummer', 'Herkomst', 'Deelnemer', 'Soort', 'Aantal', 'Oppervlakte (m²)', 'Correctie van', 'Apparaat', 'Kenmerk'],
    rows.map((r) => [
      amsterdamTime(r.server_time),
      amsterdamTime(r.client_time),
      r.day,
      r.street_name,
      r.house_number,
      originWord(r.origin),
      r.pseudonym,
      unitWord(r.unit_code),
      r.count,
      r.area_cm2 / CM2_PER_M2,
      r.corrects_event_id,
      r.device_id,
      r.id,
    ]),
  );
}

/** Only a tegelwip action has NK figures; a clean-up has its counts per day (unit-summary.csv). */
function requireTegelwip(campaign: Campaign): void {
  if (campaign.kind === 'OPRUIMEN') throw badInput('Een opruimactie heeft geen NK-telling; kies Tellingen per dag.');
  if (campaign.kind !== 'TEGELWIPPEN') throw badInput('Alleen tegelwippen heeft een NK-telling.');
}

function requireCounting(campaign: Campaign): void {
  if (!isCountingKind(campaign.kind)) throw badInput('Bij een schouw wordt niets geteld, dus er zijn geen tellingen per dag.');
}

/**
 * Per action day its m² and NK tiles; the total row also splits the campaign by where the
 * tiles came from and gives the gardens greened (campaign figures: a garden counts once,
 * whichever day it was), so those cells stay empty on the day rows. Tegelwippen only.
 */
export async function exportNkSummaryCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<string> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'nk-summary.csv', requestId, requireTegelwip);
  const progress = await progressOf(db, campaign);
  const { garden, publicSpace, notSaid } = progress.byOrigin;
  const rows: unknown[][] = progress.days.map((d) => [d.day.date, d.day.label, m2(d.areaCm2), nkTilesOf(d.areaCm2), null, null, null, null]);
  const people = options.format === 'people';
  rows.push([people ? 'Totaal' : 'totaal', campaign.name, m2(progress.total.areaCm2), nkTilesOf(progress.total.areaCm2), m2(garden.areaCm2), m2(publicSpace.areaCm2), m2(notSaid.areaCm2), progress.gardensGreened]);
  const header = people
    ? ['Actiedag', 'Omschrijving', 'Vierkante meters', 'NK-tegels (30×30)', 'Uit tuinen (m²)', 'Uit openbare ruimte (m²)', 'Herkomst niet gezegd (m²)', 'Tuinen vergroend']
    : ['actiedag', 'omschrijving', 'vierkante_meters', 'nk_tegels_30x30', 'uit_tuinen_m2', 'uit_openbare_ruimte_m2', 'herkomst_niet_gezegd_m2', 'tuinen_vergroend'];
  return csvOf(options, header, rows);
}

/**
 * Any counting campaign per action day: what was counted in each of its units (net of
 * corrections), a column per unit in the campaign's order; then the total row and, when any
 * unit has one, the targets. For people a measured area (AREA) is in m², like every area
 * they read; raw keeps its count, cm².
 */
export async function exportUnitSummaryCsv(db: Db, viewer: Viewer, campaignId: string, options: CsvOptions, requestId: string): Promise<string> {
  const campaign = await managedCampaign(db, viewer, campaignId, 'unit-summary.csv', requestId, requireCounting);
  const progress = await progressOf(db, campaign);
  const people = options.format === 'people';
  const inM2 = (u: UnitTotal) => people && isMeasuredArea(u.unit.code);
  const quantities = (units: readonly UnitTotal[]) => units.map((u) => (inM2(u) ? m2(u.quantity) : u.quantity));
  const rows: unknown[][] = progress.days.map((d) => [d.day.date, d.day.label, ...quantities(d.units)]);
  rows.push([people ? 'Totaal' : 'totaal', campaign.name, ...quantities(progress.units)]);
  if (progress.units.some((u) => u.unit.target !== null)) rows.push([people ? 'Doel' : 'doel', null, ...progress.units.map((u) => u.unit.target)]);
  const header = people
    ? ['Actiedag', 'Omschrijving', ...progress.units.map((u) => (inM2(u) ? `${unitWord(u.unit.code)} (m²)` : unitWord(u.unit.code)))]
    : ['actiedag', 'omschrijving', ...progress.units.map((u) => u.unit.code.toLowerCase())];
  return csvOf(options, header, rows);
}

interface Feature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
}

/** Findings with a location as GeoJSON points ([lon, lat], WGS84); findings without one are left out. */
export async function exportFindingsGeoJson(db: Db, viewer: Viewer, campaignId: string, requestId: string) {
  const campaign = await managedCampaign(db, viewer, campaignId, 'findings.geojson', requestId);
  const rows = await repo.findingRows(db, campaign.id);
  const features: Feature[] = rows
    .filter((r) => r.lat !== null && r.lon !== null)
    .map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon!, r.lat!] },
      properties: { id: r.id, status: r.status, category: r.category, rating: r.rating, text: r.text, suggestion: r.suggestion, street: r.street_name, spot: r.spot_name, accuracyM: r.accuracy_m, recordedAt: r.server_time },
    }));
  return { type: 'FeatureCollection' as const, features };
}
