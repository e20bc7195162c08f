/**
 * The teams of a schouw walk date as the coordinator composes and adjusts them: compose,
 * move a walker or a spot, lock. (team-operations.ts is the console's staff team.)
 */
import { graphql, type ResultOf } from '../graphql.js';

const MEMBER = graphql(`fragment ConsoleTeamMember on TeamMember { signupId displayName walkerKind organisation }`);
const SPOT = graphql(`fragment ConsoleTeamSpot on Spot { id name type street { id name } }`);

const DAY_TEAMS_FIELDS = graphql(
  `fragment ConsoleDayTeams on DayTeams {
    day { id date label } teamSize lockedAt repeatedPairs
    teams { id number members { ...ConsoleTeamMember } spots { ...ConsoleTeamSpot } }
    unassigned { ...ConsoleTeamMember } unassignedSpots { ...ConsoleTeamSpot }
  }`,
  [MEMBER, SPOT],
);

export const DAY_TEAMS = graphql(`query ConsoleDayTeams($dayId: ID!) { dayTeams(dayId: $dayId) { ...ConsoleDayTeams } }`, [DAY_TEAMS_FIELDS]);
export const COMPOSE_TEAMS = graphql(`mutation ConsoleComposeTeams($dayId: ID!, $teamSize: Int!) { composeTeams(dayId: $dayId, teamSize: $teamSize) { ...ConsoleDayTeams } }`, [DAY_TEAMS_FIELDS]);
export const MOVE_TEAM_MEMBER = graphql(
  `mutation ConsoleMoveTeamMember($dayId: ID!, $signupId: ID!, $toTeamId: ID!) { moveTeamMember(dayId: $dayId, signupId: $signupId, toTeamId: $toTeamId) { ...ConsoleDayTeams } }`,
  [DAY_TEAMS_FIELDS],
);
export const MOVE_TEAM_SPOT = graphql(
  `mutation ConsoleMoveTeamSpot($dayId: ID!, $spotId: ID!, $toTeamId: ID!, $position: Int) { moveTeamSpot(dayId: $dayId, spotId: $spotId, toTeamId: $toTeamId, position: $position) { ...ConsoleDayTeams } }`,
  [DAY_TEAMS_FIELDS],
);
export const SET_TEAMS_LOCKED = graphql(`mutation ConsoleSetTeamsLocked($dayId: ID!, $locked: Boolean!) { setTeamsLocked(dayId: $dayId, locked: $locked) { ...ConsoleDayTeams } }`, [DAY_TEAMS_FIELDS]);

export type DayTeams = ResultOf<typeof DAY_TEAMS_FIELDS>;
export type ConsoleTeam = DayTeams['teams'][number];
export type ConsoleTeamMember = ResultOf<typeof MEMBER>;
export type ConsoleTeamSpot = ResultOf<typeof SPOT>;
