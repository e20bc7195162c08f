/**
 * Joining an activity online, with an invite or with a sign-up's personal link: either
 * gives a device token and links the phone's follow-up key, then the campaign is kept on
 * the device for offline use. Loaded only when someone joins (field-app.svelte.ts imports
 * it on use).
 */
import { fetchCampaignSnapshot } from '../graphql/campaign-snapshot';
import { gql } from '../graphql/client';
import { JOIN_CAMPAIGN } from '../graphql/field-operations';
import type { ResultOf } from '../graphql/graphql';
import { JOIN_WITH_SIGNUP } from '../graphql/signup-operations';
import { saveJoined, type JoinedCampaign, type SignupPlace } from './field-store';
import { followUpKeys, keepFollowUpKey } from './follow-up';
import type { Db } from './idb';

export interface JoinForm {
  code: string;
  displayName: string;
  contact: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
}

/**
 * Joining with a sign-up's personal link: the sign-up already knows the name and contact,
 * and for tegelwippen the garden, which stays on the phone (never sent back) for the counter.
 */
export interface SignupJoin {
  token: string;
  showNameInRankings: boolean;
  place?: SignupPlace | null;
}

/** What both joins answer (the same JoinResult fields), stored the same way. */
type JoinAnswer = ResultOf<typeof JOIN_CAMPAIGN>['joinCampaign'];

/** Joins with the form's invite code and stores the activity as the one shown. */
export async function joinOnline(db: Db, form: JoinForm): Promise<JoinedCampaign> {
  const [followUpKey] = await followUpKeys(db);
  const { joinCampaign } = await gql(JOIN_CAMPAIGN, { input: { ...form, followUpKey: followUpKey ?? null } });
  return keepJoined(db, joinCampaign);
}

/** Joins with a sign-up's personal link and stores the activity exactly as an invite join does. */
export async function joinWithSignupOnline(db: Db, { place, ...join }: SignupJoin): Promise<JoinedCampaign> {
  const [followUpKey] = await followUpKeys(db);
  const { joinWithSignup } = await gql(JOIN_WITH_SIGNUP, { input: { ...join, followUpKey: followUpKey ?? null } });
  // Copied field by field: IndexedDB stores plain data only, not a page's reactive state.
  return keepJoined(db, joinWithSignup, place ? { streetId: place.streetId, houseNumber: place.houseNumber } : undefined);
}

async function keepJoined(db: Db, answer: JoinAnswer, signupPlace?: SignupPlace): Promise<JoinedCampaign> {
  await keepFollowUpKey(db, answer.followUpKey);
  const campaign = await fetchCampaignSnapshot(gql, answer.campaign.id, answer.token);
  const { participant: p } = answer;
  const participant = { id: p.id, displayName: p.displayName ?? p.pseudonym, pseudonym: p.pseudonym };
  const joined: JoinedCampaign = { token: answer.token, participant, campaign, joinedAt: new Date().toISOString(), followUpLinked: true, ...(signupPlace && { signupPlace }) };
  await saveJoined(db, joined);
  return joined;
}
