/**
 * The current language and the translate function. Dutch is the default and is always
 * in the bundle; English is loaded when someone chooses it (the service worker keeps it
 * for offline use). A person's choice is remembered on the device. All user-facing text
 * comes from nl.ts / en.ts.
 */
import { nl, type MessageKey, type Messages } from './nl';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
const STORAGE_KEY = 'buurtkracht.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  return locale === 'en' ? (await import('./en')).en : nl;
}

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);
  #messages = $state.raw<Messages>(nl);

  /** Applies the remembered choice; call once in the browser. */
  async restore(storage: Pick<Storage, 'getItem'> = localStorage): Promise<void> {
    const saved = storage.getItem(STORAGE_KEY);
    if (isLocale(saved) && saved !== this.locale) await this.#use(saved);
  }

  async set(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage): Promise<void> {
    await this.#use(locale);
    storage.setItem(STORAGE_KEY, locale);
  }

  async #use(locale: Locale): Promise<void> {
    this.#messages = await loadMessages(locale);
    this.locale = locale;
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => format(this.#messages[key], params);
}

export const i18n = new I18n();
export const t = i18n.t;
