/**
 * Why the personal page could not open a sign-up, as a message for the person. Too many
 * unknown links from one address make the server wait before it looks again: that is no
 * "not found", and the person should hear how long to wait (the server says how long).
 */
import { GraphQLRequestError } from '$lib/graphql/client';
import type { MessageKey } from '$lib/i18n/nl';

export interface PageProblem {
  key: MessageKey;
  params?: Record<string, number>;
}

export function openProblem(error: unknown): PageProblem {
  if (!(error instanceof GraphQLRequestError)) return { key: 'signup.mine.notFound' };
  if (error.code === 'OFFLINE') return { key: 'signup.offline' };
  if (error.code === 'RATE_LIMITED') return tooOften(error.retryAfterSeconds);
  return { key: 'signup.mine.notFound' };
}

function tooOften(seconds: number | null): PageProblem {
  if (seconds === null || seconds <= 0) return { key: 'signup.mine.tooOften' };
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? { key: 'signup.mine.tooOftenMinute' } : { key: 'signup.mine.tooOftenMinutes', params: { minutes } };
}
