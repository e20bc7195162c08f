/** What the printed schouw report (verslag met bevindingen) reads besides the campaign and its plan. */
import { graphql, type ResultOf } from '../graphql.js';

const REPORT_SCORE = graphql(`fragment ReportScore on Score { level previousLevel change observationCount distribution { rating count } }`);

export const REPORT_SCORES = graphql(
  `query ReportScores($id: ID!) { campaign(id: $id) { id scores {
    previousSchouw { name } overall { ...ReportScore } themes { theme score { ...ReportScore } }
    streets { street { id name } score { ...ReportScore } } spots { spot { id name type street { name } } score { ...ReportScore } }
  } } }`,
  [REPORT_SCORE],
);
export type ReportScores = NonNullable<NonNullable<ResultOf<typeof REPORT_SCORES>['campaign']>['scores']>;
export type ReportScore = ResultOf<typeof REPORT_SCORE>;

// 50 per page keeps a page with photos and messages under the query cost limit.
export const REPORT_FINDINGS = graphql(`query ReportFindings($id: ID!, $after: String) {
  campaign(id: $id) { id findings(first: 50, after: $after) {
    totalCount
    edges { node {
      id status category rating answer text suggestion checklistItemId photoIds location { lat lon accuracyM }
      spot { id name type lat lon } street { id name } routedTo { id name } serverTime statusHistory { at toStatus publicMessage }
    } }
    pageInfo { hasNextPage endCursor }
  } }
}`);

/** A finding as the report prints it (no follow-up controls). */
export type ReportFinding = NonNullable<ResultOf<typeof REPORT_FINDINGS>['campaign']>['findings']['edges'][number]['node'];
