/**
 * What a campaign may count, as a rule without I/O, shared by creating a campaign and by
 * changing its units later (campaign-units.service.ts). A tegelwip action counts every tile
 * size, always, in the protocol's order: a coordinator only gives targets. A clean-up
 * action (opruimactie) counts the clean-up units its coordinator chose, in that order, at
 * least one (the defaults when none were given at creation). A schouw counts nothing.
 * Kept apart from the service so that campaign.service.ts can use it without an import cycle.
 */
import { DEFAULT_CLEANUP_UNITS, isCountingKind, isMeasuredArea, isTileUnit, MAX_UNIT_TARGET, UNITS_OF_KIND, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { badInput, type FieldProblem } from '../../domain-error.js';
import type { CampaignKind } from './campaign.table.js';

/** The most units one campaign counts: every unit its kind may count (a tegelwip action's tile sizes are the most). */
export const MAX_CAMPAIGN_UNITS = Math.max(...Object.values(UNITS_OF_KIND).map((units) => units.length));
/** The most streets one day names: a neighbourhood's worth, and a list a counter can still offer first. */
export const MAX_DAY_STREETS = 50;

export interface UnitChoice {
  code: UnitCode;
  /** Null or absent: no target. */
  target?: number | null;
}

export interface ChosenUnit {
  code: UnitCode;
  target: number | null;
}

export const TARGET_MESSAGE = `Een doel is een heel getal van 1 tot ${MAX_UNIT_TARGET.toLocaleString('nl-NL')}. Laat het leeg voor geen doel.`;
export const NOTHING_TO_COUNT = 'Bij een schouw tel je niets: je loopt langs plekken en beantwoordt vragen.';
const NO_TILES_IN_CLEANUP = 'Bij een opruimactie tel je zakken, grofvuil of tuinen, geen tegels.';
const ONLY_TILES = 'Bij tegelwippen tel je tegels: je kunt alleen doelen geven voor tegelmaten.';
/** A measured area adds to the m² that a tegelwip action already aims for (its own target). */
const NO_AREA_TARGET = 'Gemeten oppervlakte krijgt geen eigen doel: die telt mee voor het doel in m² van de actie. Laat het leeg.';

/**
 * The units a campaign of this kind counts after this choice, in their order, or
 * BAD_USER_INPUT with each problem at its place in `path` (e.g. ['input', 'units']).
 * `choice` absent: a new campaign's defaults.
 */
export function unitsForKind(kind: CampaignKind, choice: readonly UnitChoice[] | null | undefined, path: readonly string[]): ChosenUnit[] {
  if (!isCountingKind(kind)) {
    if (choice && choice.length > 0) throw badInput(NOTHING_TO_COUNT, { fields: [{ path: [...path], message: NOTHING_TO_COUNT }] });
    return [];
  }
  const problems: FieldProblem[] = [];
  const at = (index: number, field: string, message: string) => problems.push({ path: [...path, String(index), field], message });
  const given = choice ?? [];
  if (given.length > MAX_CAMPAIGN_UNITS) problems.push({ path: [...path], message: `Kies hoogstens ${MAX_CAMPAIGN_UNITS} dingen om te tellen.` });
  const seen = new Set<UnitCode>();
  given.forEach((unit, index) => {
    if (seen.has(unit.code)) at(index, 'code', 'Noem elk ding om te tellen maar één keer.');
    seen.add(unit.code);
    if (!UNITS_OF_KIND[kind].includes(unit.code)) at(index, 'code', kind === 'OPRUIMEN' ? NO_TILES_IN_CLEANUP : ONLY_TILES);
    const target = unit.target ?? null;
    if (target !== null && isMeasuredArea(unit.code)) at(index, 'target', NO_AREA_TARGET);
    else if (target !== null && (!Number.isInteger(target) || target < 1 || target > MAX_UNIT_TARGET)) at(index, 'target', TARGET_MESSAGE);
  });
  if (kind === 'OPRUIMEN' && choice && given.length === 0) problems.push({ path: [...path], message: 'Kies minstens één ding om te tellen.' });
  if (problems.length > 0) throw badInput([...new Set(problems.map((p) => p.message))].join(' '), { fields: problems });

  if (kind === 'TEGELWIPPEN') {
    const targets = new Map(given.map((u) => [u.code, u.target ?? null]));
    return UNITS_OF_KIND.TEGELWIPPEN.filter(isTileUnit).map((code) => ({ code, target: targets.get(code) ?? null }));
  }
  if (!choice) return DEFAULT_CLEANUP_UNITS.map((code) => ({ code, target: null }));
  return given.map((u) => ({ code: u.code, target: u.target ?? null }));
}
