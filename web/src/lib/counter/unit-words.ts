/**
 * A unit in words, from the units' words in lib/i18n (nl-units.ts): its short name, as on
 * its button, an amount of it in a sentence, and what one entry counted. The one place for
 * these rules: the counter, the sync screen's list of entries and the console (always
 * Dutch, DUTCH_UNIT_WORDS) all say an amount this way. No state, so the sync screen and
 * the console load none of the counter's.
 */
import { isTileUnit, isUnitCode, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { format, i18n, t } from '../i18n/i18n.svelte';
import { formatNumber } from '../i18n/intl-format';
import { nlUnits } from '../i18n/nl-units';
import { formatM2 } from './tile-sizes';

type UnitWordKey = keyof typeof nlUnits;

/** Where the words of an amount come from, and how its number is written. */
export interface UnitWords {
  locale: string;
  word: (key: UnitWordKey) => string;
}

/** The field app's words: its current language. */
const FIELD_UNIT_WORDS: UnitWords = {
  get locale() {
    return i18n.intlLocale;
  },
  word: (key) => t(key),
};

/** The console's words: Dutch, whatever language the field app on the device speaks. */
export const DUTCH_UNIT_WORDS: UnitWords = { locale: 'nl-NL', word: (key) => nlUnits[key] };

/** A unit's short name, as on its button ("30×30", "klinker 20×10", "Zwerfvuil"). */
export const unitLabel = (code: UnitCode): string => t(`unit.short.${code}`);

/** An amount of a unit in a sentence: "1 zak zwerfvuil", "3 zakken zwerfvuil", "1.203 stuks grofvuil". */
export const unitAmount = (code: UnitCode, count: number, words: UnitWords = FIELD_UNIT_WORDS): string =>
  format(words.word(Math.abs(count) === 1 ? `unit.one.${code}` : `unit.many.${code}`), { count: formatNumber(count, words.locale) });

/**
 * What one entry counted, in words: a measured area in m² ("1,5 m² gemeten"), tiles by
 * their size ("3 × 30×30"), anything else as an amount ("3 zakken zwerfvuil"). An entry
 * stored by an app version that knew other codes shows its count only.
 */
export function entryAmount(unitCode: unknown, count: number): string {
  if (unitCode === 'AREA') return t('count.measuredM2', { m2: formatM2(count, FIELD_UNIT_WORDS.locale) });
  if (!isUnitCode(unitCode)) return String(count);
  return isTileUnit(unitCode) ? `${count} × ${unitLabel(unitCode)}` : unitAmount(unitCode, count);
}
