/**
 * A thin GraphQL client: POST /graphql with JSON, a device token when there is one, and
 * errors turned into one type that carries the server's Dutch message and code.
 */
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
  ) {
    super(message);
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError('Geen verbinding. Probeer het opnieuw als je internet hebt.', 'OFFLINE', 0);
  }
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string; fields?: FieldProblem[] } }[] } | null;
  const error = body?.errors?.[0];
  if (error || !body?.data) {
    const fields = Array.isArray(error?.extensions?.fields) ? error.extensions.fields : [];
    throw new GraphQLRequestError(error?.message ?? 'Er ging iets mis.', error?.extensions?.code ?? 'UNKNOWN', response.status, fields);
  }
  return body.data;
}
