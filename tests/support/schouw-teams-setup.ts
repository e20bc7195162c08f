/**
 * The shared setup of the schouw team tests (teams.test.ts for the coordinator's side,
 * my-team.test.ts for the walker's view): the access fixture on a database file with the
 * sync worker, as npm start runs, with three spots on each of four streets, and helpers
 * that write sign-ups straight into the tables: those tests are about teams, not about how
 * people sign up.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { joinCampaign } from '../../server/src/modules/participant/participant.service.js';
import { blankSignupRow, insertSignup } from '../../server/src/modules/signup/signup.repo.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { accessFixture, type AccessFixture } from './access-fixtures.js';

const MEMBER = 'signupId displayName walkerKind organisation';
const DAY_TEAMS = `day { id date } teamSize lockedAt repeatedPairs teams { id number members { ${MEMBER} } spots { id name street { id name } } } unassigned { ${MEMBER} } unassignedSpots { id }`;
export const READ = `query($dayId: ID!) { dayTeams(dayId: $dayId) { ${DAY_TEAMS} } }`;
export const COMPOSE = `mutation($dayId: ID!, $size: Int!) { composeTeams(dayId: $dayId, teamSize: $size) { ${DAY_TEAMS} } }`;
export const MOVE_MEMBER = `mutation($dayId: ID!, $signupId: ID!, $to: ID!) { moveTeamMember(dayId: $dayId, signupId: $signupId, toTeamId: $to) { ${DAY_TEAMS} } }`;
export const MOVE_SPOT = `mutation($dayId: ID!, $spotId: ID!, $to: ID!, $position: Int) { moveTeamSpot(dayId: $dayId, spotId: $spotId, toTeamId: $to, position: $position) { ${DAY_TEAMS} } }`;
export const LOCK = `mutation($dayId: ID!, $locked: Boolean!) { setTeamsLocked(dayId: $dayId, locked: $locked) { lockedAt teams { id } } }`;

export type Kind = 'RESIDENT' | 'PROFESSIONAL';
type Headers = Record<string, string>;

/** Registers the fixture for the calling test file (before and after all its tests) and answers its helpers. */
export function schouwTeamsSetup() {
  const setup = { fx: undefined as unknown as AccessFixture, spotIds: [] as string[], streetIds: [] as string[] };
  const db = () => setup.fx.t.app.connection.db;
  let dates = 0;

  /** A new walk date of the fixture's schouw (each test its own, so they do not meet). */
  async function newDay(campaign: Campaign = setup.fx.schouwA, date?: string): Promise<string> {
    const id = uuidv7();
    await db().insertInto('campaign_day').values({ id, campaign_id: campaign.id, date: date ?? `2027-05-${String(++dates).padStart(2, '0')}`, label: null, capacity: null }).execute();
    return id;
  }

  /** A sign-up for a date, as the public form would store it. */
  async function signUp(dayId: string, campaign: Campaign, name: string, kind: Kind, extra: { contact?: string; status?: 'CONFIRMED' | 'WAITING'; participantId?: string; cancelled?: boolean } = {}): Promise<string> {
    const now = new Date().toISOString();
    const signup = blankSignupRow(now, {
      campaign_id: campaign.id,
      token_hash: randomBytes(32).toString('hex'),
      display_name: name,
      contact: extra.contact ?? null,
      contact_consent_at: extra.contact ? now : null,
      walker_kind: kind,
      organisation: kind === 'PROFESSIONAL' ? 'Woonkracht10' : null,
      participant_id: extra.participantId ?? null,
      cancelled_at: extra.cancelled ? now : null,
    });
    await insertSignup(db(), signup);
    const status = extra.status ?? 'CONFIRMED';
    await db().insertInto('signup_day').values({ signup_id: signup.id, day_id: dayId, status, waiting_since: status === 'WAITING' ? now : null, created_at: now }).execute();
    return signup.id;
  }

  /** An earlier walk's team, written as the composer would have. */
  async function pastTeam(campaign: Campaign, dayId: string, number: number, signupIds: string[]): Promise<void> {
    const teamId = uuidv7();
    await db().insertInto('team').values({ id: teamId, campaign_id: campaign.id, day_id: dayId, number, created_at: new Date().toISOString() }).execute();
    await db().insertInto('team_member').values(signupIds.map((signup_id) => ({ team_id: teamId, signup_id }))).execute();
  }

  /** Joins this year's schouw with a phone that already holds a follow-up key; answers the participant's id. */
  async function joinWithPhone(followUpKey: string): Promise<string> {
    const invite = await createParticipantInvite(db(), setup.fx.asViewer('admin'), { campaignId: setup.fx.schouwA.id, requestId: 'test' });
    const joined = await joinCampaign(db(), setup.fx.auth, { code: invite.code, displayName: 'Loper', contact: null, contactConsent: false, showNameInRankings: false, followUpKey, clientIp: '192.0.2.20' });
    return joined.participant.id;
  }

  async function ok(who: 'coordinator' | 'admin' | Headers, query: string, variables: Record<string, unknown>) {
    const { body } = await setup.fx.query(who, query, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return Object.values(body.data)[0] as any;
  }
  const compose = (dayId: string, size: number) => ok('coordinator', COMPOSE, { dayId, size });
  const errorCode = async (query: string, variables: Record<string, unknown>, who: 'coordinator' | 'otherCoordinator' = 'coordinator') => (await setup.fx.query(who, query, variables)).body.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    setup.fx = await accessFixture(); // a database file with the sync worker, as npm start runs
    const admin = setup.fx.asViewer('admin');
    setup.streetIds = (await allStreets(db(), setup.fx.neighbourhoodA)).slice(0, 4).map((s) => s.id);
    // Three spots on each of four streets, plus the fixture's playground.
    for (const [s, streetId] of setup.streetIds.entries()) {
      for (let i = 0; i < 3; i++) await createSpot(db(), admin, setup.fx.neighbourhoodA, { streetId, type: 'PLANTSOEN', name: `Plantsoen ${s}-${i}`, lat: 51.85 + s * 0.002, lon: 4.65 + i * 0.0005 });
    }
    setup.spotIds = (await db().selectFrom('spot').select('id').where('neighbourhood_id', '=', setup.fx.neighbourhoodA).execute()).map((r) => r.id);
  });
  afterAll(() => setup.fx.t.close());

  return { setup, db, newDay, signUp, pastTeam, joinWithPhone, ok, compose, errorCode };
}
