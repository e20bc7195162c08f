/**
 * Teams for a schouw walk date (issue 16, point 3): the coordinator asks for a team size,
 * the composer (team-composer.ts) forms teams from the date's confirmed walkers while
 * rotating away from who walked together before, and team-routes.ts splits the
 * neighbourhood's spots over them. The coordinator may move people and spots and lock the
 * result. Data: team, team_member, team_spot and team_plan (team.table.ts). Each change runs
 * in one transaction opened here (or the caller's, when it already holds one).
 */
import { createHash } from 'node:crypto';
import { TEAM_SIZE_MAX, TEAM_SIZE_MIN } from '@buurtkracht/protocol/input-limits';
import { v7 as uuidv7 } from 'uuid';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { toCampaignDay, type CampaignDay } from '../campaign/campaign.service.js';
import { ERASED_NAME, type WalkerKind } from '../signup/signup.table.js';
import { toSpot, type Spot } from '../spot/spot.service.js';
import { composeTeams as compose, countRepeatedPairs, type ComposerWalker } from './team-composer.js';
import { personKeyOf } from './team-people.js';
import { splitSpots } from './team-routes.js';
import * as repo from './team.repo.js';

export interface TeamMember {
  signupId: string;
  displayName: string;
  walkerKind: WalkerKind | null;
  organisation: string | null;
}

export interface Team {
  id: string;
  number: number;
  members: TeamMember[];
  /** In route order. */
  spots: Spot[];
}

export interface DayTeams {
  day: CampaignDay;
  teamSize: number | null;
  lockedAt: string | null;
  teams: Team[];
  unassigned: TeamMember[];
  unassignedSpots: Spot[];
  repeatedPairs: number;
}

const toMember = (s: repo.TeamSignup): TeamMember => ({ signupId: s.id, displayName: s.displayName ?? ERASED_NAME, walkerKind: s.walkerKind, organisation: s.organisation });

const locked = () => new DomainError(ErrorCode.CONFLICT, 'De teams staan vast. Maak ze eerst los met Losmaken.');

