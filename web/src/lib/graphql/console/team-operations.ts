/** The staff accounts, their invites and who may do what (admins only). */
import { graphql, type ResultOf } from '../graphql.js';

export const STAFF_ACCOUNTS = graphql(`query StaffAccounts($after: String) {
  staffAccounts(first: 100, after: $after) { edges { node { id displayName email role organisation { id name } disabledAt createdAt } } pageInfo { hasNextPage endCursor } }
}`);
export type StaffAccount = ResultOf<typeof STAFF_ACCOUNTS>['staffAccounts']['edges'][number]['node'];

export const STAFF_INVITES = graphql(`query StaffInvites($after: String) {
  staffInvites(first: 100, after: $after) { edges { node { id email role expiresAt usedAt createdAt } } pageInfo { hasNextPage endCursor } }
}`);
export type StaffInvite = ResultOf<typeof STAFF_INVITES>['staffInvites']['edges'][number]['node'];

export const INVITE_STAFF = graphql(`mutation InviteStaff($input: InviteStaffInput!) { inviteStaff(input: $input) { link invite { id email } } }`);
export const DISABLE_STAFF_ACCOUNT = graphql(`mutation DisableStaffAccount($id: ID!) { disableStaffAccount(accountId: $id) { id disabledAt } }`);
