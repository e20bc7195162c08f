/**
 * A thin GraphQL client: POST /graphql with JSON, a device token when there is one, and
 * errors turned into one type that carries the server's Dutch message and code.
 */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
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
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  const error = body?.errors?.[0];
  if (error || !body?.data) throw new GraphQLRequestError(error?.message ?? 'Er ging iets mis.', error?.extensions?.code ?? 'UNKNOWN', response.status);
  return body.data;
}
