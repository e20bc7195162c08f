/**
 * Operations of the device's follow-up key (what happened with the findings it recorded,
 * in every activity, also after a campaign's personal data was erased) and of moving to
 * a new phone. The key and the codes are secrets: they travel only in these requests.
 */

/** `current`: the key the membership is on now, to move it to `key` (a phone that received another phone's activities). */
export const CLAIM_FOLLOW_UP_KEY = `mutation ClaimFollowUpKey($key: String, $current: String) { claimFollowUpKey(followUpKey: $key, currentKey: $current) }`;

/** The activity was taken off this phone: its findings leave the phone's follow-up and transfers. */
export const UNLINK_FOLLOW_UP_KEY = `mutation UnlinkFollowUpKey { unlinkFollowUpKey }`;

/** Pages of at most 50: a finding's history and action items make a larger page too costly. */
export const FOLLOW_UP_PAGE_SIZE = 50;

export const FOLLOW_UP = `query FollowUp($key: String!, $after: String) {
  followUp(key: $key, first: ${FOLLOW_UP_PAGE_SIZE}, after: $after) {
    edges { node {
      id campaignId campaignName category rating answer text suggestion question spotName streetName
      createdAt receivedAt status statusHistory { toStatus publicMessage at } actionItems { id title status publicMessage }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface FollowedFinding {
  id: string;
  campaignId: string;
  campaignName: string;
  category: string;
  rating: string | null;
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  question: string | null;
  spotName: string | null;
  streetName: string | null;
  createdAt: string;
  receivedAt: string;
  status: string;
  statusHistory: { toStatus: string; publicMessage: string; at: string }[];
  actionItems: { id: string; title: string; status: string; publicMessage: string | null }[];
}

export interface FollowUpPage {
  followUp: { edges: { node: FollowedFinding }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export const START_DEVICE_TRANSFER = `mutation StartDeviceTransfer($input: StartDeviceTransferInput!) {
  startDeviceTransfer(input: $input) { code link expiresAt }
}`;

export interface DeviceTransferCode {
  code: string;
  link: string;
  expiresAt: string;
}

export const COMPLETE_DEVICE_TRANSFER = `mutation CompleteDeviceTransfer($code: String!) {
  completeDeviceTransfer(code: $code) { followUpKey memberships { token participant { id displayName pseudonym } campaign { id } } }
}`;

export interface TransferredMemberships {
  completeDeviceTransfer: {
    followUpKey: string;
    memberships: { token: string; participant: { id: string; displayName: string | null; pseudonym: string }; campaign: { id: string } }[];
  };
}
