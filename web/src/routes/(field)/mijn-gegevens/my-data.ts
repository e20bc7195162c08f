/**
 * Mijn gegevens without the screen: what the server keeps about the person in one activity
 * (asked with that activity's own token), what the consent form must hold before it is
 * sent, and which of the server's answers belongs next to which field.
 */
import { looksLikeContact } from '$lib/contact';
import { gql, GraphQLRequestError } from '$lib/graphql/client';
import { MY_DATA, UPDATE_MY_CONSENT, type ConsentChoice, type StoredAboutMe } from '$lib/graphql/resident-operations';
import type { MessageKey } from '$lib/i18n/nl';

export type Stored =
  | { state: 'loading' }
  | { state: 'loaded'; data: StoredAboutMe }
  /** No connection: the page shows what the phone itself knows. */
  | { state: 'offline' }
  /** The token no longer works: erased, revoked, or moved to another phone. */
  | { state: 'revoked' }
  | { state: 'failed' };

export async function fetchStored(token: string): Promise<Stored> {
  try {
    return { state: 'loaded', data: (await gql(MY_DATA, {}, token)).myData };
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'OFFLINE') return { state: 'offline' };
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') return { state: 'revoked' };
    return { state: 'failed' };
  }
}

export interface ConsentFields {
  contactConsent: boolean;
  contact: string;
  showNameInRankings: boolean;
}

/** The form's own check before sending: contact details are needed with the tick, and must look like some. */
export function consentProblem(fields: ConsentFields): MessageKey | null {
  if (!fields.contactConsent) return null;
  if (!fields.contact.trim()) return 'join.contactMissing';
  return looksLikeContact(fields.contact) ? null : 'join.contactInvalid';
}

/** What is sent: without the tick no contact details at all, so the server erases them. */
export const consentChoice = (fields: ConsentFields): ConsentChoice => ({
  contact: fields.contactConsent ? fields.contact.trim() : null,
  contactConsent: fields.contactConsent,
  showNameInRankings: fields.showNameInRankings,
});

export async function saveConsent(token: string, fields: ConsentFields): Promise<StoredAboutMe['participant']> {
  return (await gql(UPDATE_MY_CONSENT, { input: consentChoice(fields) }, token)).updateMyConsent;
}

/**
 * A refused save split into the server's message for the contact field and the rest. The
 * server names the field of each problem (["input", "contact"]); its sentences are Dutch.
 */
export function saveProblems(error: unknown): { contact: string | null; general: string | null } {
  if (!(error instanceof GraphQLRequestError)) return { contact: null, general: null };
  const contact = error.fields.find((f) => f.path.join('.') === 'input.contact')?.message ?? null;
  const others = error.fields.filter((f) => f.path.join('.') !== 'input.contact');
  if (contact) return { contact, general: others.length > 0 ? others.map((f) => f.message).join(' ') : null };
  return { contact: null, general: error.message };
}
