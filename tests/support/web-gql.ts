/**
 * The web client's `gql` (web/src/lib/graphql/client.ts) against a test server: the
 * offline layer's functions take it as an argument, and outside a browser a relative
 * /graphql has no server to go to. Errors become the same GraphQLRequestError.
 */
import { GraphQLRequestError, type gql as gqlFunction } from '../../web/src/lib/graphql/client.js';

export function gqlAgainst(baseUrl: string): typeof gqlFunction {
  return (async (query: string, variables: Record<string, unknown> = {}, token?: string | null) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error || !body.data) throw new GraphQLRequestError(error?.message ?? '', error?.extensions?.code ?? 'UNKNOWN', response.status);
    return body.data;
  }) as typeof gqlFunction;
}
