/**
 * Operations of the device's follow-up key (what happened with the findings it recorded,
 * in every activity, also after a campaign's personal data was erased) and of moving to
 * a new phone. The key and the codes are secrets: they travel only in these requests.
 */
import { graphql, type ResultOf } from './graphql.js';

/** `current`: the key the membership is on now, to move it to `key` (a phone that received another phone's activities). */
export const CLAIM_FOLLOW_UP_KEY = graphql(`mutation ClaimFollowUpKey($key: String, $current: String) { claimFollowUpKey(followUpKey: $key, currentKey: $current) }`);

/** The activity was taken off this phone: its findings leave the phone's follow-up and transfers. */
export const UNLINK_FOLLOW_UP_KEY = graphql(`mutation UnlinkFollowUpKey { unlinkFollowUpKey }`);

/** Pages of at most 50: a finding's history and action items make a larger page too costly. */
export const FOLLOW_UP_PAGE_SIZE = 50;

export const FOLLOW_UP = graphql(`query FollowUp($key: String!, $first: Int!, $after: String) {
  followUp(key: $key, first: $first, after: $after) {
    edges { node {
      id campaignId campaignName category rating answer text suggestion question spotName streetName
      createdAt receivedAt status statusHistory { toStatus publicMessage at } actionItems { id title status publicMessage }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`);

export type FollowedFinding = ResultOf<typeof FOLLOW_UP>['followUp']['edges'][number]['node'];

export const START_DEVICE_TRANSFER = graphql(`mutation StartDeviceTransfer($input: StartDeviceTransferInput!) {
  startDeviceTransfer(input: $input) { code link expiresAt }
}`);

export type DeviceTransferCode = ResultOf<typeof START_DEVICE_TRANSFER>['startDeviceTransfer'];

export const COMPLETE_DEVICE_TRANSFER = graphql(`mutation CompleteDeviceTransfer($code: String!) {
  completeDeviceTransfer(code: $code) { followUpKey memberships { token participant { id displayName pseudonym } campaign { id } } }
}`);
