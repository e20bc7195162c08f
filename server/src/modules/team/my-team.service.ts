/**
 * The field view of a walker's team: the team of the sign-up they joined the field app
 * with, its other members' names (never contact details), its spots in route order, and
 * which of them the team walked (any member's device recorded an observation there in
 * this campaign), so that progress is the team's, not only this phone's.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { toCampaignDay, type CampaignDay } from '../campaign/campaign.service.js';
import { findDay } from '../campaign/campaign.repo.js';
import { todayInNetherlands } from '../campaign/local-date.js';
import { spotsByIds, type Spot } from '../spot/spot.service.js';
import * as repo from './team.repo.js';

export interface MyTeam {
  day: CampaignDay;
  number: number;
  mates: string[];
  spots: { spot: Spot; walked: boolean }[];
  walkedCount: number;
  spotCount: number;
}

/**
 * Which of a walker's teams to show when they signed up for several dates: today's
 * (Dutch date), else the next one, else the latest that passed.
 */
export function teamForToday<T extends { date: string }>(teams: readonly T[], today: string): T | undefined {
  const sorted = [...teams].sort((a, b) => a.date.localeCompare(b.date));
  return sorted.find((t) => t.date >= today) ?? sorted.at(-1);
}

export async function myTeam(db: DbOrTrx, viewer: Viewer, now = new Date()): Promise<MyTeam | null> {
  if (viewer.kind !== 'participant') return null;
  const signupIds = await repo.signupIdsOfParticipant(db, viewer.participantId, viewer.campaignId);
  const team = teamForToday(await repo.teamsOfSignups(db, signupIds), todayInNetherlands(now));
  if (!team) return null;
  const [members, route, day] = await Promise.all([repo.membersOfTeams(db, [team.id]), repo.spotsOfTeams(db, [team.id]), findDay(db, team.day_id)]);
  const spots = new Map((await spotsByIds(db, route.map((r) => r.spotId))).map((s) => [s.id, s]));
  const devices = members.map((m) => m.participantId).filter((id): id is string => id !== null);
  const walked = await repo.spotsObservedBy(db, team.campaign_id, devices, [...spots.keys()]);
  const ordered = route.filter((r) => spots.has(r.spotId)).map((r) => ({ spot: spots.get(r.spotId)!, walked: walked.has(r.spotId) }));
  const mySignups = new Set(signupIds);
  return {
    day: toCampaignDay(day!),
    number: team.number,
    mates: members.filter((m) => !mySignups.has(m.id) && m.displayName !== null).map((m) => m.displayName!),
    spots: ordered,
    walkedCount: ordered.filter((s) => s.walked).length,
    spotCount: ordered.length,
  };
}
