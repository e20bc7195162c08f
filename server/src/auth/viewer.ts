/**
 * Who is making a request, and the access questions every module asks about them.
 * Built per request by http/viewer-resolver.ts from a session cookie or a bearer token.
 */
export type StaffRole = 'ADMIN' | 'COORDINATOR' | 'PARTNER';

export type Viewer =
  | {
      kind: 'anonymous';
      /** Credentials were sent but are no longer valid; protected fields answer UNAUTHENTICATED. */
      credentialProblem?: 'SESSION_EXPIRED' | 'TOKEN_REVOKED';
    }
  | {
      kind: 'staff';
      accountId: string;
      role: StaffRole;
      organisationId: string | null;
      /** Neighbourhoods a coordinator works in; empty for other roles. */
      neighbourhoodIds: readonly string[];
      sessionHash: string;
    }
  | { kind: 'participant'; participantId: string; campaignId: string };

export const anonymous: Viewer = { kind: 'anonymous' };

export const isStaff = (v: Viewer): v is Extract<Viewer, { kind: 'staff' }> => v.kind === 'staff';
export const isAdmin = (v: Viewer): boolean => v.kind === 'staff' && v.role === 'ADMIN';

/** Admins manage everything; coordinators only their own neighbourhoods. */
export function managesNeighbourhood(v: Viewer, neighbourhoodId: string): boolean {
  if (v.kind !== 'staff') return false;
  return v.role === 'ADMIN' || (v.role === 'COORDINATOR' && v.neighbourhoodIds.includes(neighbourhoodId));
}

export const isParticipantOf = (v: Viewer, campaignId: string): boolean =>
  v.kind === 'participant' && v.campaignId === campaignId;
