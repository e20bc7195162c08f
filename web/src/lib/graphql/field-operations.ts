/** The GraphQL operations of the field app. */

export const INVITE_PREVIEW = `query InvitePreview($code: String!) { invitePreview(code: $code) { code campaignName campaignKind } }`;

export const JOIN_CAMPAIGN = `mutation Join($input: JoinCampaignInput!) {
  joinCampaign(input: $input) { token followUpKey participant { id displayName pseudonym } campaign { id } }
}`;

/**
 * Streets and spots per request of the campaign snapshot: the server's largest page
 * (MAX_PAGE_SIZE in server/src/graphql/limits.ts). A neighbourhood with more is fetched
 * page by page (lib/graphql/campaign-snapshot.ts).
 */
export const SNAPSHOT_PAGE_SIZE = 100;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const STREET_FIELDS = 'id name';
const SPOT_FIELDS = 'id name type street { id } previousRating(campaignId: $id) { rating photoId recordedAt campaignName }';

/**
 * Everything a campaign needs offline, fetched when joining and refreshed by sync, with
 * the first page of streets and spots; use fetchCampaignSnapshot for all of them.
 */
export const CAMPAIGN_SNAPSHOT = `query CampaignSnapshot($id: ID!) {
  campaign(id: $id) {
    id name kind status targetAreaM2
    days { id date label }
    neighbourhood {
      name
      streets(first: ${SNAPSHOT_PAGE_SIZE}) { edges { node { ${STREET_FIELDS} } } ${PAGE_INFO} }
      spots(first: ${SNAPSHOT_PAGE_SIZE}) { edges { node { ${SPOT_FIELDS} } } ${PAGE_INFO} }
    }
    checklist { id version sections { id theme title items { id prompt help type choices spotTypes signalAnswers } } }
  }
}`;

/** The next page of the campaign's streets. */
export const CAMPAIGN_STREETS_PAGE = `query CampaignStreetsPage($id: ID!, $after: String!) {
  campaign(id: $id) { neighbourhood { streets(first: ${SNAPSHOT_PAGE_SIZE}, after: $after) { edges { node { ${STREET_FIELDS} } } ${PAGE_INFO} } } }
}`;

/** The next page of the campaign's spots. */
export const CAMPAIGN_SPOTS_PAGE = `query CampaignSpotsPage($id: ID!, $after: String!) {
  campaign(id: $id) { neighbourhood { spots(first: ${SNAPSHOT_PAGE_SIZE}, after: $after) { edges { node { ${SPOT_FIELDS} } } ${PAGE_INFO} } } }
}`;

export interface ChecklistItemSnapshot {
  id: string;
  prompt: string;
  help: string | null;
  type: string;
  choices: string[];
  spotTypes: string[];
  /**
   * Answers that ask whether someone should follow them up ('JA' to "Blijft hier water
   * staan?"). Absent in a snapshot kept by an app version from before it.
   */
  signalAnswers?: string[];
}

export interface CampaignSnapshot {
  id: string;
  name: string;
  kind: 'SCHOUW' | 'TEGELWIPPEN';
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  targetAreaM2: number | null;
  days: { id: string; date: string; label: string | null }[];
  neighbourhood: {
    name: string;
    streets: { edges: { node: { id: string; name: string } }[] };
    spots: { edges: { node: { id: string; name: string; type: string; street: { id: string }; previousRating: { rating: string; photoId: string | null; recordedAt: string; campaignName: string } | null } }[] };
  };
  checklist: { id: string; version: number; sections: { id: string; theme: string; title: string; items: ChecklistItemSnapshot[] }[] } | null;
}

export const PUBLIC_PROGRESS = `query PublicProgress($id: ID!) {
  publicProgress(campaignId: $id) {
    campaignName targetAreaM2 progressPercent
    total { areaCm2 nkTiles }
    streets { streetId streetName total { areaCm2 } }
    days { day { id date label } total { areaCm2 } }
  }
}`;

export interface PublicProgress {
  campaignName: string;
  targetAreaM2: number;
  progressPercent: number;
  total: { areaCm2: number; nkTiles: number };
  streets: { streetId: string; streetName: string; total: { areaCm2: number } }[];
  days: { day: { id: string; date: string; label: string | null }; total: { areaCm2: number } }[];
}
