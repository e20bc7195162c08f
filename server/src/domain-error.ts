/**
 * Expected failures, as services, repos, auth and the sync worker raise them: a code from
 * one closed list, a Dutch (B1) message a person can read, and details a client may act on
 * (the fields of a validation error, why credentials were refused, when to try again).
 *
 * It knows nothing of GraphQL or HTTP, so that services do not either: graphql/errors.ts
 * turns a DomainError into a GraphQL error once, at the edge, and http/error-handler.ts
 * into the JSON answer of a plain HTTP route. It lives at the root of server/src, beside
 * config.ts and logger.ts, because modules, auth, graphql and http all use it and it
 * belongs to none of them. Its data is plain, so it crosses the sync worker's postMessage
 * as toJSON() and comes back whole through DomainError.fromJSON.
 */

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

/** An internal error is never raised on purpose: it is what the edge makes of everything else. */
export type DomainErrorCode = Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>;

/** One input field a validation error is about: its path from the argument or variable name, and what to do. */
export interface FieldProblem {
  path: string[];
  message: string;
}

/** What was wrong with the credentials a caller sent. */
export type CredentialProblem = 'NONE' | 'SESSION_EXPIRED' | 'TOKEN_REVOKED';

/** Shown to the caller beside the code; plain data only (it is copied between threads). */
export interface DomainErrorDetails {
  fields?: FieldProblem[];
  /**
   * Which case of the code this is. On UNAUTHENTICATED a CredentialProblem: the caller
   * must sign in (again), which the edge answers with HTTP 401; a login with a wrong
   * password has none, so a client does not take it for an expired session.
   */
  reason?: string;
  retryAfterSeconds?: number;
  [detail: string]: unknown;
}

export interface DomainErrorData {
  code: DomainErrorCode;
  message: string;
  details: DomainErrorDetails;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly code: DomainErrorCode;
  readonly details: DomainErrorDetails;

  constructor(code: DomainErrorCode, message: string, details: DomainErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toJSON(): DomainErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }

  static fromJSON(data: DomainErrorData): DomainError {
    return new DomainError(data.code, data.message, data.details);
  }
}

export const badInput = (message: string, details?: DomainErrorDetails) => new DomainError(ErrorCode.BAD_USER_INPUT, message, details);

export const notFound = (what = 'Dit') => new DomainError(ErrorCode.NOT_FOUND, `${what} bestaat niet of je hebt er geen toegang toe.`);

/**
 * A field command resent with a record id that is someone else's (or another campaign's):
 * refused, and the same answer whatever that record is, so nothing of it is revealed.
 */
export const idAlreadyUsed = () => new DomainError(ErrorCode.CONFLICT, 'Dit id is al gebruikt voor iets anders.');

const unauthenticatedMessages: Record<CredentialProblem, string> = {
  NONE: 'Log in of meld je aan met een uitnodiging om dit te zien.',
  SESSION_EXPIRED: 'Je sessie is verlopen. Log opnieuw in.',
  TOKEN_REVOKED: 'De toegang van dit apparaat is ingetrokken of verlopen. Meld je opnieuw aan met een uitnodiging.',
};

/** No valid credentials (HTTP 401 at the edge). Says only what the caller sent, nothing about the data. */
export const unauthenticated = (problem: CredentialProblem = 'NONE') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, unauthenticatedMessages[problem], { reason: problem });
