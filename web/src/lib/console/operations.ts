/**
 * The GraphQL operations of the coordinator console and the shapes they answer. The staff
 * session travels as an HttpOnly cookie, so these never carry a token.
 */

export type CampaignKind = 'SCHOUW' | 'TEGELWIPPEN';
export type CampaignStatus = 'DRAFT' | 'OPEN' | 'CLOSED';
export type FindingStatus = 'NIEUW' | 'IN_BEHANDELING' | 'INGEPLAND' | 'AFGEHANDELD' | 'NIET_OPPAKBAAR' | 'HEROPEND';
export type ActionItemStatus = 'OPEN' | 'BEZIG' | 'KLAAR';
export type StaffRole = 'ADMIN' | 'COORDINATOR' | 'PARTNER';

export interface Viewer {
  kind: 'ANONYMOUS' | 'PARTICIPANT' | 'STAFF';
  staffAccount: { id: string; displayName: string; email: string; role: StaffRole; organisation: { id: string; name: string } | null } | null;
  coordinatedNeighbourhoods: { id: string; name: string; slug: string }[];
}

export const VIEWER = `query ConsoleViewer { viewer { kind staffAccount { id displayName email role organisation { id name } } coordinatedNeighbourhoods { id name slug } } }`;
export const NEIGHBOURHOODS = `query Neighbourhoods { neighbourhoods(first: 100) { edges { node { id name slug } } } }`;
export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { id } }`;
export const LOGOUT = `mutation Logout { logout }`;
export const ACCEPT_STAFF_INVITE = `mutation AcceptStaffInvite($input: AcceptStaffInviteInput!) { acceptStaffInvite(input: $input) { id } }`;

export interface CampaignDay {
  id: string;
  date: string;
  label: string | null;
}

export interface CampaignSummary {
  id: string;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  targetAreaM2: number | null;
  publicProgress: boolean;
  days: CampaignDay[];
  neighbourhood: { id: string; name: string };
}

// Long lists are read a page at a time: these go with every paged query.
const PAGE_VARIABLES = `$first: Int, $after: String, $last: Int, $before: String`;
const PAGE_ARGUMENTS = `first: $first, after: $after, last: $last, before: $before`;
const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const CAMPAIGN_FIELDS = `id name kind status targetAreaM2 publicProgress days { id date label } neighbourhood { id name }`;

export const CAMPAIGNS = `query Campaigns($after: String) { campaigns(first: 100, after: $after) { edges { node { ${CAMPAIGN_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

export interface CampaignDetail extends CampaignSummary {
  checklist: ChecklistVersion | null;
}

export const CAMPAIGN = `query Campaign($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} checklist { id version sections { id title theme items { id prompt type choices spotTypes signalAnswers } } } } }`;
export const CREATE_CAMPAIGN = `mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
export const UPDATE_CAMPAIGN = `mutation UpdateCampaign($input: UpdateCampaignInput!) { updateCampaign(input: $input) { id } }`;
export const CHANGE_CAMPAIGN_STATUS = `mutation ChangeCampaignStatus($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { id status } }`;
export const REMOVE_CAMPAIGN_DAY = `mutation RemoveCampaignDay($id: ID!) { removeCampaignDay(dayId: $id) { id } }`;
export const ADD_CAMPAIGN_DAY = `mutation AddCampaignDay($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id } }`;

export interface ChecklistItem {
  id: string;
  prompt: string;
  type: 'RATING' | 'YES_NO' | 'CHOICE' | 'NUMBER' | 'TEXT';
  choices: string[];
  spotTypes: string[];
  /** Answers after which the walk asks whether someone should act (ratings C and D always do). */
  signalAnswers: string[];
  help?: string | null;
}

export interface ChecklistSection {
  id: string;
  title: string;
  theme: string;
  items: ChecklistItem[];
}

export interface ChecklistVersion {
  id: string;
  version: number;
  sections: ChecklistSection[];
}

export interface ChecklistTemplate {
  id: string;
  name: string;
  latestVersion: ChecklistVersion & { createdAt: string };
}

// One template per page: each carries its whole checklist, which the cost limit weighs heavily.
export const CHECKLIST_TEMPLATES = `query ChecklistTemplates($after: String) { checklistTemplates(first: 1, after: $after) { edges { node { id name latestVersion { id version createdAt sections { id title theme items { id prompt type choices spotTypes signalAnswers help } } } } } pageInfo { hasNextPage endCursor } } }`;
export const PUBLISH_CHECKLIST = `mutation PublishChecklist($input: PublishChecklistInput!) { publishChecklist(input: $input) { id version } }`;

export interface Invite {
  id: string;
  code: string;
  link: string;
  label: string | null;
  expiresAt: string | null;
  maxUses: number | null;
  useCount: number;
  usable: boolean;
  revokedAt: string | null;
  createdAt: string;
}

const INVITE_FIELDS = `id code link label expiresAt maxUses useCount usable revokedAt createdAt`;
/** One page of a campaign's invites (oldest first) with how many there are in all. */
export const INVITES_PAGE = `query Invites($id: ID!, ${PAGE_VARIABLES}) { campaign(id: $id) { id invites(${PAGE_ARGUMENTS}) { totalCount edges { node { ${INVITE_FIELDS} } } ${PAGE_INFO} } } }`;
/** One invite by id, for the poster page. */
export const INVITE = `query Invite($id: ID!) { participantInvite(id: $id) { campaignId ${INVITE_FIELDS} } }`;
export const CREATE_INVITE = `mutation CreateInvite($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { ${INVITE_FIELDS} } }`;
export const REVOKE_INVITE = `mutation RevokeInvite($id: ID!) { revokeParticipantInvite(inviteId: $id) { id revokedAt usable } }`;

export interface Participant {
  id: string;
  displayName: string | null;
  pseudonym: string;
  joinedAt: string;
  revokedAt: string | null;
  erasedAt: string | null;
  showNameInRankings: boolean;
  contactConsentAt: string | null;
}

export interface SyncDevice {
  deviceId: string;
  participantId: string | null;
  participant?: { displayName: string | null; pseudonym: string } | null;
  firstSeenAt: string;
  lastSyncAt: string;
  lastSeq: number;
}

/** One page of a campaign's participants (in the order they joined) with how many there are in all. */
export const PARTICIPANTS_PAGE = `query Participants($id: ID!, ${PAGE_VARIABLES}) { campaign(id: $id) { id participants(${PAGE_ARGUMENTS}) { totalCount edges { node { id displayName pseudonym joinedAt revokedAt erasedAt showNameInRankings contactConsentAt } } ${PAGE_INFO} } } }`;
export const DEVICES = `query Devices($id: ID!) { campaign(id: $id) { id devices { deviceId participantId participant { displayName pseudonym } firstSeenAt lastSyncAt lastSeq } } }`;
export const REVOKE_PARTICIPANT = `mutation RevokeParticipant($id: ID!) { revokeParticipant(participantId: $id) { id revokedAt } }`;

export interface AreaTotal {
  areaCm2: number;
  areaM2: number;
  nkTiles: number;
  entries: number;
}

export interface TallyDashboard {
  campaign: { name: string };
  total: AreaTotal;
  targetAreaM2: number;
  progressPercent: number;
  streets: { streetId: string; streetName: string; householdCount: number | null; areaM2PerHousehold: number | null; total: AreaTotal }[];
  days: { day: CampaignDay; total: AreaTotal }[];
  topParticipants: { rank: number; name: string; isPseudonym: boolean; total: AreaTotal }[];
}

const TOTAL = `total { areaCm2 areaM2 nkTiles entries }`;
export const TALLY_DASHBOARD = `query TallyDashboard($id: ID!, $top: Int) { tallyDashboard(campaignId: $id, top: $top) { campaign { name } targetAreaM2 progressPercent ${TOTAL} streets { streetId streetName householdCount areaM2PerHousehold ${TOTAL} } days { day { id date label } ${TOTAL} } topParticipants { rank name isPseudonym ${TOTAL} } } }`;

export interface Finding {
  id: string;
  status: FindingStatus;
  category: string;
  rating: string | null;
  answer: string | null;
  text: string | null;
  suggestion: string | null;
  checklistItemId: string | null;
  photoIds: string[];
  location: { lat: number; lon: number; accuracyM: number | null } | null;
  spot: { id: string; name: string; type: string; lat: number | null; lon: number | null } | null;
  street: { id: string; name: string } | null;
  routedTo: { id: string; name: string } | null;
  recorderName: string | null;
  /** Only asked for one finding at a time (FINDING), not in lists. */
  recorderAcceptsContact?: boolean | null;
  serverTime: string;
  version: number;
  nextStatuses: FindingStatus[];
  conflicts: { id: string; field: string; serverValue: string | null; deviceValue: string | null; createdAt: string }[];
  statusHistory: { at: string; fromStatus: FindingStatus | null; toStatus: FindingStatus; publicMessage: string }[];
}

const FINDING_FIELDS = `id status category rating answer text suggestion checklistItemId photoIds location { lat lon accuracyM }
  spot { id name type lat lon } street { id name } routedTo { id name } recorderName serverTime version
  nextStatuses conflicts { id field serverValue deviceValue createdAt } statusHistory { at fromStatus toStatus publicMessage }`;

/** What a row of a findings table shows: no history, no contact, conflicts only counted. */
export type FindingRow = Pick<Finding, 'id' | 'status' | 'category' | 'rating' | 'answer' | 'text' | 'suggestion' | 'checklistItemId' | 'photoIds' | 'spot' | 'street' | 'routedTo' | 'serverTime'> & {
  conflicts: { id: string }[];
};
const FINDING_ROW_FIELDS = `id status category rating answer text suggestion checklistItemId photoIds spot { id name type lat lon } street { id name } routedTo { id name } serverTime conflicts { id }`;

/** The console's filter as the API takes it (FindingFilterInput); absent keys do not filter. */
export interface FindingFilterInput {
  streetId?: string;
  spotType?: string;
  theme?: string;
  rating?: string;
  unrated?: boolean;
  status?: FindingStatus;
  routedTo?: string;
  notRouted?: boolean;
}

/** One page of a schouw's findings, filtered on the server, with the filtered total. */
export const FINDINGS_PAGE = `query FindingsPage($id: ID!, $filter: FindingFilterInput, ${PAGE_VARIABLES}) { campaign(id: $id) { id findings(filter: $filter, ${PAGE_ARGUMENTS}) { totalCount edges { node { ${FINDING_ROW_FIELDS} } } ${PAGE_INFO} } } }`;

export interface ThemeRatingCount {
  theme: string;
  rating: string | null;
  count: number;
}

/** How many findings there are in all, and per theme and rating for the filter: counted on the server. */
export const FINDING_COUNTS = `query FindingCounts($id: ID!, $filter: FindingFilterInput) { campaign(id: $id) { id all: findingCounts { total } filtered: findingCounts(filter: $filter) { total byThemeAndRating { theme rating count } } } }`;

export interface FindingPosition {
  id: string;
  /** Its place in the filtered list, newest first: the table's "Nr.". */
  number: number;
  lat: number;
  lon: number;
  rating: string | null;
  status: FindingStatus;
  theme: string;
  place: string | null;
}

export interface FindingPositions {
  total: number;
  placed: number;
  positions: FindingPosition[];
}

/** Where the filtered findings are, for the map, in one light answer (at most 2000 positions). */
export const FINDING_POSITIONS = `query FindingPositions($id: ID!, $filter: FindingFilterInput) { campaign(id: $id) { id findingPositions(filter: $filter) { total placed positions { id number lat lon rating status theme place } } } }`;

/** The streets of a campaign's neighbourhood, for the street filter (a short list, read whole). */
export const CAMPAIGN_STREETS = `query CampaignStreets($id: ID!, $after: String) { campaign(id: $id) { id neighbourhood { id streets(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } } } }`;

export const FINDING = `query Finding($id: ID!) { finding(id: $id) { ${FINDING_FIELDS} recorderAcceptsContact } }`;
/** Asked only when the coordinator presses the button: every read is recorded in the audit log. */
export const RECORDER_CONTACT = `query RecorderContact($id: ID!) { finding(id: $id) { id recorderContact } }`;
/** Partners: one page of what was routed to them, with how many there are in all. */
export const ROUTED_FINDINGS_PAGE = `query RoutedFindings(${PAGE_VARIABLES}) { routedFindings(${PAGE_ARGUMENTS}) { totalCount edges { node { ${FINDING_ROW_FIELDS} } } ${PAGE_INFO} } }`;
export const CHANGE_FINDING_STATUS = `mutation ChangeFindingStatus($input: ChangeFindingStatusInput!) { changeFindingStatus(input: $input) { id status } }`;
export const ROUTE_FINDING = `mutation RouteFinding($findingId: ID!, $organisationId: ID) { routeFinding(findingId: $findingId, organisationId: $organisationId) { id routedTo { id name } } }`;
export const RESOLVE_CONFLICT = `mutation ResolveConflict($id: ID!, $useDeviceValue: Boolean!) { resolveFindingConflict(conflictId: $id, useDeviceValue: $useDeviceValue) { id } }`;
export const ORGANISATIONS = `query Organisations($after: String) { organisations(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }`;

export interface ActionItem {
  id: string;
  title: string;
  owner: string;
  dueDate: string | null;
  status: ActionItemStatus;
  findingIds: string[];
  createdAt: string;
}

export const ACTION_PLAN = `query ActionPlan($id: ID!) { campaign(id: $id) { id actionPlan { id title owner dueDate status findingIds createdAt } } }`;
export const CREATE_ACTION_ITEM = `mutation CreateActionItem($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`;
export const CHANGE_ACTION_ITEM_STATUS = `mutation ChangeActionItemStatus($id: ID!, $status: ActionItemStatus!) { changeActionItemStatus(actionItemId: $id, status: $status) { id status } }`;

export interface Street {
  id: string;
  name: string;
  householdCount: number | null;
}

export interface Spot {
  id: string;
  name: string;
  type: string;
  description: string | null;
  lat: number | null;
  lon: number | null;
  street: { id: string; name: string };
}

export const STREETS = `query Streets($slug: String!, $after: String) { neighbourhood(slug: $slug) { id streets(first: 100, after: $after) { edges { node { id name householdCount } } pageInfo { hasNextPage endCursor } } } }`;
/** One page of a neighbourhood's spots (by name) with how many there are in all. */
export const SPOTS_PAGE = `query Spots($slug: String!, ${PAGE_VARIABLES}) { neighbourhood(slug: $slug) { id spots(${PAGE_ARGUMENTS}) { totalCount edges { node { id name type description lat lon street { id name } } } ${PAGE_INFO} } } }`;
export const ADD_STREET = `mutation AddStreet($input: AddStreetInput!) { addStreet(input: $input) { id } }`;
export const RENAME_STREET = `mutation RenameStreet($streetId: ID!, $name: String!) { renameStreet(streetId: $streetId, name: $name) { id name } }`;
export const SET_HOUSEHOLDS = `mutation SetHouseholds($streetId: ID!, $householdCount: Int) { setStreetHouseholds(streetId: $streetId, householdCount: $householdCount) { id householdCount } }`;
export const CREATE_SPOT = `mutation CreateSpot($input: CreateSpotInput!) { createSpot(input: $input) { id } }`;
export const UPDATE_SPOT = `mutation UpdateSpot($input: UpdateSpotInput!) { updateSpot(input: $input) { id } }`;

export interface StaffAccount {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  organisation: { id: string; name: string } | null;
  disabledAt: string | null;
  createdAt: string;
}

export interface StaffInvite {
  id: string;
  email: string;
  role: StaffRole;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

export const STAFF_ACCOUNTS = `query StaffAccounts($after: String) { staffAccounts(first: 100, after: $after) { edges { node { id displayName email role organisation { id name } disabledAt createdAt } } pageInfo { hasNextPage endCursor } } }`;
export const STAFF_INVITES = `query StaffInvites($after: String) { staffInvites(first: 100, after: $after) { edges { node { id email role expiresAt usedAt createdAt } } pageInfo { hasNextPage endCursor } } }`;
export const INVITE_STAFF = `mutation InviteStaff($input: InviteStaffInput!) { inviteStaff(input: $input) { link invite { id email } } }`;
export const DISABLE_STAFF_ACCOUNT = `mutation DisableStaffAccount($id: ID!) { disableStaffAccount(accountId: $id) { id disabledAt } }`;

export const SERVER_INFO = `query ServerInfo { serverInfo { mapTileUrl serverTime } }`;

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

/** A page of a long list, with how many items the whole list holds (see PagedList). */
export interface CountedConnection<T> {
  totalCount: number;
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** The nodes of a connection answer. */
export const nodes = <T>(connection: Connection<T>): T[] => connection.edges.map((edge) => edge.node);

// Schouw scores (the Scores tab): the server computes every level; the console only shows them.
export type ScoreLevel = 'A_PLUS' | 'A' | 'B' | 'C' | 'D';
export type ScoreChange = 'UP' | 'DOWN' | 'SAME';

export interface Score {
  level: ScoreLevel | null;
  observationCount: number;
  previousLevel: ScoreLevel | null;
  change: ScoreChange | null;
  distribution?: { rating: string; count: number }[];
}

export interface SchouwScores {
  previousSchouw: { id: string; name: string } | null;
  overall: Score;
  themes: { theme: string; score: Score }[];
  streets: { street: { id: string; name: string }; score: Score }[];
  spots: { spot: { id: string; name: string; lat: number | null; lon: number | null; street: { id: string; name: string } }; score: Score }[];
  cells: { theme: string; street: { id: string }; score: Score }[];
}

const SCORE_FIELDS = 'level observationCount previousLevel change distribution { rating count }';
export const SCHOUW_SCORES = `query SchouwScores($id: ID!) { campaign(id: $id) { id scores {
  previousSchouw { id name }
  overall { ${SCORE_FIELDS} }
  themes { theme score { ${SCORE_FIELDS} } }
  streets { street { id name } score { ${SCORE_FIELDS} } }
  spots { spot { id name lat lon street { id name } } score { ${SCORE_FIELDS} } }
  cells { theme street { id } score { level observationCount previousLevel change } }
} } }`;

export interface SpotObservation {
  id: string;
  checklistItemId: string;
  theme: string;
  rating: string | null;
  answer: string | null;
  note: string | null;
  recorderName: string | null;
  serverTime: string;
  findingId: string | null;
}

export const SPOT_OBSERVATIONS = `query SpotObservations($id: ID!, $spotId: ID!, $after: String) { campaign(id: $id) { id observations(spotId: $spotId, currentOnly: true, first: 100, after: $after) { edges { node { id checklistItemId theme rating answer note recorderName serverTime findingId } } pageInfo { hasNextPage endCursor } } } }`;
export const PROMOTE_OBSERVATION = `mutation PromoteObservation($input: PromoteObservationInput!) { promoteObservation(input: $input) { id } }`;

// The editable action plan (coordinators: everything; partners: status and message of their organisation's items).
export interface PlanItem {
  id: string;
  title: string;
  owner: string;
  ownerOrganisation: { id: string; name: string } | null;
  dueDate: string | null;
  status: ActionItemStatus;
  publicMessage: string | null;
  findingIds: string[];
  createdAt: string;
  updatedAt: string | null;
}

const PLAN_ITEM_FIELDS = 'id title owner ownerOrganisation { id name } dueDate status publicMessage findingIds createdAt updatedAt';
export const PLAN_ITEMS = `query PlanItems($id: ID!) { campaign(id: $id) { id actionPlan { ${PLAN_ITEM_FIELDS} } } }`;
export const UPDATE_ACTION_ITEM = `mutation UpdateActionItem($input: UpdateActionItemInput!) { updateActionItem(input: $input) { ${PLAN_ITEM_FIELDS} } }`;
export const DELETE_ACTION_ITEM = `mutation DeleteActionItem($id: ID!) { deleteActionItem(actionItemId: $id) }`;
export type PartnerPlanItem = Omit<PlanItem, 'owner' | 'ownerOrganisation'> & { campaign: { id: string; name: string } };
export const PARTNER_ACTION_ITEMS = `query PartnerActionItems($after: String) { partnerActionItems(first: 50, after: $after) { edges { node { id title dueDate status publicMessage findingIds createdAt updatedAt campaign { id name } } } pageInfo { hasNextPage endCursor } } }`;

// Public schouw results: the switch on the campaign page and the photos a coordinator marks for it.
export const CAMPAIGN_PUBLIC_RESULTS = `query CampaignPublicResults($id: ID!) { campaign(id: $id) { id publicResults } }`;
export const FINDING_PUBLIC_PHOTOS = `query FindingPublicPhotos($id: ID!) { finding(id: $id) { id publicPhotoIds } }`;
export const SET_FINDING_PHOTO_PUBLIC = `mutation SetFindingPhotoPublic($findingId: ID!, $photoId: ID!, $public: Boolean!) { setFindingPhotoPublic(findingId: $findingId, photoId: $photoId, public: $public) { id publicPhotoIds } }`;

/** A finding as the action plan names it: what, where and how far along. */
export interface FindingChoice {
  id: string;
  category: string;
  status: FindingStatus;
  text: string | null;
  spot: { name: string } | null;
  street: { name: string } | null;
}
export const FINDING_CHOICES = `query FindingChoices($id: ID!, $after: String) { campaign(id: $id) { id findings(first: 100, after: $after) { edges { node { id category status text spot { name } street { name } } } pageInfo { hasNextPage endCursor } } } }`;
