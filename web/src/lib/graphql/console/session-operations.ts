/** Signing in and out, the signed-in staff member, and what the server says about itself. */
import { graphql, type ResultOf } from '../graphql.js';

export const VIEWER = graphql(`query ConsoleViewer { viewer { kind staffAccount { id displayName email role organisation { id name } } coordinatedNeighbourhoods { id name slug } } }`);
export type Viewer = ResultOf<typeof VIEWER>['viewer'];

export const NEIGHBOURHOODS = graphql(`query Neighbourhoods { neighbourhoods(first: 100) { edges { node { id name slug } } } }`);
export const LOGIN = graphql(`mutation Login($input: LoginInput!) { login(input: $input) { id } }`);
export const LOGOUT = graphql(`mutation Logout { logout }`);
export const ACCEPT_STAFF_INVITE = graphql(`mutation AcceptStaffInvite($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { id } }`);

export const SERVER_INFO = graphql(`query ServerInfo { serverInfo { mapTileUrl serverTime } }`);
