/**
 * Turns a request's credentials into a Viewer: a participant's bearer token (devices in
 * the field) or a staff session cookie (the console). Neither means anonymous.
 * Worked out once per request: the rate limit (security.ts) asks first, the route after.
 */
import type { FastifyRequest } from 'fastify';
import type { AuthSettings } from '../auth/auth-settings.js';
import { anonymous, type Viewer } from '../auth/viewer.js';
import type { Db } from '../db/database.js';
import { SESSION_COOKIE, viewerForSession } from '../modules/account/session.service.js';
import { viewerForParticipantToken } from '../modules/participant/participant.service.js';

/** Secrets we issue are base64url of 16 or 32 bytes; anything else is not worth a lookup. */
const wellFormedSecret = /^[A-Za-z0-9_-]{16,64}$/;

const resolved = new WeakMap<FastifyRequest, Promise<Viewer>>();

export function resolveViewer(request: FastifyRequest, db: Db, auth: AuthSettings): Promise<Viewer> {
  let viewer = resolved.get(request);
  if (!viewer) resolved.set(request, (viewer = lookUpViewer(request, db, auth)));
  return viewer;
}

async function lookUpViewer(request: FastifyRequest, db: Db, auth: AuthSettings): Promise<Viewer> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const token = authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
    return wellFormedSecret.test(token) ? viewerForParticipantToken(db, token) : { kind: 'anonymous', credentialProblem: 'TOKEN_REVOKED' };
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId) {
    return wellFormedSecret.test(sessionId) ? viewerForSession(db, sessionId, auth) : { kind: 'anonymous', credentialProblem: 'SESSION_EXPIRED' };
  }
  return anonymous;
}
