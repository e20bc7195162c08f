/**
 * The programme's results as CSV: every figure of the results page, one per row (year,
 * subject, part, figure, value, note), so a figure added later is more rows, not a new
 * file layout. Written by the exports' one CSV writer with their two variants (csvOf in
 * export.service.ts): for people (Dutch words; with `;` decimal commas for Dutch Excel)
 * and raw (codes, decimal points) for integrations. What is not known is an empty value
 * with the reason in the note, never a zero. Aggregates only, nothing personal: unlike the
 * campaign exports it needs no audit record. Who may have it is the page's one rule
 * (programmeResults in programme.service.ts).
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CampaignKind } from '../campaign/campaign.table.js';
import { Fixed } from '../export/csv.js';
import { ratingWord, scaleWord, themeWord, unitWord } from '../export/dutch-words.js';
import { csvOf, type CsvOptions } from '../export/export.service.js';
import { nl } from '../../../../web/src/lib/i18n/nl.js';
import type { HouseholdsUnknown, SatisfactionUnknown } from './programme-figures.js';
import { programmeResults, type ProgrammeYear } from './programme.service.js';

/** The activities' names as the field app and the console call them (web/src/lib/i18n/nl-activities.ts). */
const kindWord = (kind: CampaignKind): string => nl[`activities.kind.${kind}`];
const UNKNOWN_WORDS: Record<HouseholdsUnknown, string> = {
  NO_ADDRESSES: 'Niet bekend: bij de schouw vragen we geen adres.',
  PERSONAL_DATA_ERASED: 'Niet meer bekend: de persoonsgegevens (met de adressen) zijn gewist.',
};
const NO_TARGET: [string, string] = ['NO_TARGET', 'Geen doel: niet elke opruimactie die dit telt, heeft er een doel voor.'];
const SATISFACTION_UNKNOWN_WORDS: Record<SatisfactionUnknown, string> = {
  NO_QUESTIONNAIRE: 'Niet bekend: geen actie van dit jaar had een vragenlijst.',
  NO_SCALE_ANSWERS: 'Niet bekend: er is geen antwoord op een tevredenheidsvraag (1 tot 5).',
};

/** One figure: its codes for the raw file, its words for people, and its value. */
interface Figure {
  subject: [code: string, word: string];
  part: [code: string, word: string] | null;
  figure: [code: string, word: string];
  value: number | Fixed | string | null;
  /** Raw: a code; people: a sentence. */
  note?: [code: string, word: string];
  /** For people the value as words (a level), when that differs from the raw value. */
  valueWord?: string | null;
  /** For integrations the value as the API gives it (a share from 0 to 1), when people get a percentage. */
  rawValue?: number | null;
}

const m2 = (cm2: number) => new Fixed(cm2 / CM2_PER_M2, 2);
const percent = (share: number | null) => (share === null ? null : new Fixed(Math.round(share * 1000) / 10, 1));

