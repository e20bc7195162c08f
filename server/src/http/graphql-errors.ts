/**
 * What callers see of errors: a domain error a resolver threw goes out as
 * graphql/errors.ts maps it (code, details, and its HTTP status), a request error from
 * Apollo or a GraphQL error of our own goes out as it is, without stack traces;
 * everything else is logged with the request id and replaced by one masked message that
 * names that id.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '../domain-error.js';
import type { Context } from '../graphql/context.js';
import { domainErrorIn, internalErrorMessage, isExposedCode, plainVariableError, toGraphQLError } from '../graphql/errors.js';

/** A domain error a resolver threw, as the GraphQL error its caller gets; null for any other error. */
function fromResolver(error: unknown): GraphQLError | null {
  const original = unwrapResolverError(error);
  return original instanceof DomainError ? toGraphQLError(original) : null;
}

function isExpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  return original instanceof DomainError || (original instanceof GraphQLError && isExposedCode(original.extensions?.code));
}

/** Apollo's formatError: maps domain errors, masks anything unexpected. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const mapped = fromResolver(error);
  if (mapped) {
    // Apollo read the HTTP status before this runs; the plugin below applies it.
    const { http: _http, ...extensions } = mapped.extensions;
    return { ...formatted, message: mapped.message, extensions };
  }
  if (isExpected(error) || isExposedCode(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const variable = formatted.extensions?.code === ErrorCode.BAD_USER_INPUT ? plainVariableError(formatted.message, domainErrorIn(error)?.message) : null;
    if (variable) return { ...formatted, message: variable.message, extensions: { ...extensions, fields: variable.fields } };
    return { ...formatted, extensions };
  }
  return { message: internalErrorMessage, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Logs unexpected errors with their stack, adds the request id to masked errors, and
 * answers with the HTTP status of a domain error (401, 429): Apollo takes statuses from
 * the errors as resolvers threw them, and a resolver throws the domain error itself.
 */
export const errorLoggingPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          if (isExpected(error) || isExposedCode(error.extensions?.code)) continue;
          contextValue.logger.error({ err: unwrapResolverError(error), path: error.path, operationName }, 'unexpected GraphQL error');
        }
      },
      async willSendResponse({ response, contextValue, errors }) {
        for (const error of errors ?? []) {
          const http = fromResolver(error)?.extensions.http as { status: number; headers: Map<string, string> } | undefined;
          if (!http) continue;
          response.http.status = http.status;
          for (const [name, value] of http.headers) response.http.headers.set(name, value);
        }
        if (response.body.kind !== 'single') return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        }
      },
    };
  },
};
