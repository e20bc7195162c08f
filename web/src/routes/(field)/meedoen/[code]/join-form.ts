/**
 * The join form's rules: which questions it asks for an activity and what must be filled
 * in before it is sent. Messages are i18n keys, shown next to their field.
 */
import { looksLikeContact } from '$lib/contact';
import { isCountingKind } from '@buurtkracht/protocol/tally-units';
import type { MessageKey } from '$lib/i18n/nl';

export type CampaignKind = 'SCHOUW' | 'TEGELWIPPEN' | 'OPRUIMEN';

export interface JoinFields {
  displayName: string;
  contactConsent: boolean;
  contact: string;
}

export type JoinProblems = Partial<Record<'displayName' | 'contact', MessageKey>>;

/**
 * Rankings exist for counting activities (tegelwippen, and a clean-up, whose prize goes to
 * the most active residents); a schouw has none, so it does not ask.
 */
export const asksAboutRanking = (kind: CampaignKind): boolean => isCountingKind(kind);

export function joinProblems(fields: JoinFields): JoinProblems {
  const problems: JoinProblems = {};
  if (!fields.displayName.trim()) problems.displayName = 'join.nameMissing';
  if (fields.contactConsent) {
    if (!fields.contact.trim()) problems.contact = 'join.contactMissing';
    else if (!looksLikeContact(fields.contact)) problems.contact = 'join.contactInvalid';
  }
  return problems;
}
