/**
 * The current language and the translate function. Dutch is the default and its core is
 * always in the bundle; English is loaded when someone chooses it, and the other screens'
 * words travel with their route (sections.ts); the service worker keeps all of it for
 * offline use. A person's choice is remembered on the device. All user-facing text comes
 * from nl*.ts / en*.ts.
 */
import { nl, type CoreMessages, type MessageKey, type Messages } from './nl';
import type { Section } from './sections';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
const STORAGE_KEY = 'buurtkracht.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export async function loadMessages(locale: Locale): Promise<CoreMessages> {
  return locale === 'en' ? (await import('./en')).en : nl;
}

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

const wordsOf = async (section: Section, locale: Locale) => (locale === 'en' ? await section.en() : section.nl);

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);
  /** The language as Intl's number and date formats take it: British English writes dates and times as a Dutch reader expects them ("1 May 2026, 14:05"). */
  get intlLocale(): string {
    return this.locale === 'en' ? 'en-GB' : 'nl-NL';
  }
  /** The core and every section asked for so far, in the current language. */
  #messages = $state.raw<Partial<Messages>>(nl);
  /** Sections routes asked for, by name: a change of language loads them again, in the new one. */
  #sections = new Map<string, Section>();
  /** One change at a time: a section asked for while the language changes arrives in the new language. */
  #changes: Promise<void> = Promise.resolve();

  #queue(change: () => Promise<void>): Promise<void> {
    const done = this.#changes.then(change);
    this.#changes = done.catch(() => undefined);
    return done;
  }

  /** Applies the remembered choice; call once in the browser. */
  async restore(storage: Pick<Storage, 'getItem'> = localStorage): Promise<void> {
    const saved = storage.getItem(STORAGE_KEY);
    if (isLocale(saved) && saved !== this.locale) await this.#use(saved);
  }

  async set(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage): Promise<void> {
    await this.#use(locale);
    storage.setItem(STORAGE_KEY, locale);
  }

  /** Loads the words of these sections; a route awaits it in its load, so its page can use t() at once. */
  need(...wanted: Section[]): Promise<void> {
    return this.#queue(async () => {
      const missing = wanted.filter((section) => !this.#sections.has(section.name));
      if (missing.length === 0) return;
      const words = await Promise.all(missing.map((section) => wordsOf(section, this.locale)));
      for (const section of missing) this.#sections.set(section.name, section);
      this.#messages = Object.assign({}, this.#messages, ...words);
    });
  }

  #use(locale: Locale): Promise<void> {
    return this.#queue(async () => {
      const [core, ...words] = await Promise.all([loadMessages(locale), ...[...this.#sections.values()].map((section) => wordsOf(section, locale))]);
      this.#messages = Object.assign({}, core, ...words);
      this.locale = locale;
    });
  }

  /** A key whose section has not loaded shows as itself: visible, never an empty label. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => format(this.#messages[key] ?? key, params);
}

export const i18n = new I18n();
export const t = i18n.t;
