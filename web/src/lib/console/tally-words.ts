/**
 * The console's words for the per-unit totals (lib/tally): always Dutch, as the rest of the
 * console. The units' names are the field app's (lib/i18n), so a coordinator and a counter
 * call a unit the same.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { TallyWords } from '$lib/tally/tally-figures';
import { unitName } from './labels';

export const CONSOLE_TALLY_WORDS: TallyWords = {
  locale: 'nl-NL',
  unit: (code: UnitCode) => unitName(code),
  ofTarget: (quantity, target) => `${quantity} van ${target}`,
  percentOfTarget: (percent) => `${percent}% van het doel`,
  noTarget: 'Geen doel',
  done: 'gedaan',
  notYet: 'nog niet',
  notPlanned: 'gedaan, niet gepland',
  plannedDone: (done, planned) => `${done} van ${planned} geplande ${planned === 1 ? 'straat' : 'straten'} gedaan.`,
  noStreets: 'Geen straten gepland.',
  dayStreets: (day) => `Straten van ${day}`,
  nothingYet: 'Nog niets geteld.',
};
