/**
 * Every SQL statement of the team module: the walk date and its campaign, the date's
 * confirmed walkers, earlier teams of the neighbourhood (the history the composer rotates
 * away from), the neighbourhood's spots, and the teams, members, spots and plan of a date.
 */
import type { DbOrTrx } from '../../db/database.js';
import type { CampaignKind } from '../campaign/campaign.table.js';
import type { WalkerKind } from '../signup/signup.table.js';
import type { SpotRow } from '../spot/spot.table.js';
import type { TeamPlanRow, TeamRow } from './team.table.js';

/** Rows per insert: keeps each statement short while a sync batch may wait (architecture.md). */
const BATCH = 400;

export interface DayOfCampaign {
  dayId: string;
  date: string;
  label: string | null;
  capacity: number | null;
  campaignId: string;
  neighbourhoodId: string;
  kind: CampaignKind;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
}

export async function findDayOfCampaign(db: DbOrTrx, dayId: string): Promise<DayOfCampaign | undefined> {
  return db
    .selectFrom('campaign_day as d')
    .innerJoin('campaign as c', 'c.id', 'd.campaign_id')
    .select(['d.id as dayId', 'd.date', 'd.label', 'd.capacity', 'c.id as campaignId', 'c.neighbourhood_id as neighbourhoodId', 'c.kind', 'c.status'])
    .where('d.id', '=', dayId)
    .executeTakeFirst();
}

/**
 * What the team module knows of a sign-up: who to show, and the follow-up key of the
 * device that joined with it, the one thing that says it is the same person as in an
 * earlier walk (team-people.ts). Never the contact: it was given for messages only.
 */
export interface TeamSignup {
  id: string;
  displayName: string | null;
  walkerKind: WalkerKind | null;
  organisation: string | null;
  participantId: string | null;
  followUpKeyId: string | null;
}

const signupColumns = ['s.id', 's.display_name as displayName', 's.walker_kind as walkerKind', 's.organisation', 's.participant_id as participantId', 'p.follow_up_key_id as followUpKeyId'] as const;

/** The date's confirmed schouw walkers (resident or professional), in the order they signed up. */
export async function confirmedWalkers(db: DbOrTrx, dayId: string): Promise<TeamSignup[]> {
  return db
    .selectFrom('signup_day as sd')
    .innerJoin('signup as s', 's.id', 'sd.signup_id')
    .leftJoin('participant as p', 'p.id', 's.participant_id')
    .select(signupColumns)
    .where('sd.day_id', '=', dayId)
    .where('sd.status', '=', 'CONFIRMED')
    .where('s.cancelled_at', 'is', null)
    .where('s.walker_kind', 'in', ['RESIDENT', 'PROFESSIONAL'])
    .orderBy('sd.created_at')
    .orderBy('s.id')
    .execute();
}

/**
 * Members of every team of the neighbourhood's schouw walks on dates before `beforeDate`
 * who were confirmed for that date: only they walked together (someone who took the date
 * off their sign-up, or stayed on the waiting list, did not).
 */
export async function earlierTeamMembers(db: DbOrTrx, neighbourhoodId: string, beforeDate: string): Promise<(TeamSignup & { teamId: string })[]> {
  return db
    .selectFrom('team as t')
    .innerJoin('campaign_day as d', 'd.id', 't.day_id')
    .innerJoin('campaign as c', 'c.id', 't.campaign_id')
    .innerJoin('team_member as m', 'm.team_id', 't.id')
    .innerJoin('signup as s', 's.id', 'm.signup_id')
    .innerJoin('signup_day as sd', (join) => join.onRef('sd.signup_id', '=', 's.id').onRef('sd.day_id', '=', 't.day_id'))
    .leftJoin('participant as p', 'p.id', 's.participant_id')
    .where('sd.status', '=', 'CONFIRMED')
    .select(['t.id as teamId', ...signupColumns])
    .where('s.cancelled_at', 'is', null)
    .where('c.neighbourhood_id', '=', neighbourhoodId)
    .where('c.kind', '=', 'SCHOUW')
    .where('d.date', '<', beforeDate)
    .orderBy('t.id')
    .orderBy('s.id')
    .execute();
}

/** The spots a schouw of the neighbourhood walks (as the field app lists them), with their street's name. */
export async function neighbourhoodSpots(db: DbOrTrx, neighbourhoodId: string): Promise<(SpotRow & { street_name: string })[]> {
  return db
    .selectFrom('spot')
    .innerJoin('street', 'street.id', 'spot.street_id')
    .selectAll('spot')
    .select('street.name as street_name')
    .where('spot.neighbourhood_id', '=', neighbourhoodId)
    .orderBy('spot.id')
    .execute();
}

export async function findPlan(db: DbOrTrx, dayId: string): Promise<TeamPlanRow | undefined> {
  return db.selectFrom('team_plan').selectAll().where('day_id', '=', dayId).executeTakeFirst();
}

export async function savePlan(db: DbOrTrx, plan: TeamPlanRow): Promise<void> {
  const existing = await findPlan(db, plan.day_id);
  if (existing) await db.updateTable('team_plan').set({ team_size: plan.team_size, locked_at: plan.locked_at, updated_at: plan.updated_at }).where('day_id', '=', plan.day_id).execute();
  else await db.insertInto('team_plan').values(plan).execute();
}

export async function teamsOfDay(db: DbOrTrx, dayId: string): Promise<TeamRow[]> {
  return db.selectFrom('team').selectAll().where('day_id', '=', dayId).orderBy('number').execute();
}

