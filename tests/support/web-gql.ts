/**
 * The web client's `gql` (web/src/lib/graphql/client.ts) against a test server: the
 * offline layer's functions take it as an argument, and outside a browser a relative
 * /graphql has no server to go to. It sends what the app sends (the document's text) and
 * fails with the same GraphQLRequestError. `baseUrl` may be a function for a server that
 * starts after the client is made (in beforeAll).
 */
import { postDocument, type Gql } from '../../web/src/lib/graphql/client.js';
import type { ResultOf } from '../../web/src/lib/graphql/graphql.js';

export function gqlAgainst(baseUrl: string | (() => string)): Gql {
  return (document, ...[variables, token]) =>
    postDocument(`${typeof baseUrl === 'string' ? baseUrl : baseUrl()}/graphql`, document, variables, token) as Promise<ResultOf<typeof document>>;
}
