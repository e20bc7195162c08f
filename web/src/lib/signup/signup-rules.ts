/**
 * What the sign-up form needs before it is sent, per kind of campaign: the same limits
 * as the server (@buurtkracht/protocol/input-limits), checked on the phone so a person
 * hears what to change next to the field. The server still checks everything; its
 * messages land next to the same fields (the keys are the API's input field names).
 */
import {
  SIGNUP_CONTACT_MAX,
  SIGNUP_ESTIMATE_M2_MAX,
  SIGNUP_ESTIMATE_TILES_MAX,
  SIGNUP_HOUSE_NUMBER_MAX,
  SIGNUP_HOUSE_NUMBER_PATTERN,
  SIGNUP_NAME_MAX,
  SIGNUP_NEEDS_MAX,
  SIGNUP_ORGANISATION_MAX,
} from '@buurtkracht/protocol/input-limits';
// Relative, not $lib: tests/protocol loads these rules without the web app's aliases.
import { looksLikeContact } from '../contact';
import type { MessageKey } from '$lib/i18n/nl';

export type CampaignKind = 'SCHOUW' | 'TEGELWIPPEN' | 'OPRUIMEN';
export type WalkerKind = 'RESIDENT' | 'PROFESSIONAL';
/** How a tegelwipper gives the size of the garden's paving: in m² or as a number of tiles. */
export type EstimateUnit = 'M2' | 'TILES';

/** What a person filled in, as the form holds it (numbers still as typed). */
export interface SignupValues {
  dayIds: readonly string[];
  displayName: string;
  contactConsent: boolean;
  contact: string;
  walkerKind: WalkerKind | null;
  organisation: string;
  needs: string;
  streetId: string;
  houseNumber: string;
  estimateUnit: EstimateUnit;
  estimate: string;
}

/** The form's fields in the order they appear: the error summary lists problems in this order. */
export const SIGNUP_FIELDS = ['dayIds', 'walkerKind', 'organisation', 'needs', 'streetId', 'houseNumber', 'estimateM2', 'estimateTiles', 'tools', 'displayName', 'contact'] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];

export interface Problem {
  key: MessageKey;
  params?: Record<string, number>;
}
export type SignupProblems = Partial<Record<SignupField, Problem>>;

/**
 * Whether a sign-up names a garden (street, house number) and may borrow tools, ask for
 * help and for pickup: the action days of tegelwippen and a clean-up, not a schouw walk.
 */
export const signsUpGarden = (kind: CampaignKind): boolean => kind !== 'SCHOUW';

/** Only tegelwippen asks how much paving a garden has. */
export const asksEstimate = (kind: CampaignKind): boolean => kind === 'TEGELWIPPEN';

/** The estimate's API field for the unit chosen. */
export const estimateField = (unit: EstimateUnit): 'estimateM2' | 'estimateTiles' => (unit === 'M2' ? 'estimateM2' : 'estimateTiles');

/** A whole number typed in a text field ("12", " 12 "); null for anything else. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

function tooLong(text: string, max: number): Problem | undefined {
  return text.trim().length > max ? { key: 'signup.tooLong', params: { max } } : undefined;
}

export function signupProblems(kind: CampaignKind, values: SignupValues): SignupProblems {
  const problems: SignupProblems = {};
  if (values.dayIds.length === 0) problems.dayIds = { key: 'signup.daysMissing' };

  if (kind === 'SCHOUW') {
    if (!values.walkerKind) problems.walkerKind = { key: 'signup.walkerKindMissing' };
    if (values.walkerKind === 'PROFESSIONAL') {
      problems.organisation = !values.organisation.trim() ? { key: 'signup.organisationMissing' } : tooLong(values.organisation, SIGNUP_ORGANISATION_MAX);
    }
    problems.needs = tooLong(values.needs, SIGNUP_NEEDS_MAX);
  } else {
    if (!values.streetId) problems.streetId = { key: 'signup.streetMissing' };
    const house = values.houseNumber.trim();
    if (!house) problems.houseNumber = { key: 'signup.houseNumberMissing' };
    else if (!SIGNUP_HOUSE_NUMBER_PATTERN.test(house) || house.length > SIGNUP_HOUSE_NUMBER_MAX) problems.houseNumber = { key: 'signup.houseNumberInvalid' };
    if (asksEstimate(kind) && values.estimate.trim()) {
      const max = values.estimateUnit === 'M2' ? SIGNUP_ESTIMATE_M2_MAX : SIGNUP_ESTIMATE_TILES_MAX;
      const amount = wholeNumber(values.estimate);
      if (amount === null || amount < 1 || amount > max) {
        problems[estimateField(values.estimateUnit)] = { key: values.estimateUnit === 'M2' ? 'signup.estimateM2Invalid' : 'signup.estimateTilesInvalid', params: { max } };
      }
    }
  }

  if (!values.displayName.trim()) problems.displayName = { key: 'signup.nameMissing' };
  else problems.displayName = tooLong(values.displayName, SIGNUP_NAME_MAX);
  if (values.contactConsent) {
    const contact = values.contact.trim();
    if (!contact) problems.contact = { key: 'signup.contactMissing' };
    else if (contact.length > SIGNUP_CONTACT_MAX || !looksLikeContact(contact)) problems.contact = { key: 'signup.contactInvalid' };
  }
  // Only the fields with a problem: an empty result means the form may be sent.
  return Object.fromEntries(Object.entries(problems).filter(([, problem]) => problem)) as SignupProblems;
}
