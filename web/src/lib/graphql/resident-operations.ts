/**
 * The GraphQL operations of a resident's own controls (Mijn gegevens: what is stored,
 * changing consent, erasing it) and of the standings on the counter screen. Each is sent
 * with the token of the activity it is about. tests/web/graphql validates them against
 * schema.graphql.
 */

export const MY_DATA = `query MyData {
  myData {
    participant { id displayName pseudonym contact contactConsentAt showNameInRankings joinedAt }
    campaign { id name kind status }
  }
}`;

export interface StoredAboutMe {
  participant: { id: string; displayName: string | null; pseudonym: string; contact: string | null; contactConsentAt: string | null; showNameInRankings: boolean; joinedAt: string };
  campaign: { id: string; name: string; kind: 'SCHOUW' | 'TEGELWIPPEN'; status: 'DRAFT' | 'OPEN' | 'CLOSED' };
}

export const UPDATE_MY_CONSENT = `mutation UpdateMyConsent($input: UpdateMyConsentInput!) {
  updateMyConsent(input: $input) { id displayName pseudonym contact contactConsentAt showNameInRankings joinedAt }
}`;

export interface ConsentChoice {
  contact: string | null;
  contactConsent: boolean;
  showNameInRankings: boolean;
}

export const DELETE_MY_DATA = `mutation DeleteMyData { deleteMyData }`;

/** The standings of a tegelwip action: the console's dashboard, as a volunteer may see it. */
export const COUNTER_STANDINGS = `query CounterStandings($id: ID!, $top: Int) {
  tallyDashboard(campaignId: $id, top: $top) {
    streets { place streetId streetName householdCount areaM2PerHousehold total { areaCm2 } }
    topParticipants { rank name isPseudonym participantId total { areaCm2 } }
  }
}`;

/** How many participants the counter screen lists. */
export const STANDINGS_TOP = 5;

export interface Standings {
  streets: { place: number; streetId: string; streetName: string; householdCount: number | null; areaM2PerHousehold: number | null; total: { areaCm2: number } }[];
  /** participantId is set only on the line of the volunteer asking. */
  topParticipants: { rank: number; name: string; isPseudonym: boolean; participantId: string | null; total: { areaCm2: number } }[];
}
