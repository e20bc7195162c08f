import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { DEFAULT_LOCALE, format, i18n, isLocale, loadMessages } from '$lib/i18n/i18n.svelte';
import { nl } from '$lib/i18n/nl';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('i18n', () => {
  it('speaks Dutch by default', () => {
    expect(DEFAULT_LOCALE).toBe('nl');
    expect(i18n.t('nav.home')).toBe('Start');
  });

  it('has an English text for every Dutch key, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, text] of Object.entries(nl)) {
      const english = en[key as keyof typeof en];
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      expect(english.match(/\{\w+\}/g) ?? [], key).toEqual(text.match(/\{\w+\}/g) ?? []);
    }
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(format('{n} van {total} m²', { n: 12, total: 500 })).toBe('12 van 500 m²');
    expect(format('Hallo {naam}', {})).toBe('Hallo {naam}');
  });

  it('remembers a chosen language and ignores a stored value that is no language', async () => {
    const storage = memoryStorage();
    await i18n.set('en', storage);
    expect(storage.data.get('buurtkracht.locale')).toBe('en');
    expect(i18n.t('nav.home')).toBe('Home');

    await i18n.set('nl', memoryStorage());
    await i18n.restore(memoryStorage({ 'buurtkracht.locale': 'en' }));
    expect(i18n.locale).toBe('en');
    await i18n.restore(memoryStorage({ 'buurtkracht.locale': 'klingon' }));
    expect(i18n.locale).toBe('en');
    await i18n.set('nl', storage);
    expect(i18n.t('nav.home')).toBe('Start');
  });

  it('loads a language without touching the current one', async () => {
    expect((await loadMessages('en'))['status.offline']).toBe('Offline');
    expect(i18n.locale).toBe('nl');
    expect(isLocale('nl')).toBe(true);
    expect(isLocale('toString')).toBe(false);
  });
});
