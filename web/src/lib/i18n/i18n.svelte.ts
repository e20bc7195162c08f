/**
 * The current language and the translate function. Dutch is the default; a person's
 * choice is remembered on the device. All user-facing text comes from nl.ts / en.ts.
 */
import { en } from './en';
import { nl, type MessageKey, type Messages } from './nl';

export const locales = { nl, en } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof locales;
export const DEFAULT_LOCALE: Locale = 'nl';
const STORAGE_KEY = 'buurtkracht.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(locales, value);
}

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(locales[locale][key], params);
}

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);

  /** Reads the remembered choice; call once in the browser. */
  restore(storage: Pick<Storage, 'getItem'> = localStorage): void {
    const saved = storage.getItem(STORAGE_KEY);
    if (isLocale(saved)) this.locale = saved;
  }

  set(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage): void {
    this.locale = locale;
    storage.setItem(STORAGE_KEY, locale);
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);
}

export const i18n = new I18n();
export const t = i18n.t;
