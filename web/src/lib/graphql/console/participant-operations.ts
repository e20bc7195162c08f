/** A campaign's invites, participants and the devices that synced, as the console shows them. */
import { graphql, type ResultOf } from '../graphql.js';
import { FULL_PAGE_INFO } from './paging';

const INVITE_FIELDS = graphql(`fragment InviteFields on ParticipantInvite { id code link label expiresAt maxUses useCount usable revokedAt createdAt }`);
export type Invite = ResultOf<typeof INVITE_FIELDS>;

/** One page of a campaign's invites (oldest first) with how many there are in all. */
export const INVITES_PAGE = graphql(
  `query Invites($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    campaign(id: $id) { id invites(first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { node { ...InviteFields } } pageInfo { ...FullPageInfo }
    } }
  }`,
  [INVITE_FIELDS, FULL_PAGE_INFO],
);
/** One invite by id, for the poster page. */
export const INVITE = graphql(`query Invite($id: ID!) { participantInvite(id: $id) { campaignId ...InviteFields } }`, [INVITE_FIELDS]);
export const CREATE_INVITE = graphql(
  `mutation CreateInvite($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { ...InviteFields } }`,
  [INVITE_FIELDS],
);
export const REVOKE_INVITE = graphql(`mutation RevokeInvite($id: ID!) { revokeParticipantInvite(inviteId: $id) { id revokedAt usable } }`);

/** One page of a campaign's participants (in the order they joined) with how many there are in all. */
export const PARTICIPANTS_PAGE = graphql(
  `query Participants($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    campaign(id: $id) { id participants(first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { node { id displayName pseudonym joinedAt revokedAt erasedAt showNameInRankings contactConsentAt } } pageInfo { ...FullPageInfo }
    } }
  }`,
  [FULL_PAGE_INFO],
);
export type Participant = NonNullable<ResultOf<typeof PARTICIPANTS_PAGE>['campaign']>['participants']['edges'][number]['node'];

export const DEVICES = graphql(`query Devices($id: ID!) { campaign(id: $id) { id devices { deviceId participantId participant { displayName pseudonym } firstSeenAt lastSyncAt lastSeq } } }`);
export type SyncDevice = NonNullable<ResultOf<typeof DEVICES>['campaign']>['devices'][number];

export const REVOKE_PARTICIPANT = graphql(`mutation RevokeParticipant($id: ID!) { revokeParticipant(participantId: $id) { id revokedAt } }`);
