/**
 * Moments as the field app writes them, in the language the person chose: a date with a
 * time ("1 mei 2026, 14:05"; in English "May 1, 2026, 2:05 PM") and a clock time
 * ("14:05"). One place, so every field screen writes them alike.
 */
import { i18n } from './i18n.svelte';
import { formatDate } from './intl-format';

export const dateTimeText = (iso: string, locale: string = i18n.locale): string => formatDate(new Date(iso), locale, { dateStyle: 'medium', timeStyle: 'short' });

export const clockText = (iso: string, locale: string = i18n.locale): string => formatDate(new Date(iso), locale, { hour: '2-digit', minute: '2-digit' });
