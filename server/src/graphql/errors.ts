/**
 * The GraphQL edge of domain errors (domain-error.ts): the one mapping of a DomainError to
 * the GraphQL error a caller gets, which codes are safe to show as they are, and the B1
 * rewrite of graphql-js's own complaints about variables. http/graphql-errors.ts applies
 * it to every answer; anything else is masked there and logged with a request id.
 */
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode, type FieldProblem } from '../domain-error.js';

/** Codes produced by Apollo Server / graphql-js itself for malformed requests. */
const apolloRequestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// Apollo also labels unknown failures INTERNAL_SERVER_ERROR; those are never shown as they are.
const ownCodes = new Set<string>(Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR));

/** True when an error with this code is safe to show to the caller as it is. */
export function isExposedCode(code: unknown): boolean {
  return typeof code === 'string' && (ownCodes.has(code) || apolloRequestErrorCodes.has(code));
}

/**
 * The HTTP status of an answer carrying this error, where it is not the usual 200: 401
 * tells a client to sign in (again); 429 to wait, with Retry-After when the wait is known.
 */
function httpOf(error: DomainError): { status: number; headers: Map<string, string> } | null {
  if (error.code === ErrorCode.UNAUTHENTICATED && error.details.reason) return { status: 401, headers: new Map() };
  if (error.code === ErrorCode.RATE_LIMITED) {
    const wait = error.details.retryAfterSeconds;
    return { status: 429, headers: new Map(wait != null ? [['retry-after', String(wait)]] : []) };
  }
  return null;
}

/**
 * A domain error as the GraphQL error its caller gets: code and details in extensions,
 * and in `extensions.http` the status Apollo answers with (Apollo removes it from what
 * is sent). Every domain error reaching a GraphQL caller passes through here.
 */
export function toGraphQLError(error: DomainError): GraphQLError {
  const http = httpOf(error);
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.details, ...(http ? { http } : {}) } });
}

/** The domain error behind a GraphQL error, however deep graphql-js and Apollo wrapped it (a scalar refusing a variable sits two or three levels down). */
export function domainErrorIn(error: unknown): DomainError | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as Partial<GraphQLError>).originalError;
  }
  return null;
}

export const internalErrorMessage = 'Er ging iets mis op de server. Probeer het later opnieuw.';

const variablePrefix = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" (?:got invalid value .*?(?: at "([^"]+)")?; |of required type "[^"]+" was not provided\.|of non-null type "[^"]+" must not be null\.)/s;

/** "input.days[0].date" → ["input", "days", "0", "date"], as the validation plugin writes paths. */
const pathOf = (printed: string): string[] => printed.split(/\.|\[(\d+)\]/).filter((part): part is string => !!part);

/** The B1 sentence for graphql-js's own complaint about one value, which a person must never see. */
function plainCoercionMessage(detail: string): string {
  if (/non 32-bit/.test(detail)) return 'Dit getal is te groot.';
  if (/^Int cannot represent/.test(detail)) return 'Vul een heel getal in, zonder komma.';
  if (/^Float cannot represent/.test(detail)) return 'Vul een getal in.';
  if (/does not exist in ".*" enum|^Enum ".*" cannot represent/.test(detail)) return 'Kies een van de mogelijkheden.';
  if (/was not provided|not to be null|must not be null/.test(detail) || detail === '') return 'Vul dit in.';
  return 'Dit klopt niet. Kijk wat je hebt ingevuld.';
}

/**
 * graphql-js refuses a variable that does not fit the schema (a number too large for Int,
 * text where a number belongs, a missing field) before any resolver or zod check runs, with
 * an English message. This rewrites such an error into the shape our own validation errors
 * have: a B1 message and the field it is about. Answers null for any other error.
 */
export function plainVariableError(message: string, ownMessage?: string): { message: string; fields: FieldProblem[] } | null {
  const match = variablePrefix.exec(message);
  if (!match) return null;
  const [prefix, variable, at] = match;
  const detail = message.slice(prefix!.length).trim();
  const path = at ? pathOf(at) : [variable!];
  const missingField = /^Field "([^"]+)" of required type/.exec(detail);
  if (missingField) path.push(missingField[1]!);
  // A scalar of ours (DateTime) already refused the value with a Dutch message.
  const text = ownMessage ?? plainCoercionMessage(detail);
  return { message: text, fields: [{ path, message: text }] };
}
