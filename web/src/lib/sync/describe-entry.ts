/**
 * What an outbox entry is, in words the person recognises, for the sync screen: a refused
 * entry must say what it was before anyone can decide to retry or throw it away.
 */
import type { OutboxEntry } from '../offline/idb';
import { entryAmount } from '../counter/unit-words';
import { dateTimeText } from '../i18n/field-time';
import { t } from '../i18n/i18n.svelte';
import { nl, type MessageKey } from '../i18n/nl';
import { answerWords } from '../walk/answer-rules';

/** What a tally entry counted, as the counter says it; entries stored before units say `sizeCode`. */
const amount = (args: Record<string, unknown>): string => entryAmount(args.unitCode ?? args.sizeCode, Number(args.count ?? 0));

export function describeEntry(entry: OutboxEntry): string {
  const key = `sync.entry.${entry.name}` as MessageKey;
  // Answers (recordObservation, and answerChecklistItem of older app versions) say what was answered.
  const answer = answerWords({ rating: entry.args.rating as string | null, answer: entry.args.answer as string | null }, t) ?? '–';
  const what = key in nl ? t(key, { amount: amount(entry.args), answer }) : t('sync.entry.other');
  const text = typeof entry.args.text === 'string' && entry.args.text ? `: “${entry.args.text.length > 60 ? `${entry.args.text.slice(0, 57)}…` : entry.args.text}”` : '';
  return `${what}${text} (${t('sync.entry.recordedAt', { time: dateTimeText(entry.createdAt) })})`;
}
