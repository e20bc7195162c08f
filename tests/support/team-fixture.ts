/**
 * Walk dates with sign-ups and teams in the access fixture's schouw, for tests that need
 * teams without caring how people signed up: sign-ups are written straight into the
 * tables, teams are composed through the team service as a coordinator would.
 */
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { blankSignupRow, insertSignup } from '../../server/src/modules/signup/signup.repo.js';
import { composeDayTeams, type DayTeams } from '../../server/src/modules/team/team.service.js';
import type { AccessFixture } from './access-fixtures.js';

let datesHandedOut = 0;

/** A new walk date of the fixture's schouw, on a date no other test uses. */
export async function newSchouwDay(fx: AccessFixture): Promise<string> {
  const id = uuidv7();
  const date = new Date(Date.UTC(2029, 0, 1) + datesHandedOut++ * 86_400_000).toISOString().slice(0, 10);
  await fx.t.app.connection.db.insertInto('campaign_day').values({ id, campaign_id: fx.schouwA.id, date, label: null, capacity: null }).execute();
  return id;
}

/** A confirmed resident's sign-up for the date, joined with `participantId` when given. */
export async function confirmedSignup(fx: AccessFixture, dayId: string, name: string, participantId: string | null = null): Promise<string> {
  const now = new Date().toISOString();
  const db = fx.t.app.connection.db;
  const signup = blankSignupRow(now, { campaign_id: fx.schouwA.id, token_hash: randomBytes(32).toString('hex'), display_name: name, walker_kind: 'RESIDENT', participant_id: participantId });
  await insertSignup(db, signup);
  await db.insertInto('signup_day').values({ signup_id: signup.id, day_id: dayId, status: 'CONFIRMED', waiting_since: null, created_at: now }).execute();
  return signup.id;
}

/** A new date with `walkers` confirmed sign-ups, composed into teams of two. */
export async function composedDay(fx: AccessFixture, walkers = 4): Promise<{ dayId: string; teams: DayTeams['teams']; signupIds: string[] }> {
  const dayId = await newSchouwDay(fx);
  const signupIds: string[] = [];
  for (let i = 0; i < walkers; i++) signupIds.push(await confirmedSignup(fx, dayId, `Loper ${i + 1}`));
  const composed = await fx.t.app.connection.db.transaction().execute((trx) => composeDayTeams(trx, fx.asViewer('coordinator'), { dayId, teamSize: 2 }));
  return { dayId, teams: composed.teams, signupIds };
}

/** Puts the participant behind these credentials in a team when they walk the fixture's schouw; other callers are left alone. */
export async function putCallerInTeam(fx: AccessFixture, headers: Record<string, string>): Promise<void> {
  const token = headers.authorization?.replace(/^Bearer /, '');
  if (!token) return;
  const db = fx.t.app.connection.db;
  const participant = await db.selectFrom('participant').select(['id', 'campaign_id']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (participant?.campaign_id !== fx.schouwA.id) return;
  const dayId = await newSchouwDay(fx);
  await confirmedSignup(fx, dayId, 'Ik', participant.id);
  await confirmedSignup(fx, dayId, 'Teamgenoot');
  await db.transaction().execute((trx) => composeDayTeams(trx, fx.asViewer('coordinator'), { dayId, teamSize: 2 }));
}
