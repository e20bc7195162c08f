/** Assembles the GraphQL schema: importing a module's *.schema.ts registers its types. */
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import '../modules/neighbourhood/neighbourhood.schema.js';
import '../modules/account/account.schema.js';
import '../modules/campaign/campaign.schema.js';
import '../modules/campaign/campaign-copy.schema.js';
import '../modules/campaign/campaign-units.schema.js';
import '../modules/participant/participant.schema.js';
import '../modules/participant/follow-up.schema.js';
import '../modules/participant/device-transfer.schema.js';
import '../modules/participant/consent.schema.js';
import '../modules/signup/signup.schema.js';
import '../modules/signup/signup-planning.schema.js';
import '../modules/audit/audit.schema.js';
import '../modules/tally/tally.schema.js';
import '../modules/spot/spot.schema.js';
import '../modules/team/team.schema.js';
import '../modules/checklist/checklist.schema.js';
import '../modules/finding/finding.schema.js';
import '../modules/finding/finding-list.schema.js';
import '../modules/finding/finding-follow-up.schema.js';
import '../modules/finding/action-plan.schema.js';
import '../modules/observation/observation.schema.js';
import '../modules/observation/scores.schema.js';
import '../modules/observation/public-results.schema.js';
import '../modules/questionnaire/questionnaire.schema.js';
import '../modules/programme/programme.schema.js';
import '../modules/prize/prize.schema.js';
import '../modules/cleanup/hvc-pickup.schema.js';
import '../modules/sync/sync.schema.js';
import './server-info.schema.js';
import './viewer.schema.js';

export const schema: GraphQLSchema = builder.toSchema();

/** The schema as checked in at the top level as schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
