/**
 * POST/GET /graphql: Apollo Server over the Pothos schema, one context per request, with
 * the request limits that protect it (tokens at parse; aliases, directives and depth in
 * validation; cost and breadth by the Pothos complexity plugin; page sizes per connection).
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Context, SessionCookie } from '../graphql/context.js';
import { requestLimits } from '../graphql/limits.js';
import { requestLimitRules } from '../graphql/validation-rules.js';
import { SESSION_COOKIE } from '../modules/account/session.service.js';
import type { AppMetrics } from '../modules/metrics/app-metrics.js';
import type { SyncRunner } from '../modules/sync/sync-runner.js';
import { errorLoggingPlugin, formatError } from './graphql-errors.js';
import { countingSyncRunner, graphqlMetricsPlugin } from './graphql-metrics.js';
import { graphqlRateLimit } from './security.js';
import { resolveViewer } from './viewer-resolver.js';

export interface GraphqlDeps {
  config: Config;
  db: Db;
  readDb: Db;
  schema: GraphQLSchema;
  auth: AuthSettings;
  syncRunner: SyncRunner;
  metrics: AppMetrics;
}

export async function registerGraphqlRoute(app: FastifyInstance, deps: GraphqlDeps): Promise<void> {
  const apollo = new ApolloServer<Context>({
    schema: deps.schema,
    // A production schema is not a public document; the checked-in schema.graphql is.
    introspection: deps.config.nodeEnv !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" hints that reveal field names to a prober.
    hideSchemaDetailsFromClientErrors: true,
    parseOptions: { maxTokens: requestLimits.maxTokens },
    validationRules: requestLimitRules,
    formatError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // Cache hints are for shared HTTP caches; API answers are per person and never
      // cached, and computing hints wraps every resolver (about 7% of throughput in npm run bench).
      ApolloServerPluginCacheControlDisabled(),
      errorLoggingPlugin,
      graphqlMetricsPlugin(deps.metrics),
      {
        // Queries read on their own connection, so they never wait for a write transaction.
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, contextValue }) {
              if (operation?.operation === 'query') contextValue.db = deps.readDb;
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const syncRunner = countingSyncRunner(deps.syncRunner, deps.metrics);

  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: deps.config.secureCookies,
    maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
  };

  app.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    config: { rateLimit: graphqlRateLimit(deps.config, (request) => resolveViewer(request, deps.db, deps.auth)) },
    handler: fastifyApolloHandler(apollo, {
      context: async (request, reply): Promise<Context> => {
        const viewer = await resolveViewer(request, deps.db, deps.auth);
        const sessionCookie: SessionCookie = {
          set: (sessionId) => void reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions),
          clear: () => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
        };
        if (viewer.kind === 'anonymous' && viewer.credentialProblem === 'SESSION_EXPIRED') sessionCookie.clear();
        return {
          requestId: request.id,
          viewer,
          db: deps.db,
          writeDb: deps.db,
          logger: request.log as Context['logger'],
          auth: deps.auth,
          clientIp: request.ip,
          sessionCookie,
          syncRunner,
          clientSettings: { mapTileUrl: deps.config.mapTileUrl },
        };
      },
    }),
  });
}
