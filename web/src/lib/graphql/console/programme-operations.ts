/** The programme's results (/beheer/resultaten): the server computes every figure; the page only shows them. */
import { graphql, type ResultOf } from '../graphql.js';

export const PROGRAMME_RESULTS = graphql(`query ProgrammeResults($neighbourhoodId: ID!) { programmeResults(neighbourhoodId: $neighbourhoodId) {
  neighbourhood { id name }
  years {
    year
    campaigns { id name kind status personalDataErasedAt }
    activities { kind campaigns signups participants households householdsUnknown }
    tegelwippen { areaCm2 areaM2 nkTiles targetAreaM2 progressPercent gardensGreened }
    opruimen { units { unit quantity target progressPercent } }
    findings { count handled handledShare medianDaysToHandle }
    satisfaction { responses scaleAnswers satisfiedShare median satisfactionUnknown }
    themeScores { theme level observationCount }
  }
} }`);
export type ProgrammeResults = ResultOf<typeof PROGRAMME_RESULTS>['programmeResults'];
export type ProgrammeYear = ProgrammeResults['years'][number];
