/**
 * A populated app for access tests: two neighbourhoods with a campaign each, an admin,
 * a coordinator per neighbourhood, a partner, and a participant per campaign, each with
 * the HTTP credentials they would send. Everything is made through the services.
 */
import { createStaffAccount, ensureOrganisation } from '../../server/src/modules/account/account.service.js';
import { startSession } from '../../server/src/modules/account/session.service.js';
import { changeCampaignStatus, createCampaign, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { createNeighbourhood, findNeighbourhoodBySlug } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { joinCampaign } from '../../server/src/modules/participant/participant.service.js';
import { daysOfCampaigns } from '../../server/src/modules/campaign/campaign.service.js';
import { publishChecklistVersion, type ChecklistVersion } from '../../server/src/modules/checklist/checklist.service.js';
import { recordFinding, routeFinding, type Finding } from '../../server/src/modules/finding/finding.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createSpot, type Spot } from '../../server/src/modules/spot/spot.service.js';
import { DEMO_CHECKLIST } from '../../server/src/seed/demo-checklist.js';
import { v7 as uuidv7 } from 'uuid';
import type { StaffRole, Viewer } from '../../server/src/auth/viewer.js';
import { graphql, startTestApp, type TestApp } from './test-app.js';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';

export const roles = ['anonymous', 'admin', 'coordinator', 'otherCoordinator', 'partner', 'participant', 'otherParticipant', 'schouwer'] as const;
export type Role = (typeof roles)[number];

export const PASSWORD = 'een lang genoeg wachtwoord';

export interface AccessFixture {
  t: TestApp;
  auth: ReturnType<typeof createAuthSettings>;
  neighbourhoodA: string;
  neighbourhoodB: string;
  campaignA: Campaign;
  campaignB: Campaign;
  /** An open schouw in neighbourhood A with the demo checklist, a playground and a finding routed to the partner. */
  schouwA: Campaign;
  checklist: ChecklistVersion;
  spotA: Spot;
  findingA: Finding;
  dayA: string;
  streetA: string;
  inviteCodeA: string;
  organisationId: string;
  passwordHash: string;
  headers: Record<Role, Record<string, string>>;
  ids: Record<'admin' | 'coordinator' | 'participant', string>;
  /** A new finding in schouwA, routed to the partner's organisation. */
  makeFinding(): Promise<Finding>;
  /** New credentials of a role, for operations that change or end the caller. */
  freshHeaders(role: Role): Promise<Record<string, string>>;
  /** Makes a staff account directly (no HTTP) and returns its id. */
  makeStaff(role: StaffRole, neighbourhoodIds?: string[]): Promise<{ id: string; email: string; headers: Record<string, string> }>;
  /** A participant that joined on a device of its own: its token and that device's follow-up key. */
  makeParticipant(campaign: Campaign): Promise<{ id: string; token: string; followUpKey: string; headers: Record<string, string> }>;
  asViewer(role: 'admin' | 'coordinator'): Viewer;
  query(role: Role | Record<string, string>, query: string, variables?: Record<string, unknown>): ReturnType<typeof graphql>;
}

let counter = 0;

export async function accessFixture(env: Record<string, string> = {}): Promise<AccessFixture> {
  const t = await startTestApp({ GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000', LOGIN_MAX_ATTEMPTS_PER_IP: '10000', ...env });
  const db = t.app.connection.db;
  const auth = createAuthSettings(t.config);
  const passwordHash = await auth.hasher.hash(PASSWORD);
  const neighbourhoodA = (await findNeighbourhoodBySlug(db, 'staatsliedenbuurt'))!.id;
  const neighbourhoodB = (
    await db.transaction().execute((trx) =>
      createNeighbourhood(trx, { slug: 'schildersbuurt', name: 'Schildersbuurt', municipality: 'Alblasserdam', streets: [{ name: 'Rembrandtstraat' }] }),
    )
  ).id;
  const organisationId = (await ensureOrganisation(db, 'Woonkracht10')).id;

  const makeStaff = async (role: StaffRole, neighbourhoodIds: string[] = []) => {
    const email = `${role.toLowerCase()}-${++counter}@test.example`;
    const account = await db.transaction().execute((trx) =>
      createStaffAccount(trx, { email, displayName: `${role} ${counter}`, role, passwordHash, organisationId, neighbourhoodIds }),
    );
    const sessionId = await startSession(db, account.id, auth);
    return { id: account.id, email, headers: { cookie: `bk_session=${sessionId}` } };
  };
  const admin = await makeStaff('ADMIN');
  const coordinator = await makeStaff('COORDINATOR', [neighbourhoodA]);
  const otherCoordinator = await makeStaff('COORDINATOR', [neighbourhoodB]);
  const partner = await makeStaff('PARTNER');
  const adminViewer: Viewer = { kind: 'staff', accountId: admin.id, role: 'ADMIN', organisationId: null, neighbourhoodIds: [], sessionHash: '' };
  const coordinatorViewer: Viewer = { kind: 'staff', accountId: coordinator.id, role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [neighbourhoodA], sessionHash: '' };

  const checklist = await publishChecklistVersion(db, adminViewer, DEMO_CHECKLIST);
  const openCampaign = async (neighbourhoodId: string, name: string, kind: 'TEGELWIPPEN' | 'SCHOUW' = 'TEGELWIPPEN') => {
    const draft = await createCampaign(db, adminViewer, {
      neighbourhoodId,
      kind,
      name,
      days: [{ date: '2027-04-01' }],
      publicProgress: kind === 'TEGELWIPPEN',
      checklistVersionId: kind === 'SCHOUW' ? checklist.id : null,
      requestId: 'fixture',
    });
    return changeCampaignStatus(db, adminViewer, { campaignId: draft.id, status: 'OPEN', requestId: 'fixture' });
  };
  const campaignA = await openCampaign(neighbourhoodA, 'Tegelwippen Staatsliedenbuurt');
  const campaignB = await openCampaign(neighbourhoodB, 'Tegelwippen Schildersbuurt');
  const schouwA = await openCampaign(neighbourhoodA, 'Schouw Staatsliedenbuurt', 'SCHOUW');
  const dayA = (await daysOfCampaigns(db, [campaignA.id]))[0]!.id;
  const streetA = (await allStreets(db, neighbourhoodA))[0]!.id;
  const spotA = await createSpot(db, adminViewer, neighbourhoodA, { streetId: streetA, type: 'SPEELPLEK', name: 'Speeltuin' });
  const makeFinding = async () => {
    const finding = await db.transaction().execute((trx) =>
      recordFinding(trx, adminViewer, { id: uuidv7(), campaignId: schouwA.id, category: 'HEEL', spotId: spotA.id, text: 'Losse stoeptegel bij de ingang', deviceTime: new Date().toISOString() }),
    );
    return routeFinding(db, adminViewer, { findingId: finding.id, organisationId, requestId: 'fixture' });
  };
  const findingA = await makeFinding();

  const makeParticipant = async (campaign: Campaign) => {
    const invite = await createParticipantInvite(db, adminViewer, { campaignId: campaign.id, requestId: 'fixture' });
    const joined = await joinCampaign(db, auth, {
      code: invite.code,
      displayName: `Deelnemer ${++counter}`,
      contact: `deelnemer${counter}@test.example`,
      contactConsent: true,
      showNameInRankings: false,
      clientIp: '192.0.2.1',
    });
    return { id: joined.participant.id, token: joined.token, followUpKey: joined.followUpKey, headers: { authorization: `Bearer ${joined.token}` } };
  };
  const participant = await makeParticipant(campaignA);
  const otherParticipant = await makeParticipant(campaignB);
  const schouwer = await makeParticipant(schouwA);
  const inviteA = await createParticipantInvite(db, adminViewer, { campaignId: campaignA.id, requestId: 'fixture' });

  const headers: Record<Role, Record<string, string>> = {
    anonymous: {},
    admin: admin.headers,
    coordinator: coordinator.headers,
    otherCoordinator: otherCoordinator.headers,
    partner: partner.headers,
    participant: participant.headers,
    otherParticipant: otherParticipant.headers,
    schouwer: schouwer.headers,
  };

  return {
    t,
    auth,
    neighbourhoodA,
    neighbourhoodB,
    campaignA,
    campaignB,
    schouwA,
    checklist,
    spotA,
    findingA,
    dayA,
    streetA,
    makeFinding,
    inviteCodeA: inviteA.code,
    organisationId,
    passwordHash,
    headers,
    ids: { admin: admin.id, coordinator: coordinator.id, participant: participant.id },
    makeStaff,
    makeParticipant,
    asViewer: (role) => (role === 'admin' ? adminViewer : coordinatorViewer),
    async freshHeaders(role) {
      switch (role) {
        case 'anonymous':
          return {};
        case 'admin':
          return (await makeStaff('ADMIN')).headers;
        case 'coordinator':
          return (await makeStaff('COORDINATOR', [neighbourhoodA])).headers;
        case 'otherCoordinator':
          return (await makeStaff('COORDINATOR', [neighbourhoodB])).headers;
        case 'partner':
          return (await makeStaff('PARTNER')).headers;
        case 'participant':
          return (await makeParticipant(campaignA)).headers;
        case 'otherParticipant':
          return (await makeParticipant(campaignB)).headers;
        case 'schouwer':
          return (await makeParticipant(schouwA)).headers;
      }
    },
    query: (role, query, variables) => graphql(t.url, query, variables, typeof role === 'string' ? headers[role] : role),
  };
}
