/**
 * The closed list of error codes the API answers with, and helpers to raise them.
 * Every expected failure carries one of these codes and a Dutch message a person can
 * read; anything else is masked by http/graphql-errors.ts and logged with a request id.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** The input is malformed or breaks a rule; nothing was changed. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** No valid session or token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Missing or not visible to this caller: the two are deliberately indistinguishable. */
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with the current state (e.g. a transition that is not allowed). */
  CONFLICT: 'CONFLICT',
  /** Too many requests; retry later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The query is too deep, too wide or too costly. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** Something unexpected; details are in the server log under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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

export class UserFacingError extends GraphQLError {
  constructor(code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new UserFacingError(ErrorCode.BAD_USER_INPUT, message, details);

export const notFound = (what = 'Dit') => new UserFacingError(ErrorCode.NOT_FOUND, `${what} bestaat niet of je hebt er geen toegang toe.`);

/**
 * A field command resent with a record id that is someone else's (or another campaign's):
 * refused, and the same answer whatever that record is, so nothing of it is revealed.
 */
export const idAlreadyUsed = () => new UserFacingError(ErrorCode.CONFLICT, 'Dit id is al gebruikt voor iets anders.');

const unauthenticatedMessages = {
  NONE: 'Log in of meld je aan met een uitnodiging om dit te zien.',
  SESSION_EXPIRED: 'Je sessie is verlopen. Log opnieuw in.',
  TOKEN_REVOKED: 'De toegang van dit apparaat is ingetrokken of verlopen. Meld je opnieuw aan met een uitnodiging.',
} as const;

/** 401: no valid credentials. Says only what the caller sent, nothing about the data. */
export const unauthenticated = (problem: keyof typeof unauthenticatedMessages = 'NONE') =>
  new UserFacingError(ErrorCode.UNAUTHENTICATED, unauthenticatedMessages[problem], {
    reason: problem,
    http: { status: 401 },
  });

export const internalErrorMessage = 'Er ging iets mis op de server. Probeer het later opnieuw.';

/** One input field a validation error is about: its path from the argument or variable name, and what to do. */
export interface FieldProblem {
  path: string[];
  message: string;
}

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
export function plainVariableError(message: string, originalError?: unknown): { message: string; fields: FieldProblem[] } | null {
  const match = variablePrefix.exec(message);
  if (!match) return null;
  const [prefix, variable, at] = match;
  const detail = message.slice(prefix!.length).trim();
  const path = at ? pathOf(at) : [variable!];
  const missingField = /^Field "([^"]+)" of required type/.exec(detail);
  if (missingField) path.push(missingField[1]!);
  // A scalar of ours (DateTime) already refused the value with a Dutch message.
  const own = originalError instanceof UserFacingError ? originalError.message : null;
  const text = own ?? plainCoercionMessage(detail);
  return { message: text, fields: [{ path, message: text }] };
}