/** The walk date if the viewer manages its neighbourhood; otherwise NOT_FOUND, whether it exists or not. */
async function managedDay(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<repo.DayOfCampaign> {
  const day = await repo.findDayOfCampaign(db, dayId);
  if (!day || !managesNeighbourhood(viewer, day.neighbourhoodId)) throw notFound('Deze loopdatum');
  return day;
}

/** A walk date whose teams may change now: of a schouw that is not closed, and not locked. */
async function changeableDay(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<repo.DayOfCampaign> {
  const day = await managedDay(db, viewer, dayId);
  if (day.kind !== 'SCHOUW') throw badInput('Teams zijn er alleen voor een schouw.');
  if (day.status === 'CLOSED') throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
  if ((await repo.findPlan(db, dayId))?.locked_at) throw locked();
  return day;
}

/** Earlier teams as lists of personKeys, and the date's walkers with theirs. */
async function walkersAndHistory(db: DbOrTrx, day: repo.DayOfCampaign, walkers: readonly repo.TeamSignup[]) {
  const earlier = await repo.earlierTeamMembers(db, day.neighbourhoodId, day.date);
  const pastTeams = new Map<string, string[]>();
  for (const member of earlier) pastTeams.set(member.teamId, [...(pastTeams.get(member.teamId) ?? []), personKeyOf(member)]);
  const composerWalkers: ComposerWalker[] = walkers.map((w) => ({ id: w.id, kind: w.walkerKind === 'PROFESSIONAL' ? 'PROFESSIONAL' : 'RESIDENT', personKey: personKeyOf(w) }));
  return { composerWalkers, pastTeams: [...pastTeams.values()] };
}

/** The same date gives the same teams when nothing changed: the seed comes from its id. */
const seedOf = (dayId: string) => createHash('sha256').update(dayId).digest().readUInt32BE(0);

export async function dayTeams(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<DayTeams | null> {
  const day = await repo.findDayOfCampaign(db, dayId);
  if (!day || !managesNeighbourhood(viewer, day.neighbourhoodId) || day.kind !== 'SCHOUW') return null;
  return readDayTeams(db, day);
}

async function readDayTeams(db: DbOrTrx, day: repo.DayOfCampaign): Promise<DayTeams> {
  const [plan, teams, confirmed, spotRows] = await Promise.all([
    repo.findPlan(db, day.dayId),
    repo.teamsOfDay(db, day.dayId),
    repo.confirmedWalkers(db, day.dayId),
    repo.neighbourhoodSpots(db, day.neighbourhoodId),
  ]);
  const teamIds = teams.map((t) => t.id);
  const [members, routes] = await Promise.all([repo.membersOfTeams(db, teamIds), repo.spotsOfTeams(db, teamIds)]);
  const spots = new Map(spotRows.map((row) => [row.id, toSpot(row)]));
  const inTeam = new Set(members.map((m) => m.id));
  const routed = new Set(routes.map((r) => r.spotId));
  const { composerWalkers, pastTeams } = await walkersAndHistory(db, day, [...members, ...confirmed.filter((w) => !inTeam.has(w.id))]);
  const memberIds = teams.map((t) => members.filter((m) => m.teamId === t.id).map((m) => m.id));
  return {
    day: toCampaignDay({ id: day.dayId, campaign_id: day.campaignId, date: day.date, label: day.label, capacity: day.capacity }),
    teamSize: plan?.team_size ?? null,
    lockedAt: plan?.locked_at ?? null,
    teams: teams.map((t) => ({
      id: t.id,
      number: t.number,
      members: members.filter((m) => m.teamId === t.id).map(toMember),
      spots: routes.filter((r) => r.teamId === t.id && spots.has(r.spotId)).map((r) => spots.get(r.spotId)!),
    })),
    unassigned: confirmed.filter((w) => !inTeam.has(w.id)).map(toMember),
    unassignedSpots: [...spots.values()].filter((s) => !routed.has(s.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id)),
    repeatedPairs: countRepeatedPairs(memberIds, composerWalkers, pastTeams),
  };
}

/**
 * Forms new teams for the date from its confirmed walkers and splits the spots over them,
 * replacing the teams it had. Refused while the teams are locked.
 */
export async function composeDayTeams(db: DbOrTrx, viewer: Viewer, input: { dayId: string; teamSize: number }, now = new Date()): Promise<DayTeams> {
  if (!Number.isInteger(input.teamSize) || input.teamSize < TEAM_SIZE_MIN || input.teamSize > TEAM_SIZE_MAX) throw badInput(`Kies een teamgrootte van ${TEAM_SIZE_MIN} tot ${TEAM_SIZE_MAX}.`);
  return inTransaction(db, async (trx) => {
    const day = await changeableDay(trx, viewer, input.dayId);
    const walkers = await repo.confirmedWalkers(trx, day.dayId);
    if (walkers.length === 0) throw new DomainError(ErrorCode.CONFLICT, 'Voor deze datum is nog niemand bevestigd aangemeld. Teams maken kan zodra er lopers zijn.');
    const { composerWalkers, pastTeams } = await walkersAndHistory(trx, day, walkers);
    const composed = compose({ walkers: composerWalkers, teamSize: input.teamSize, pastTeams, seed: seedOf(day.dayId) }).teams;
    const spots = await repo.neighbourhoodSpots(trx, day.neighbourhoodId);
    const routes = splitSpots(spots.map((s) => ({ id: s.id, streetId: s.street_id, streetName: s.street_name, lat: s.lat, lon: s.lon, name: s.name })), composed.length);
    await repo.deleteTeamsOfDay(trx, day.dayId);
    await repo.insertTeams(
      trx,
      composed.map((signupIds, i) => ({
        team: { id: uuidv7(), campaign_id: day.campaignId, day_id: day.dayId, number: i + 1, created_at: now.toISOString() },
        signupIds,
        spotIds: routes[i] ?? [],
      })),
    );
    await repo.savePlan(trx, { day_id: day.dayId, team_size: input.teamSize, locked_at: null, updated_at: now.toISOString() });
    return readDayTeams(trx, day);
  });
}

async function teamOfDay(db: DbOrTrx, dayId: string, teamId: string) {
  const team = (await repo.teamsOfDay(db, dayId)).find((t) => t.id === teamId);
  if (!team) throw notFound('Dit team');
  return team;
}

/** Moves a walker of the date (in a team, or not yet) into another team of the date. */
export async function moveTeamMember(db: DbOrTrx, viewer: Viewer, input: { dayId: string; signupId: string; toTeamId: string }): Promise<DayTeams> {
  return inTransaction(db, async (trx) => {
    const day = await changeableDay(trx, viewer, input.dayId);
    const team = await teamOfDay(trx, day.dayId, input.toTeamId);
    const teams = await repo.teamsOfDay(trx, day.dayId);
    const known = [...(await repo.confirmedWalkers(trx, day.dayId)), ...(await repo.membersOfTeams(trx, teams.map((t) => t.id)))];
    if (!known.some((s) => s.id === input.signupId)) throw notFound('Deze aanmelding');
    await repo.moveMember(trx, day.dayId, input.signupId, team.id);
    return readDayTeams(trx, day);
  });
}

/** Moves a spot of the neighbourhood to another team's route, at `position` (from 0) or at its end. */
export async function moveTeamSpot(db: DbOrTrx, viewer: Viewer, input: { dayId: string; spotId: string; toTeamId: string; position?: number | null }): Promise<DayTeams> {
  return inTransaction(db, async (trx) => {
    const day = await changeableDay(trx, viewer, input.dayId);
    const team = await teamOfDay(trx, day.dayId, input.toTeamId);
    if (!(await repo.neighbourhoodSpots(trx, day.neighbourhoodId)).some((s) => s.id === input.spotId)) throw notFound('Deze plek');
    const teams = await repo.teamsOfDay(trx, day.dayId);
    const routes = await repo.spotsOfTeams(trx, teams.map((t) => t.id));
    const from = routes.find((r) => r.spotId === input.spotId)?.teamId;
    const routeOf = (teamId: string) => routes.filter((r) => r.teamId === teamId && r.spotId !== input.spotId).map((r) => r.spotId);
    const target = routeOf(team.id);
    const at = input.position == null ? target.length : Math.max(0, Math.min(input.position, target.length));
    target.splice(at, 0, input.spotId);
    const changed = [{ teamId: team.id, spotIds: target }];
    if (from && from !== team.id) changed.push({ teamId: from, spotIds: routeOf(from) });
    await repo.replaceTeamSpots(trx, changed);
    return readDayTeams(trx, day);
  });
}

/** Locks the teams (no composing or moving until unlocked) or unlocks them. */
export async function setTeamsLocked(db: DbOrTrx, viewer: Viewer, input: { dayId: string; locked: boolean }, now = new Date()): Promise<DayTeams> {
  return inTransaction(db, async (trx) => {
    const day = await managedDay(trx, viewer, input.dayId);
    if (day.kind !== 'SCHOUW') throw badInput('Teams zijn er alleen voor een schouw.');
    const plan = await repo.findPlan(trx, day.dayId);
    if (!plan) throw new DomainError(ErrorCode.CONFLICT, 'Er zijn nog geen teams voor deze datum. Maak eerst teams.');
    const lockedAt = input.locked ? (plan.locked_at ?? now.toISOString()) : null;
    await repo.savePlan(trx, { ...plan, locked_at: lockedAt, updated_at: now.toISOString() });
    return readDayTeams(trx, day);
  });
}
