/**
 * Numbers as the console writes them (it speaks Dutch only): "1.234", "12,5", "42,5%".
 * Through formatters made once (i18n/intl-format.ts): a table or a chart writes hundreds.
 */
import { formatNumber } from '../i18n/intl-format';

/** Grouped by thousands, with at most three decimals: what `toLocaleString('nl-NL')` writes. */
export const dutchNumber = (n: number): string => formatNumber(n, 'nl-NL');

export const oneDecimal = (n: number): string => formatNumber(n, 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A share (0 to 1) as a percentage with at most one decimal. */
export const percent = (share: number): string => `${formatNumber(share * 100, 'nl-NL', { maximumFractionDigits: 1 })}%`;