function figuresOf(year: ProgrammeYear): Figure[] {
  const figures: Figure[] = [];
  for (const a of year.activities) {
    const subject: Figure['subject'] = ['deelname', 'Deelname'];
    const part: Figure['part'] = [a.kind, kindWord(a.kind)];
    figures.push(
      { subject, part, figure: ['acties', 'Acties'], value: a.campaigns },
      { subject, part, figure: ['aanmeldingen', 'Aanmeldingen'], value: a.signups },
      { subject, part, figure: ['deelnemers', 'Deelnemers in de app'], value: a.participants },
      { subject, part, figure: ['huishoudens', 'Huishoudens (adressen)'], value: a.households, ...(a.householdsUnknown ? { note: [a.householdsUnknown, UNKNOWN_WORDS[a.householdsUnknown]] as [string, string] } : {}) },
    );
  }
  const t = year.tegelwippen;
  if (t) {
    const share = t.targetAreaCm2 > 0 ? t.areaCm2 / t.targetAreaCm2 : null;
    const subject: Figure['subject'] = ['tegelwippen', 'Tegelwippen'];
    figures.push(
      { subject, part: null, figure: ['oppervlakte_m2', 'Verwijderd (m²)'], value: m2(t.areaCm2) },
      { subject, part: null, figure: ['nk_tegels', 'NK-tegels (30×30)'], value: t.nkTiles },
      { subject, part: null, figure: ['doel_m2', 'Doel (m²)'], value: m2(t.targetAreaCm2) },
      { subject, part: null, figure: ['doel_aandeel', 'Van het doel (%)'], value: percent(share), rawValue: share },
      { subject, part: null, figure: ['tuinen_vergroend', 'Tuinen vergroend'], value: t.gardensGreened },
    );
  }
  for (const u of year.opruimen?.units ?? []) {
    const subject: Figure['subject'] = ['opruimen', kindWord('OPRUIMEN')];
    const part: Figure['part'] = [u.unit, unitWord(u.unit)];
    const share = u.target ? u.quantity / u.target : null;
    const why = u.target === null ? { note: NO_TARGET } : {};
    figures.push(
      { subject, part, figure: ['aantal', 'Aantal'], value: u.quantity },
      { subject, part, figure: ['doel', 'Doel'], value: u.target, ...why },
      { subject, part, figure: ['doel_aandeel', 'Van het doel (%)'], value: percent(share), rawValue: share, ...why },
    );
  }
  const f = year.findings;
  const findings: Figure['subject'] = ['bevindingen', 'Bevindingen'];
  figures.push(
    { subject: findings, part: null, figure: ['aantal', 'Aantal'], value: f.count },
    { subject: findings, part: null, figure: ['afgehandeld', 'Afgehandeld'], value: f.handled },
    { subject: findings, part: null, figure: ['afgehandeld_aandeel', 'Afgehandeld (%)'], value: percent(f.handledShare), rawValue: f.handledShare },
    { subject: findings, part: null, figure: ['mediaan_dagen_tot_afgehandeld', 'Mediaan dagen tot afgehandeld'], value: f.medianDaysToHandle === null ? null : new Fixed(f.medianDaysToHandle, 1) },
  );
  const q = year.satisfaction;
  const satisfaction: Figure['subject'] = ['tevredenheid', 'Tevredenheid (vragenlijst)'];
  const why = q.satisfactionUnknown ? { note: [q.satisfactionUnknown, SATISFACTION_UNKNOWN_WORDS[q.satisfactionUnknown]] as [string, string] } : {};
  // Without a questionnaire nothing is known; without SCALE answers the responses still are.
  const whyCounts = q.satisfactionUnknown === 'NO_QUESTIONNAIRE' ? why : {};
  figures.push(
    { subject: satisfaction, part: null, figure: ['reacties', 'Reacties'], value: q.responses, ...whyCounts },
    { subject: satisfaction, part: null, figure: ['schaalantwoorden', 'Antwoorden op de schaal van 1 tot 5'], value: q.scaleAnswers, ...whyCounts },
    { subject: satisfaction, part: null, figure: ['tevreden_aandeel', 'Tevreden of heel tevreden (%)'], value: percent(q.satisfiedShare), rawValue: q.satisfiedShare, ...why },
    { subject: satisfaction, part: null, figure: ['mediaan', 'Mediaan (1 tot 5)'], value: q.median, valueWord: q.median === null ? null : scaleWord(String(q.median)), ...why },
  );
  for (const s of year.themeScores) {
    const subject: Figure['subject'] = ['schouwscore', 'Schouwscore'];
    const part: Figure['part'] = [s.theme, themeWord(s.theme)];
    figures.push(
      { subject, part, figure: ['niveau', 'Score (mediaan)'], value: s.level, valueWord: ratingWord(s.level) },
      { subject, part, figure: ['oordelen', 'Oordelen A+ t/m D'], value: s.observationCount },
    );
  }
  return figures;
}

/** The CSV of every figure for the neighbourhood's coordinators and admins; NOT_FOUND for everyone else. */
export async function programmeResultsCsv(db: DbOrTrx, viewer: Viewer, neighbourhoodId: string, options: CsvOptions): Promise<{ csv: string; slug: string }> {
  const { neighbourhood, years } = await programmeResults(db, viewer, neighbourhoodId);
  const people = options.format === 'people';
  const pick = (pair: [string, string] | null | undefined) => (pair ? pair[people ? 1 : 0] : null);
  const valueOf = (f: Figure) => (people ? (f.valueWord !== undefined ? f.valueWord : f.value) : f.rawValue !== undefined ? f.rawValue : f.value);
  const rows = years.flatMap((year) => figuresOf(year).map((f) => [year.year, pick(f.subject), pick(f.part), pick(f.figure), valueOf(f), pick(f.note)]));
  const header = people ? ['Jaar', 'Onderwerp', 'Onderdeel', 'Cijfer', 'Waarde', 'Toelichting'] : ['jaar', 'onderwerp', 'onderdeel', 'cijfer', 'waarde', 'toelichting'];
  return { csv: csvOf(options, header, rows), slug: neighbourhood.slug };
}
