/**
 * lib/i18n/intl-format.ts: the same text as toLocaleString and Intl.DateTimeFormat give,
 * from formatters made once per locale and options, and the m² and dates of the tally
 * screens made through it (they render a few dozen numbers on every refresh). A screen can
 * make those formatters ahead of its figures, one task each (prepareFigureFormats).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatM2 } from '$lib/counter/tile-sizes';
import { formatDate, formatNumber } from '$lib/i18n/intl-format';
import { dateText, prepareFigureFormats, progressText, quantityText, rankingText } from '$lib/tally/tally-figures';

const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((step) => step()));

/** Counts the objects made with `new Intl[name]` until the test ends. */
function countMade(name: 'NumberFormat' | 'DateTimeFormat' | 'Locale'): { made: number } {
  const original = Intl[name];
  const count = { made: 0 };
  const counting = new Proxy(original, {
    construct(target, args) {
      count.made++;
      return Reflect.construct(target, args) as object;
    },
  });
  Object.defineProperty(Intl, name, { value: counting, configurable: true, writable: true });
  restore.push(() => Object.defineProperty(Intl, name, { value: original, configurable: true, writable: true }));
  return count;
}

describe('formatNumber and formatDate', () => {
  it('write what toLocaleString and Intl.DateTimeFormat write', () => {
    const cases: [number, string, Intl.NumberFormatOptions | undefined][] = [
      [1234567.891, 'nl-NL', undefined],
      [1234567.891, 'en-GB', undefined],
      [0.4, 'nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 2 }],
      [12.345, 'nl-NL', { maximumFractionDigits: 1 }],
      [-3, 'nl-NL', { maximumFractionDigits: 0 }],
    ];
    for (const [value, locale, options] of cases) expect(formatNumber(value, locale, options)).toBe(value.toLocaleString(locale, options));
    const day = new Date('2026-03-21T00:00:00Z');
    expect(formatDate(day, 'nl-NL', { dateStyle: 'long', timeZone: 'UTC' })).toBe('21 maart 2026');
    expect(formatDate(day, 'en-GB', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' })).toBe(new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day));
  });

  it('tell apart formats that differ in locale or options', () => {
    expect(formatNumber(1.5, 'nl-NL')).toBe('1,5');
    expect(formatNumber(1.5, 'en-GB')).toBe('1.5');
    expect(formatNumber(1.5, 'nl-NL', { minimumFractionDigits: 2 })).toBe('1,50');
    expect(formatNumber(1.5, 'nl-NL', { maximumFractionDigits: 0 })).toBe('2');
  });

  it('make one formatter per locale and options, however many numbers and dates they write', () => {
    // Locales no other test here uses, so that the formatters are not made yet.
    const numbers = countMade('NumberFormat');
    const dates = countMade('DateTimeFormat');
    for (let i = 0; i < 50; i++) {
      formatNumber(i / 7, 'de-DE', { maximumFractionDigits: 3 });
      formatM2(i * 1234, 'de-AT');
      rankingText({ areaCm2: i * 100, quantity: i }, false, 'de-CH');
      dateText(`2026-03-${String((i % 28) + 1).padStart(2, '0')}`, 'fr-FR');
    }
    expect(numbers.made).toBe(3);
    expect(dates.made).toBe(1);
  });
});

describe('prepareFigureFormats', () => {
  afterEach(() => vi.useRealTimers());

  it('makes the formatters of the tally figures in tasks of their own, so that writing the figures makes none', () => {
    vi.useFakeTimers();
    // A locale no other test here uses, so that none of its formatters is made yet.
    const locale = 'nl-BE';
    const numbers = countMade('NumberFormat');
    const dates = countMade('DateTimeFormat');
    const locales = countMade('Locale');
    const made = () => numbers.made + dates.made + locales.made;
    prepareFigureFormats(locale);
    // Nothing during the call: the screen's own task stays short. Then one thing per task.
    expect(made()).toBe(0);
    const tasks = vi.getTimerCount();
    vi.runAllTimers();
    const prepared = made();
    expect(prepared).toBe(tasks);

    // What the progress page and the dashboards write, in every form they write it.
    quantityText({ measured: false }, 12, locale);
    quantityText({ measured: true }, 35000, locale);
    progressText({ progressPercent: 12.5 }, { locale, percentOfTarget: String, noTarget: '' });
    dateText('2026-04-17', locale);
    rankingText({ areaCm2: 35000, quantity: 3 }, true, locale);
    rankingText({ areaCm2: 35000, quantity: 3 }, false, locale);
    formatM2(35000, locale);
    formatNumber(12, locale);
    expect(made()).toBe(prepared);
  });
});
