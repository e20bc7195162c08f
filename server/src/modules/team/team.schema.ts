/**
 * GraphQL types and operations for schouw teams: the coordinator's composition of a walk
 * date (team.service.ts) and the walker's own team in the field app (my-team.service.ts).
 */
import { TEAM_SIZE_MAX, TEAM_SIZE_MIN } from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { CampaignDayRef } from '../campaign/campaign.schema.js';
import { WalkerKindEnum } from '../signup/signup.schema.js';
import { SpotRef } from '../spot/spot.schema.js';
import * as myTeamService from './my-team.service.js';
import * as service from './team.service.js';


const TeamMemberRef = builder.objectRef<service.TeamMember>('TeamMember').implement({
  description: 'A walker in a team: their sign-up, the name they signed up with, and resident or professional.',
  authScopes: { coordinator: true },
  fields: (t) => ({
    signupId: t.exposeID('signupId'),
    displayName: t.exposeString('displayName'),
    walkerKind: t.expose('walkerKind', { type: WalkerKindEnum, nullable: true }),
    organisation: t.exposeString('organisation', { nullable: true }),
  }),
});

const TeamRef = builder.objectRef<service.Team>('Team').implement({
  description: 'One team of a walk date: its walkers, and its spots in route order.',
  authScopes: { coordinator: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    number: t.exposeInt('number', { description: '1, 2, 3 … within the date: "Team 2".' }),
    members: t.field({ type: [TeamMemberRef], resolve: (team) => team.members }),
    spots: t.field({ type: [SpotRef], description: 'In route order.', resolve: (team) => team.spots }),
  }),
});

const DayTeamsRef = builder.objectRef<service.DayTeams>('DayTeams').implement({
  description: 'The teams of a schouw walk date.',
  authScopes: { coordinator: true },
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (d) => d.day }),
    teamSize: t.exposeInt('teamSize', { nullable: true, description: 'The size asked for; null before the first composition.' }),
    lockedAt: t.expose('lockedAt', { type: 'DateTime', nullable: true }),
    teams: t.field({ type: [TeamRef], resolve: (d) => d.teams }),
    unassigned: t.field({ type: [TeamMemberRef], description: 'Confirmed walkers not in a team (signed up after composing, or before any composition).', resolve: (d) => d.unassigned }),
    unassignedSpots: t.field({ type: [SpotRef], description: 'Spots of the neighbourhood on no team’s route, by name.', resolve: (d) => d.unassignedSpots }),
    repeatedPairs: t.exposeInt('repeatedPairs', { description: 'Pairs in these teams who walked together in an earlier walk of the neighbourhood.' }),
  }),
});

const MyTeamSpotRef = builder.objectRef<myTeamService.MyTeam['spots'][number]>('MyTeamSpot').implement({
  authScopes: { participant: true },
  fields: (t) => ({
    spot: t.field({ type: SpotRef, resolve: (s) => s.spot }),
    walked: t.exposeBoolean('walked', { description: 'A device of the team recorded an observation at this spot in this campaign.' }),
  }),
});

const MyTeamRef = builder.objectRef<myTeamService.MyTeam>('MyTeam').implement({
  description: 'The team of the walker using this device, for the walk screen.',
  authScopes: { participant: true },
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (m) => m.day }),
    number: t.exposeInt('number'),
    mates: t.exposeStringList('mates', { description: 'The other members’ names as they signed up; never contact details.' }),
    spots: t.field({ type: [MyTeamSpotRef], description: 'In route order.', resolve: (m) => m.spots }),
    walkedCount: t.exposeInt('walkedCount'),
    spotCount: t.exposeInt('spotCount'),
  }),
});

builder.queryFields((t) => ({
  dayTeams: t.field({
    type: DayTeamsRef,
    nullable: true,
    description: 'The teams of a schouw walk date; null when the date is not yours or unknown.',
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id() },
    resolve: (_root, args, ctx) => service.dayTeams(ctx.db, ctx.viewer, String(args.dayId)),
  }),
  myTeam: t.field({
    type: MyTeamRef,
    nullable: true,
    description: 'The team of the sign-up this device joined with; null when it has no team (yet).',
    authScopes: { participant: true },
    resolve: (_root, _args, ctx) => myTeamService.myTeam(ctx.db, ctx.viewer),
  }),
}));

const teamSize = z.number().int().min(TEAM_SIZE_MIN, `Kies een teamgrootte van ${TEAM_SIZE_MIN} tot ${TEAM_SIZE_MAX}.`).max(TEAM_SIZE_MAX, `Kies een teamgrootte van ${TEAM_SIZE_MIN} tot ${TEAM_SIZE_MAX}.`);

builder.mutationFields((t) => ({
  composeTeams: t.field({
    type: DayTeamsRef,
    description: 'Forms new teams for the date from its confirmed walkers and splits the spots over them (CONFLICT while locked).',
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id(), teamSize: t.arg.int({ validate: teamSize }) },
    resolve: (_root, args, ctx) => service.composeDayTeams(ctx.db, ctx.viewer, { dayId: String(args.dayId), teamSize: args.teamSize }),
  }),
  moveTeamMember: t.field({
    type: DayTeamsRef,
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id(), signupId: t.arg.id(), toTeamId: t.arg.id() },
    resolve: (_root, args, ctx) => service.moveTeamMember(ctx.db, ctx.viewer, { dayId: String(args.dayId), signupId: String(args.signupId), toTeamId: String(args.toTeamId) }),
  }),
  moveTeamSpot: t.field({
    type: DayTeamsRef,
    description: 'Moves a spot onto a team’s route at `position` (from 0), or at its end.',
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id(), spotId: t.arg.id(), toTeamId: t.arg.id(), position: t.arg.int({ required: false, validate: z.number().int().min(0).max(10_000).nullish() }) },
    resolve: (_root, args, ctx) => service.moveTeamSpot(ctx.db, ctx.viewer, { dayId: String(args.dayId), spotId: String(args.spotId), toTeamId: String(args.toTeamId), position: args.position }),
  }),
  setTeamsLocked: t.field({
    type: DayTeamsRef,
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id(), locked: t.arg.boolean() },
    resolve: (_root, args, ctx) => service.setTeamsLocked(ctx.db, ctx.viewer, { dayId: String(args.dayId), locked: args.locked }),
  }),
}));
