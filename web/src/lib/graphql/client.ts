/**
 * A thin GraphQL client: POST /graphql with JSON, a device token when there is one, and
 * errors turned into one type that carries the server's Dutch message and code. The
 * document (from graphql()) gives the types: variables are checked, the answer needs no cast.
 */
import { documentText, type ResultOf, type TadaDocumentNode, type VariablesOf } from './graphql.js';

/** One input field a validation error is about (the API's extensions.fields): its path and what to do. */
export interface FieldProblem {
  path: string[];
  message: string;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly fields: FieldProblem[] = [],
    /** RATE_LIMITED: how long the server asks to wait, when it says so. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export type AnyDocument = TadaDocumentNode<any, any>;

/** The variables (left out when the operation has none that are required) and the device's token. */
export type GqlArguments<Document extends AnyDocument> = {} extends VariablesOf<Document>
  ? [variables?: VariablesOf<Document>, token?: string | null]
  : [variables: VariablesOf<Document>, token?: string | null];

/** Sends one operation. The offline layer takes it as an argument, so tests can point it at a test server. */
export type Gql = <Document extends AnyDocument>(document: Document, ...rest: GqlArguments<Document>) => Promise<ResultOf<Document>>;

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; fields?: FieldProblem[]; retryAfterSeconds?: unknown } }[];
}

/** Posts a document to `url` and returns its data, or throws the first error as a GraphQLRequestError. */
export async function postDocument(url: string, document: AnyDocument, variables: object = {}, token?: string | null): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: documentText(document), variables }),
    });
  } catch {
    throw new GraphQLRequestError('Geen verbinding. Probeer het opnieuw als je internet hebt.', 'OFFLINE', 0);
  }
  const body = (await response.json().catch(() => null)) as Answer | null;
  const error = body?.errors?.[0];
  if (error || !body?.data) {
    const fields = Array.isArray(error?.extensions?.fields) ? error.extensions.fields : [];
    const wait = error?.extensions?.retryAfterSeconds;
    throw new GraphQLRequestError(error?.message ?? 'Er ging iets mis.', error?.extensions?.code ?? 'UNKNOWN', response.status, fields, typeof wait === 'number' ? wait : null);
  }
  return body.data;
}

// The server answers exactly the document's shape (it validates every operation), so the
// data is the document's result type.
export const gql: Gql = (document, ...[variables, token]) => postDocument('/graphql', document, variables, token) as Promise<ResultOf<typeof document>>;
