/**
 * What the GraphQL edge counts (modules/metrics/app-metrics.ts holds the metrics): every
 * request by operation name and outcome with its latency, as an Apollo plugin; and every
 * sync batch, by wrapping the sync runner the `sync` resolver calls, so a batch is counted
 * with the answer that resolver returns. Outcomes are "ok" or an error code from the
 * closed list (graphql/errors.ts); anything else counts as INTERNAL_SERVER_ERROR, so no
 * label value comes from the caller but the operation name, which operation-names.ts caps
 * (only signed-in callers add names).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../graphql/context.js';
import { isExposedCode } from '../graphql/errors.js';
import type { AppMetrics } from '../modules/metrics/app-metrics.js';
import { INVALID_OPERATION } from '../modules/metrics/operation-names.js';
import type { SyncRunner } from '../modules/sync/sync-runner.js';

const outcomeOf = (code: unknown): string => (isExposedCode(code) ? String(code) : 'INTERNAL_SERVER_ERROR');

export function graphqlMetricsPlugin(metrics: AppMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      // Until the operation has parsed and validated, its name is only what the client sent.
      let operation = INVALID_OPERATION;
      return {
        async didResolveOperation({ operation: resolved, contextValue }) {
          operation = metrics.operationNames.labelOf(resolved?.name?.value, { signedIn: contextValue.viewer.kind !== 'anonymous' });
        },
        async willSendResponse({ response }) {
          const firstError = response.body.kind === 'single' ? response.body.singleResult.errors?.[0] : undefined;
          const outcome = firstError ? outcomeOf(firstError.extensions?.code) : 'ok';
          metrics.countGraphqlRequest(operation, outcome, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

/** The runner, counting each batch it answers (entries by status) or refuses (by code). */
export function countingSyncRunner(runner: SyncRunner, metrics: AppMetrics): SyncRunner {
  return {
    ready: runner.ready,
    async run(...args) {
      try {
        const result = await runner.run(...args);
        metrics.countSyncBatch('ok', result);
        return result;
      } catch (error) {
        // A refusal is a DomainError, which carries its code.
        metrics.countSyncBatch(outcomeOf((error as { code?: unknown } | null)?.code), null);
        throw error;
      }
    },
    ping: (timeoutMs) => runner.ping(timeoutMs),
    close: () => runner.close(),
  };
}
