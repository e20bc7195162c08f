/** POST/GET /graphql: Apollo Server over the Pothos schema, one context per request. */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Context } from '../graphql/context.js';
import { errorLoggingPlugin, formatError } from './graphql-errors.js';

export async function registerGraphqlRoute(app: FastifyInstance, deps: { config: Config; db: Db; schema: GraphQLSchema }): Promise<void> {
  const apollo = new ApolloServer<Context>({
    schema: deps.schema,
    // A production schema is not a public document; the checked-in schema.graphql is.
    introspection: deps.config.nodeEnv !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" hints that reveal field names to a prober.
    hideSchemaDetailsFromClientErrors: true,
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are for shared HTTP caches; API answers are per person and never
      // cached, and computing hints wraps every resolver (about 7% of throughput in npm run bench).
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin,
    ],
  });
  await apollo.start();

  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request): Promise<Context> => ({
        requestId: request.id,
        viewer: { kind: 'anonymous' },
        db: deps.db,
        logger: request.log as Context['logger'],
      }),
    }),
  });
}
