/**
 * Moments as the field app writes them, in the language the person chose: a date with a
 * time ("1 mei 2026, 14:05"; in English "1 May 2026, 14:05") and a clock time ("14:05").
 * One place, so every field screen writes them alike.
 */
import { i18n } from './i18n.svelte';
import { formatDate } from './intl-format';

export const dateTimeText = (iso: string, locale: string = i18n.intlLocale): string => formatDate(new Date(iso), locale, { dateStyle: 'medium', timeStyle: 'short' });

export const clockText = (iso: string, locale: string = i18n.intlLocale): string => formatDate(new Date(iso), locale, { hour: '2-digit', minute: '2-digit' });
