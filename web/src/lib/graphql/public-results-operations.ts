/**
 * The public results of a schouw (/uitslag/{id}) and the shape of its answer. Asked
 * without a token: the page is for anyone.
 */
import { graphql, type ResultOf } from './graphql.js';

const PUBLIC_SCORE = graphql(`fragment PublicScoreFields on PublicScore { level observationCount previousLevel change distribution { rating count } }`);

export const PUBLIC_RESULTS = graphql(
  `query PublicSchouwResults($id: ID!) {
    publicSchouwResults(campaignId: $id) {
      campaignName campaignStatus previousSchouwName days { date }
      overall { ...PublicScoreFields }
      themes { theme score { ...PublicScoreFields } }
      streets { streetName score { ...PublicScoreFields } }
      findings { total handled byStatus { status count } }
      actionItems { id title status publicMessage organisationName dueDate }
      photos { id theme streetName findingStatus }
    }
  }`,
  [PUBLIC_SCORE],
);

/** `overall` is null while the schouw still runs. */
export type PublicResults = NonNullable<ResultOf<typeof PUBLIC_RESULTS>['publicSchouwResults']>;
export type PublicScore = ResultOf<typeof PUBLIC_SCORE>;
