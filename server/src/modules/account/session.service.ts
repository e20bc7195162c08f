/**
 * Staff sessions: a 128-bit random id in an HttpOnly cookie, stored hashed, with an idle
 * and an absolute expiry. A new session id is issued at every sign-in (rotation).
 */
import type { AuthSettings } from '../../auth/auth-settings.js';
import { hashSecret, randomToken } from '../../auth/tokens.js';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import * as repo from './account.repo.js';

export const SESSION_COOKIE = 'bk_session';

/** Writing last_seen_at on every request would turn reads into writes; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export async function startSession(trx: DbOrTrx, accountId: string, settings: AuthSettings, now = new Date()): Promise<string> {
  const sessionId = randomToken(16);
  await repo.insertSession(trx, {
    id_hash: hashSecret(sessionId),
    account_id: accountId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + settings.sessionAbsoluteMs).toISOString(),
  });
  return sessionId;
}

export async function endSession(db: DbOrTrx, sessionHash: string): Promise<void> {
  await repo.deleteSession(db, sessionHash);
}

/** The staff viewer for a session cookie, or an anonymous viewer that says why not. */
export async function viewerForSession(db: DbOrTrx, sessionId: string, settings: AuthSettings, now = new Date()): Promise<Viewer> {
  const idHash = hashSecret(sessionId);
  const session = await repo.findSessionWithAccount(db, idHash);
  if (!session) return { kind: 'anonymous', credentialProblem: 'SESSION_EXPIRED' };
  const lastSeen = Date.parse(session.last_seen_at);
  const expired = now.getTime() >= Date.parse(session.expires_at) || now.getTime() - lastSeen >= settings.sessionIdleMs;
  if (expired || session.disabled_at) {
    await repo.deleteSession(db, idHash);
    return { kind: 'anonymous', credentialProblem: 'SESSION_EXPIRED' };
  }
  if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) await repo.touchSession(db, idHash, now.toISOString());
  return {
    kind: 'staff',
    accountId: session.account_id,
    role: session.role,
    organisationId: session.organisation_id,
    neighbourhoodIds: session.role === 'COORDINATOR' ? await repo.neighbourhoodIdsOf(db, session.account_id) : [],
    sessionHash: idHash,
  };
}
