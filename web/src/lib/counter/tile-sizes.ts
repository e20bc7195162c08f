/**
 * Removed paving in m², as every screen writes it (the counter, the console, the public
 * page): the ledger stores cm² (@buurtkracht/protocol/tile-sizes), people read m² with at
 * least one decimal, so a small total does not look like nothing ("0,4").
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import { formatNumber } from '../i18n/intl-format';

/** "12,34" for Dutch readers. */
export const formatM2 = (areaCm2: number, locale = 'nl-NL'): string =>
  formatNumber(areaCm2 / CM2_PER_M2, locale, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
