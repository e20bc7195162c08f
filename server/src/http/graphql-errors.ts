/**
 * What callers see of errors: expected ones (a code from graphql/errors.ts or a request
 * error from Apollo) go out as they are, without stack traces; everything else is
 * logged with the request id and replaced by one masked message that names that id.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Context } from '../graphql/context.js';
import { ErrorCode, internalErrorMessage, isExposedCode, plainVariableError } from '../graphql/errors.js';

function isExpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  return original instanceof GraphQLError && isExposedCode(original.extensions?.code);
}

/** Apollo's formatError: masks anything unexpected. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isExpected(error) || isExposedCode(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const variable = formatted.extensions?.code === ErrorCode.BAD_USER_INPUT ? plainVariableError(formatted.message, (unwrapResolverError(error) as GraphQLError).originalError) : null;
    if (variable) return { ...formatted, message: variable.message, extensions: { ...extensions, fields: variable.fields } };
    return { ...formatted, extensions };
  }
  return { message: internalErrorMessage, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** Logs unexpected errors with their stack, and adds the request id to masked errors. */
export const errorLoggingPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          if (isExpected(error) || isExposedCode(error.extensions?.code)) continue;
          contextValue.logger.error({ err: unwrapResolverError(error), path: error.path, operationName }, 'unexpected GraphQL error');
        }
      },
      async willSendResponse({ response, contextValue }) {
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
