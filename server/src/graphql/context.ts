/**
 * The per-request GraphQL context: who is asking (the viewer), the database, a logger
 * bound to the request id, and the access settings. Built once per HTTP request in
 * http/graphql-route.ts.
 */
import type { AuthSettings } from '../auth/auth-settings.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { SyncRunner } from '../modules/sync/sync-runner.js';

export type { Viewer };

/** Sets or clears the staff session cookie on this request's response. */
export interface SessionCookie {
  set(sessionId: string): void;
  clear(): void;
}

export interface Context {
  requestId: string;
  viewer: Viewer;
  /** The connection for this operation: for a query, the read-only one (see db/connect.ts). */
  db: Db;
  /**
   * The write connection, also during a query: for the audit record a query must write
   * when it reads personal data (contact details).
   */
  writeDb: Db;
  logger: Logger;
  auth: AuthSettings;
  clientIp: string;
  sessionCookie: SessionCookie;
  /** Runs sync batches (in a worker thread when the database is a file). */
  syncRunner: SyncRunner;
  /** Deployment settings a client needs (served through serverInfo). */
  clientSettings: { mapTileUrl: string | null };
}
