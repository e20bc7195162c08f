/** A schouw's findings as the console lists, counts, maps and follows them up. */
import { graphql, type ResultOf, type VariablesOf } from '../graphql.js';
import { FULL_PAGE_INFO } from './paging';

/** What a row of a findings table shows: no history, no contact, conflicts only counted. */
const FINDING_ROW = graphql(`fragment FindingRow on Finding {
  id status category rating answer text suggestion checklistItemId photoIds
  spot { id name type lat lon } street { id name } routedTo { id name } serverTime conflicts { id }
}`);
export type FindingRow = ResultOf<typeof FINDING_ROW>;

/** One page of a schouw's findings, filtered on the server, with the filtered total. */
export const FINDINGS_PAGE = graphql(
  `query FindingsPage($id: ID!, $filter: FindingFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
    campaign(id: $id) { id findings(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { node { ...FindingRow } } pageInfo { ...FullPageInfo }
    } }
  }`,
  [FINDING_ROW, FULL_PAGE_INFO],
);

/** The console's filter as the API takes it; absent keys do not filter. */
export type FindingFilterInput = NonNullable<VariablesOf<typeof FINDINGS_PAGE>['filter']>;

/** How many findings there are in all, and per theme and rating for the filter: counted on the server. */
export const FINDING_COUNTS = graphql(`query FindingCounts($id: ID!, $filter: FindingFilterInput) {
  campaign(id: $id) { id all: findingCounts { total } filtered: findingCounts(filter: $filter) { total byThemeAndRating { theme rating count } } }
}`);
export type ThemeRatingCount = NonNullable<ResultOf<typeof FINDING_COUNTS>['campaign']>['filtered']['byThemeAndRating'][number];

/**
 * Where the filtered findings are, for the map, in one light answer (at most 2000
 * positions). A position's `number` is its place in the filtered list, newest first: the
 * table's "Nr.".
 */
export const FINDING_POSITIONS = graphql(`query FindingPositions($id: ID!, $filter: FindingFilterInput) {
  campaign(id: $id) { id findingPositions(filter: $filter) { total placed positions { id number lat lon rating status theme place } } }
}`);
export type FindingPositions = NonNullable<ResultOf<typeof FINDING_POSITIONS>['campaign']>['findingPositions'];
export type FindingPosition = FindingPositions['positions'][number];

/** The streets of a campaign's neighbourhood, for the street filter (a short list, read whole). */
export const CAMPAIGN_STREETS = graphql(`query CampaignStreets($id: ID!, $after: String) {
  campaign(id: $id) { id neighbourhood { id streets(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } } }
}`);

export const FINDING = graphql(
  `query Finding($id: ID!) { finding(id: $id) {
    ...FindingRow location { accuracyM lat lon } recorderName version nextStatuses
    conflicts { id field serverValue deviceValue createdAt } statusHistory { at fromStatus toStatus publicMessage }
    recorderAcceptsContact
  } }`,
  [FINDING_ROW],
);
export type Finding = NonNullable<ResultOf<typeof FINDING>['finding']>;

/** Asked only when the coordinator presses the button: every read is recorded in the audit log. */
export const RECORDER_CONTACT = graphql(`query RecorderContact($id: ID!) { finding(id: $id) { id recorderContact } }`);
/** Partners: one page of what was routed to them, with how many there are in all. */
export const ROUTED_FINDINGS_PAGE = graphql(
  `query RoutedFindings($first: Int, $after: String, $last: Int, $before: String) {
    routedFindings(first: $first, after: $after, last: $last, before: $before) { totalCount edges { node { ...FindingRow } } pageInfo { ...FullPageInfo } }
  }`,
  [FINDING_ROW, FULL_PAGE_INFO],
);
export const CHANGE_FINDING_STATUS = graphql(`mutation ChangeFindingStatus($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { id status } }`);
export const ROUTE_FINDING = graphql(`mutation RouteFinding($findingId: ID!, $organisationId: ID) {
  routeFinding(findingId: $findingId, organisationId: $organisationId) { id routedTo { id name } }
}`);
export const RESOLVE_CONFLICT = graphql(`mutation ResolveConflict($id: ID!, $useDeviceValue: Boolean!) { resolveFindingConflict(conflictId: $id, useDeviceValue: $useDeviceValue) { id } }`);
export const ORGANISATIONS = graphql(`query Organisations($after: String) { organisations(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`);

// The photos a coordinator marks for the public schouw results.
export const FINDING_PUBLIC_PHOTOS = graphql(`query FindingPublicPhotos($id: ID!) { finding(id: $id) { id publicPhotoIds } }`);
export const SET_FINDING_PHOTO_PUBLIC = graphql(`mutation SetFindingPhotoPublic($findingId: ID!, $photoId: ID!, $public: Boolean!) {
  setFindingPhotoPublic(findingId: $findingId, photoId: $photoId, public: $public) { id publicPhotoIds }
}`);
