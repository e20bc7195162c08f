/**
 * The per-request GraphQL context: who is asking (the viewer), the database, and a logger
 * bound to the request id. Built once per HTTP request in http/graphql-route.ts.
 */
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';

/** Who is making the request. Access rules read this and nothing else. */
export type Viewer = { kind: 'anonymous' };

export interface Context {
  requestId: string;
  viewer: Viewer;
  db: Db;
  logger: Logger;
}
