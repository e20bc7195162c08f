import { describe, expect, it } from 'vitest';
import { en } from '$lib/i18n/en';
import { DEFAULT_LOCALE, format, i18n, isLocale, loadMessages } from '$lib/i18n/i18n.svelte';
import { nl } from '$lib/i18n/nl';
import { aboutSection } from '$lib/i18n/nl-about';
import { homeSection } from '$lib/i18n/nl-home';
import { joinSection } from '$lib/i18n/nl-join';
import { myDataSection } from '$lib/i18n/nl-my-data';
import { progressSection } from '$lib/i18n/nl-progress';
import { transferSection } from '$lib/i18n/nl-transfer';
import { walkSection } from '$lib/i18n/nl-walk';

const sections = [aboutSection, homeSection, joinSection, myDataSection, progressSection, transferSection, walkSection];

function expectSameWords(dutch: Record<string, string>, english: Record<string, string>) {
  expect(Object.keys(english).sort()).toEqual(Object.keys(dutch).sort());
  for (const [key, text] of Object.entries(dutch)) {
    const other = english[key]!;
    expect(text.trim(), key).not.toBe('');
    expect(other.trim(), key).not.toBe('');
    expect(other.match(/\{\w+\}/g) ?? [], key).toEqual(text.match(/\{\w+\}/g) ?? []);
  }
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('i18n', () => {
  it('speaks Dutch by default', () => {
    expect(DEFAULT_LOCALE).toBe('nl');
    expect(i18n.t('nav.home')).toBe('Start');
  });

  it('has an English text for every Dutch key, none empty, with the same placeholders', async () => {
    expectSameWords(nl, en);
    for (const section of sections) expectSameWords(section.nl, await section.en());
  });

  it('keeps each key in one place: the core or one section', () => {
    const seen = new Map<string, string>(Object.keys(nl).map((key) => [key, 'core']));
    for (const section of sections) {
      for (const key of Object.keys(section.nl)) {
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, section.name);
      }
    }
    expect(new Set(sections.map((section) => section.name)).size).toBe(sections.length);
  });

  it('shows the words of a section once a route needed it, in the language chosen before or after', async () => {
    const storage = memoryStorage();
    expect(i18n.t('about.title')).toBe('about.title');
    await i18n.need(aboutSection);
    expect(i18n.t('about.title')).toBe('Over de app en je privacy');
    await i18n.set('en', storage);
    expect(i18n.t('about.title')).toBe('About the app and your privacy');
    await i18n.need(transferSection);
    expect(i18n.t('transfer.title')).toBe('Move to another phone');
    // Asked for while the language changes: it arrives in the new language.
    const back = i18n.set('nl', storage);
    const needed = i18n.need(progressSection);
    await Promise.all([back, needed]);
    expect(i18n.t('progress.loading')).toBe('Voortgang laden…');
    expect(i18n.t('transfer.title')).toBe('Overzetten');
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
