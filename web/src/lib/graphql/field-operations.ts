/** The GraphQL operations of the field app: joining, the campaign kept offline, public progress. */
import { graphql, type ResultOf } from './graphql.js';

export const INVITE_PREVIEW = graphql(`query InvitePreview($code: String!) { invitePreview(code: $code) { code campaignName campaignKind } }`);

export type InvitePreview = NonNullable<ResultOf<typeof INVITE_PREVIEW>['invitePreview']>;

export const JOIN_CAMPAIGN = graphql(`mutation Join($input: JoinCampaignInput!) {
  joinCampaign(input: $input) { token followUpKey participant { id displayName pseudonym } campaign { id } }
}`);

/**
 * Streets and spots per request of the campaign snapshot: the server's largest page
 * (MAX_PAGE_SIZE in server/src/graphql/limits.ts). A neighbourhood with more is fetched
 * page by page (lib/graphql/campaign-snapshot.ts).
 */
export const SNAPSHOT_PAGE_SIZE = 100;

const SNAPSHOT_STREETS = graphql(`fragment SnapshotStreets on StreetConnection {
  edges { node { id name } } pageInfo { hasNextPage endCursor }
}`);

// $id is the campaign's: a spot's previous rating is the one before this campaign.
const SNAPSHOT_SPOTS = graphql(`fragment SnapshotSpots on SpotConnection {
  edges { node { id name type street { id } previousRating(campaignId: $id) { rating photoId recordedAt campaignName } } }
  pageInfo { hasNextPage endCursor }
}`);

/**
 * Everything a campaign needs offline, fetched when joining and refreshed by sync, with
 * the first page of streets and spots; use fetchCampaignSnapshot for all of them.
 */
export const CAMPAIGN_SNAPSHOT = graphql(
  `query CampaignSnapshot($id: ID!, $first: Int!) {
    campaign(id: $id) {
      id name kind status targetAreaM2
      units { code areaCm2PerPiece measured target }
      days { id date label streets { id } }
      neighbourhood { name streets(first: $first) { ...SnapshotStreets } spots(first: $first) { ...SnapshotSpots } }
      checklist { id version sections { id theme title items { id prompt help type choices spotTypes signalAnswers } } }
      questionnaire { id name asksToLink questions { id prompt help type choices } }
      questionnaireOpensOn myQuestionnaireAnswered
    }
  }`,
  [SNAPSHOT_STREETS, SNAPSHOT_SPOTS],
);

/** The next page of the campaign's streets. */
export const CAMPAIGN_STREETS_PAGE = graphql(
  `query CampaignStreetsPage($id: ID!, $first: Int!, $after: String!) {
    campaign(id: $id) { neighbourhood { streets(first: $first, after: $after) { ...SnapshotStreets } } }
  }`,
  [SNAPSHOT_STREETS],
);

/** The next page of the campaign's spots. */
export const CAMPAIGN_SPOTS_PAGE = graphql(
  `query CampaignSpotsPage($id: ID!, $first: Int!, $after: String!) {
    campaign(id: $id) { neighbourhood { spots(first: $first, after: $after) { ...SnapshotSpots } } }
  }`,
  [SNAPSHOT_SPOTS],
);

/** One page of streets or spots as the server answers it. */
export type SnapshotStreetsPage = ResultOf<typeof SNAPSHOT_STREETS>;
export type SnapshotSpotsPage = ResultOf<typeof SNAPSHOT_SPOTS>;
type SnapshotAnswer = NonNullable<ResultOf<typeof CAMPAIGN_SNAPSHOT>['campaign']>;
type ChecklistAnswer = NonNullable<SnapshotAnswer['checklist']>;
type ChecklistItemAnswer = ChecklistAnswer['sections'][number]['items'][number];

export type ChecklistItemSnapshot = Omit<ChecklistItemAnswer, 'signalAnswers'> & {
  /**
   * Answers that ask whether someone should follow them up ('JA' to "Blijft hier water
   * staan?"). Absent in a snapshot kept by an app version from before it.
   */
  signalAnswers?: ChecklistItemAnswer['signalAnswers'];
};

/** The questionnaire a campaign asks after the activity, as the phone keeps it. */
export type QuestionnaireSnapshot = NonNullable<SnapshotAnswer['questionnaire']>;

/** What a counting activity counts (lib/counter/units.ts), as the phone keeps it. */
export type CampaignUnitSnapshot = SnapshotAnswer['units'][number];
/** An action day with its planned streets (absent in a snapshot kept before them). */
export type CampaignDaySnapshot = Omit<SnapshotAnswer['days'][number], 'streets'> & { streets?: SnapshotAnswer['days'][number]['streets'] };

/**
 * A campaign as the phone keeps it (IndexedDB): every street and spot, no paging details.
 * The questionnaire fields, the units and the days' planned streets are absent in a
 * snapshot kept by an app version from before them (such a snapshot is fetched again:
 * field-store.ts snapshotOutdated).
 */
export type CampaignSnapshot = Omit<SnapshotAnswer, 'neighbourhood' | 'checklist' | 'questionnaire' | 'questionnaireOpensOn' | 'myQuestionnaireAnswered' | 'units' | 'days'> & {
  units?: CampaignUnitSnapshot[];
  days: CampaignDaySnapshot[];
  questionnaire?: QuestionnaireSnapshot | null;
  questionnaireOpensOn?: string | null;
  myQuestionnaireAnswered?: boolean | null;
  neighbourhood: {
    name: string;
    streets: { edges: SnapshotStreetsPage['edges'] };
    spots: { edges: SnapshotSpotsPage['edges'] };
  };
  checklist: (Omit<ChecklistAnswer, 'sections'> & { sections: (Omit<ChecklistAnswer['sections'][number], 'items'> & { items: ChecklistItemSnapshot[] })[] }) | null;
};
