/**
 * The GraphQL operations of a resident's own controls (Mijn gegevens: what is stored,
 * changing consent, erasing it) and of the standings on the counter screen. Each is sent
 * with the token of the activity it is about.
 */
import { graphql, type ResultOf, type VariablesOf } from './graphql.js';

const ABOUT_ME = graphql(`fragment AboutMe on Participant { id displayName pseudonym contact contactConsentAt showNameInRankings joinedAt }`);

export const MY_DATA = graphql(
  `query MyData {
    myData { participant { ...AboutMe } campaign { id name kind status } }
  }`,
  [ABOUT_ME],
);

export type StoredAboutMe = NonNullable<ResultOf<typeof MY_DATA>['myData']>;

export const UPDATE_MY_CONSENT = graphql(
  `mutation UpdateMyConsent($input: UpdateMyConsentInput!) {
    updateMyConsent(input: $input) { ...AboutMe }
  }`,
  [ABOUT_ME],
);

export type ConsentChoice = VariablesOf<typeof UPDATE_MY_CONSENT>['input'];

export const DELETE_MY_DATA = graphql(`mutation DeleteMyData { deleteMyData }`);

/**
 * The standings of a counting activity: the console's dashboard, as a volunteer may see
 * it. The server places streets and people: tiles by area, other units by everything
 * counted (total.quantity, all units together, net).
 */
export const COUNTER_STANDINGS = graphql(`query CounterStandings($id: ID!, $top: Int) {
  tallyDashboard(campaignId: $id, top: $top) {
    streets { place streetId streetName householdCount areaM2PerHousehold total { areaCm2 quantity } units { unit { code } quantity } }
    topParticipants { rank name isPseudonym participantId total { areaCm2 quantity } }
  }
}`);

/** How many participants the counter screen lists. */
export const STANDINGS_TOP = 5;

/**
 * participantId is set only on the line of the volunteer asking. Standings kept by an app
 * version from before units lack the streets' units and the totals' quantity.
 */
export type Standings = ResultOf<typeof COUNTER_STANDINGS>['tallyDashboard'];
