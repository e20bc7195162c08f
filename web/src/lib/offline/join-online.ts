/**
 * Joining an activity with an invite, online: the invite gives a device token and links the
 * phone's follow-up key, then the campaign is kept on the device for offline use. Loaded
 * only when someone joins (field-app.svelte.ts imports it on use).
 */
import { fetchCampaignSnapshot } from '../graphql/campaign-snapshot';
import { gql } from '../graphql/client';
import { JOIN_CAMPAIGN } from '../graphql/field-operations';
import { saveJoined, type JoinedCampaign } from './field-store';
import { followUpKeys, keepFollowUpKey } from './follow-up';
import type { Db } from './idb';

export interface JoinForm {
  code: string;
  displayName: string;
  contact: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
}

/** Joins with the form's invite code and stores the activity as the one shown. */
export async function joinOnline(db: Db, form: JoinForm): Promise<JoinedCampaign> {
  const [followUpKey] = await followUpKeys(db);
  const { joinCampaign } = await gql(JOIN_CAMPAIGN, { input: { ...form, followUpKey: followUpKey ?? null } });
  await keepFollowUpKey(db, joinCampaign.followUpKey);
  const campaign = await fetchCampaignSnapshot(gql, joinCampaign.campaign.id, joinCampaign.token);
  const { participant: p } = joinCampaign;
  const participant = { id: p.id, displayName: p.displayName ?? p.pseudonym, pseudonym: p.pseudonym };
  const joined: JoinedCampaign = { token: joinCampaign.token, participant, campaign, joinedAt: new Date().toISOString(), followUpLinked: true };
  await saveJoined(db, joined);
  return joined;
}