/**
 * The teams' members who still come: someone who cancelled, or took the date off their
 * sign-up after the teams were made, drops out of their team without a trace.
 */
export async function membersOfTeams(db: DbOrTrx, teamIds: readonly string[]): Promise<(TeamSignup & { teamId: string })[]> {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_member as m')
    .innerJoin('team as t', 't.id', 'm.team_id')
    .innerJoin('signup as s', 's.id', 'm.signup_id')
    .innerJoin('signup_day as sd', (join) => join.onRef('sd.signup_id', '=', 's.id').onRef('sd.day_id', '=', 't.day_id'))
    .leftJoin('participant as p', 'p.id', 's.participant_id')
    .select(['m.team_id as teamId', ...signupColumns])
    .where('m.team_id', 'in', teamIds)
    .where('sd.status', '=', 'CONFIRMED')
    .where('s.cancelled_at', 'is', null)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}

/** Each team's spots in route order. */
export async function spotsOfTeams(db: DbOrTrx, teamIds: readonly string[]): Promise<{ teamId: string; spotId: string; position: number }[]> {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_spot')
    .select(['team_id as teamId', 'spot_id as spotId', 'position'])
    .where('team_id', 'in', teamIds)
    .orderBy('team_id')
    .orderBy('position')
    .execute();
}

/** Removes a date's teams with their members and spots (a new composition replaces them). */
export async function deleteTeamsOfDay(db: DbOrTrx, dayId: string): Promise<void> {
  const ofDay = db.selectFrom('team').select('id').where('day_id', '=', dayId);
  await db.deleteFrom('team_member').where('team_id', 'in', ofDay).execute();
  await db.deleteFrom('team_spot').where('team_id', 'in', ofDay).execute();
  await db.deleteFrom('team').where('day_id', '=', dayId).execute();
}

/** Removes everything about a date's teams, the plan too: for a date that is taken out of its campaign. */
export async function deleteTeamsAndPlanOfDay(db: DbOrTrx, dayId: string): Promise<void> {
  await deleteTeamsOfDay(db, dayId);
  await db.deleteFrom('team_plan').where('day_id', '=', dayId).execute();
}

export interface NewTeam {
  team: TeamRow;
  signupIds: readonly string[];
  spotIds: readonly string[];
}

async function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function insertTeams(db: DbOrTrx, teams: readonly NewTeam[]): Promise<void> {
  await insertInBatches(teams.map((t) => t.team), (batch) => db.insertInto('team').values(batch).execute());
  const members = teams.flatMap((t) => t.signupIds.map((signup_id) => ({ team_id: t.team.id, signup_id })));
  await insertInBatches(members, (batch) => db.insertInto('team_member').values(batch).execute());
  await replaceTeamSpots(db, teams.map((t) => ({ teamId: t.team.id, spotIds: t.spotIds })));
}

/** Writes the teams' spot lists anew, positions from 0 in list order. */
export async function replaceTeamSpots(db: DbOrTrx, routes: readonly { teamId: string; spotIds: readonly string[] }[]): Promise<void> {
  const teamIds = routes.map((r) => r.teamId);
  if (teamIds.length > 0) await db.deleteFrom('team_spot').where('team_id', 'in', teamIds).execute();
  const rows = routes.flatMap((r) => r.spotIds.map((spot_id, position) => ({ team_id: r.teamId, spot_id, position })));
  await insertInBatches(rows, (batch) => db.insertInto('team_spot').values(batch).execute());
}

/** Puts a sign-up into one team of the date, out of any other team of that date. */
export async function moveMember(db: DbOrTrx, dayId: string, signupId: string, toTeamId: string): Promise<void> {
  await db
    .deleteFrom('team_member')
    .where('signup_id', '=', signupId)
    .where('team_id', 'in', db.selectFrom('team').select('id').where('day_id', '=', dayId))
    .execute();
  await db.insertInto('team_member').values({ team_id: toTeamId, signup_id: signupId }).execute();
}

/** The non-cancelled sign-ups a field-app participant joined with. */
export async function signupIdsOfParticipant(db: DbOrTrx, participantId: string, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('signup')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('campaign_id', '=', campaignId)
    .where('cancelled_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** The teams these sign-ups are in, with their date, where the sign-up is still confirmed for that date (as membersOfTeams). */
export async function teamsOfSignups(db: DbOrTrx, signupIds: readonly string[]): Promise<(TeamRow & { date: string })[]> {
  if (signupIds.length === 0) return [];
  return db
    .selectFrom('team_member as m')
    .innerJoin('team as t', 't.id', 'm.team_id')
    .innerJoin('campaign_day as d', 'd.id', 't.day_id')
    .innerJoin('signup_day as sd', (join) => join.onRef('sd.signup_id', '=', 'm.signup_id').onRef('sd.day_id', '=', 't.day_id'))
    .selectAll('t')
    .select('d.date')
    .where('m.signup_id', 'in', signupIds)
    .where('sd.status', '=', 'CONFIRMED')
    .orderBy('d.date')
    .execute();
}

/** Of these spots, those at which one of these participants recorded an observation in the campaign. */
export async function spotsObservedBy(db: DbOrTrx, campaignId: string, participantIds: readonly string[], spotIds: readonly string[]): Promise<Set<string>> {
  if (participantIds.length === 0 || spotIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('observation')
    .select('spot_id')
    .distinct()
    .where('campaign_id', '=', campaignId)
    .where('participant_id', 'in', participantIds)
    .where('spot_id', 'in', spotIds)
    .execute();
  return new Set(rows.map((r) => r.spot_id));
}
