/**
 * A schouw's scores (the Scores tab) and the dashboard of a tegelwip or clean-up action: the server
 * computes every level and total; the console only shows them.
 */
import { graphql, type ResultOf } from '../graphql.js';

const SCORE = graphql(`fragment ScoreFields on Score { level observationCount previousLevel change distribution { rating count } }`);

export const SCHOUW_SCORES = graphql(
  `query SchouwScores($id: ID!) { campaign(id: $id) { id scores {
    previousSchouw { id name }
    overall { ...ScoreFields }
    themes { theme score { ...ScoreFields } }
    streets { street { id name } score { ...ScoreFields } }
    spots { spot { id name lat lon street { id name } } score { ...ScoreFields } }
    cells { theme street { id } score { level observationCount previousLevel change } }
  } } }`,
  [SCORE],
);
export type SchouwScores = NonNullable<NonNullable<ResultOf<typeof SCHOUW_SCORES>['campaign']>['scores']>;
/** A score; the cells of the heat table come without their distribution. */
export type Score = Omit<ResultOf<typeof SCORE>, 'distribution'> & { distribution?: ResultOf<typeof SCORE>['distribution'] };

export const SPOT_OBSERVATIONS = graphql(`query SpotObservations($id: ID!, $spotId: ID!, $after: String) {
  campaign(id: $id) { id observations(spotId: $spotId, currentOnly: true, first: 100, after: $after) {
    edges { node { id checklistItemId theme rating answer note recorderName serverTime findingId } } pageInfo { hasNextPage endCursor }
  } }
}`);
export type SpotObservation = NonNullable<ResultOf<typeof SPOT_OBSERVATIONS>['campaign']>['observations']['edges'][number]['node'];
export const PROMOTE_OBSERVATION = graphql(`mutation PromoteObservation($input: PromoteObservationInput!) { promoteObservation(input: $input) { id } }`);

const TOTAL = graphql(`fragment AreaTotal on AreaTotal { areaCm2 areaM2 nkTiles entries quantity }`);
export type AreaTotal = ResultOf<typeof TOTAL>;
// Every unit the campaign counts, with its total: the dashboard is driven by these (with area or not: lib/counter/units.ts totalsInArea).
const UNIT_TALLY = graphql(`fragment ConsoleUnitTally on UnitTally { unit { code areaCm2PerPiece measured target } quantity areaCm2 entries progressPercent }`);

export const TALLY_DASHBOARD = graphql(
  `query TallyDashboard($id: ID!, $top: Int) { tallyDashboard(campaignId: $id, top: $top) {
    kind campaign { name } targetAreaM2 progressPercent total { ...AreaTotal } units { ...ConsoleUnitTally }
    gardensGreened byOrigin { garden { ...AreaTotal } publicSpace { ...AreaTotal } notSaid { ...AreaTotal } }
    streets { place streetId streetName householdCount areaM2PerHousehold total { ...AreaTotal } units { ...ConsoleUnitTally } }
    days { day { id date label } total { ...AreaTotal } units { ...ConsoleUnitTally } streets { streetId streetName planned counted quantity } }
    topParticipants { rank name isPseudonym participantId total { ...AreaTotal } }
  } }`,
  [TOTAL, UNIT_TALLY],
);
export type TallyDashboard = ResultOf<typeof TALLY_DASHBOARD>['tallyDashboard'];
