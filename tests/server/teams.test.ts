/**
 * Schouw teams over real HTTP, on a database file with the sync worker as `npm start` runs
 * it: composing a walk date from its confirmed walkers (everyone once, professionals
 * spread, all spots split by street), rotating away from earlier teams of the
 * neighbourhood (a person known by the phone they join with again, never by their
 * contact; only who was confirmed for a walk walked it), locking,
 * moving people and spots, and the walker's own team in the field app with the spots a
 * team mate's device walked. Sign-ups are written straight into the tables here: this
 * test is about teams, not about how people sign up.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { joinCampaign } from '../../server/src/modules/participant/participant.service.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { todayInNetherlands } from '../../server/src/modules/campaign/local-date.js';
import { blankSignupRow, insertSignup } from '../../server/src/modules/signup/signup.repo.js';
import { ERASED_NAME } from '../../server/src/modules/signup/signup.table.js';
import { teamForToday } from '../../server/src/modules/team/my-team.service.js';
import { composeDayTeams } from '../../server/src/modules/team/team.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const MEMBER = 'signupId displayName walkerKind organisation';
const DAY_TEAMS = `day { id date } teamSize lockedAt repeatedPairs teams { id number members { ${MEMBER} } spots { id name street { id name } } } unassigned { ${MEMBER} } unassignedSpots { id }`;
const READ = `query($dayId: ID!) { dayTeams(dayId: $dayId) { ${DAY_TEAMS} } }`;
const COMPOSE = `mutation($dayId: ID!, $size: Int!) { composeTeams(dayId: $dayId, teamSize: $size) { ${DAY_TEAMS} } }`;
const MOVE_MEMBER = `mutation($dayId: ID!, $signupId: ID!, $to: ID!) { moveTeamMember(dayId: $dayId, signupId: $signupId, toTeamId: $to) { ${DAY_TEAMS} } }`;
const MOVE_SPOT = `mutation($dayId: ID!, $spotId: ID!, $to: ID!, $position: Int) { moveTeamSpot(dayId: $dayId, spotId: $spotId, toTeamId: $to, position: $position) { ${DAY_TEAMS} } }`;
const LOCK = `mutation($dayId: ID!, $locked: Boolean!) { setTeamsLocked(dayId: $dayId, locked: $locked) { lockedAt teams { id } } }`;
const MY_TEAM = '{ myTeam { day { id } number mates spots { spot { id name } walked } walkedCount spotCount } }';
const RECORD = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }';

type Kind = 'RESIDENT' | 'PROFESSIONAL';
type Headers = Record<string, string>;

describe('schouw teams', () => {
  let fx: AccessFixture;
  let spotIds: string[];
  let streetIds: string[];
  const db = () => fx.t.app.connection.db;
  let dates = 0;

  /** A new walk date of the fixture's schouw (each test its own, so they do not meet). */
  async function newDay(campaign: Campaign = fx.schouwA, date?: string): Promise<string> {
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
    const id = signup.id;
    const status = extra.status ?? 'CONFIRMED';
    await db().insertInto('signup_day').values({ signup_id: id, day_id: dayId, status, waiting_since: status === 'WAITING' ? now : null, created_at: now }).execute();
    return id;
  }

  /** An earlier walk's team, written as the composer would have. */
  async function pastTeam(campaign: Campaign, dayId: string, number: number, signupIds: string[]): Promise<void> {
    const teamId = uuidv7();
    await db().insertInto('team').values({ id: teamId, campaign_id: campaign.id, day_id: dayId, number, created_at: new Date().toISOString() }).execute();
    await db().insertInto('team_member').values(signupIds.map((signup_id) => ({ team_id: teamId, signup_id }))).execute();
  }

  /** Joins this year's schouw with a phone that already holds a follow-up key; answers the participant's id. */
  async function joinWithPhone(followUpKey: string): Promise<string> {
    const invite = await createParticipantInvite(db(), fx.asViewer('admin'), { campaignId: fx.schouwA.id, requestId: 'test' });
    const joined = await joinCampaign(db(), fx.auth, { code: invite.code, displayName: 'Loper', contact: null, contactConsent: false, showNameInRankings: false, followUpKey, clientIp: '192.0.2.20' });
    return joined.participant.id;
  }

  async function ok(who: 'coordinator' | 'admin' | Headers, query: string, variables: Record<string, unknown>) {
    const { body } = await fx.query(who, query, variables);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return Object.values(body.data)[0] as any;
  }
  const compose = (dayId: string, size: number) => ok('coordinator', COMPOSE, { dayId, size });
  const errorCode = async (query: string, variables: Record<string, unknown>, who: 'coordinator' | 'otherCoordinator' = 'coordinator') => (await fx.query(who, query, variables)).body.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    fx = await accessFixture(); // a database file with the sync worker, as npm start runs
    const admin = fx.asViewer('admin');
    streetIds = (await allStreets(db(), fx.neighbourhoodA)).slice(0, 4).map((s) => s.id);
    // Three spots on each of four streets, plus the fixture's playground.
    for (const [s, streetId] of streetIds.entries()) {
      for (let i = 0; i < 3; i++) await createSpot(db(), admin, fx.neighbourhoodA, { streetId, type: 'PLANTSOEN', name: `Plantsoen ${s}-${i}`, lat: 51.85 + s * 0.002, lon: 4.65 + i * 0.0005 });
    }
    spotIds = (await db().selectFrom('spot').select('id').where('neighbourhood_id', '=', fx.neighbourhoodA).execute()).map((r) => r.id);
  });
  afterAll(() => fx.t.close());

  it('puts every confirmed walker in exactly one team, spreads the professionals and splits every spot over the teams', async () => {
    const dayId = await newDay();
    const residents = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(dayId, fx.schouwA, `Bewoner ${i}`, 'RESIDENT')));
    const pros = await Promise.all(Array.from({ length: 3 }, (_, i) => signUp(dayId, fx.schouwA, `Prof ${i}`, 'PROFESSIONAL')));
    const waiting = await signUp(dayId, fx.schouwA, 'Wachtend', 'RESIDENT', { status: 'WAITING' });
    const cancelled = await signUp(dayId, fx.schouwA, 'Afgemeld', 'RESIDENT', { cancelled: true });

    const before = await ok('coordinator', READ, { dayId });
    expect(before).toMatchObject({ teamSize: null, lockedAt: null, teams: [], repeatedPairs: 0 });
    expect(before.unassigned.map((m: any) => m.signupId).sort()).toEqual([...residents, ...pros].sort());

    const result = await compose(dayId, 4);
    expect(result.teamSize).toBe(4);
    expect(result.teams.map((t: any) => t.number)).toEqual([1, 2, 3]);
    const members = result.teams.flatMap((t: any) => t.members.map((m: any) => m.signupId));
    expect(members.sort()).toEqual([...residents, ...pros].sort());
    expect(members).not.toContain(waiting);
    expect(members).not.toContain(cancelled);
    expect(result.unassigned).toEqual([]);
    const sizes = result.teams.map((t: any) => t.members.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const team of result.teams) expect(team.members.filter((m: any) => m.walkerKind === 'PROFESSIONAL')).toHaveLength(1);
    expect(result.teams[0].members.find((m: any) => m.walkerKind === 'PROFESSIONAL').organisation).toBe('Woonkracht10');

    const routed = result.teams.flatMap((t: any) => t.spots.map((s: any) => s.id));
    expect(routed.sort()).toEqual([...spotIds].sort());
    expect(result.unassignedSpots).toEqual([]);
    // A street is walked by one team (no street has more spots than an even share).
    for (const streetId of streetIds) expect(result.teams.filter((t: any) => t.spots.some((s: any) => s.street.id === streetId))).toHaveLength(1);
    // What was stored reads back the same.
    expect(await ok('coordinator', READ, { dayId })).toEqual(result);

    // Someone who signs up after composing waits outside the teams until moved in.
    const late = await signUp(dayId, fx.schouwA, 'Laat', 'RESIDENT');
    expect((await ok('coordinator', READ, { dayId })).unassigned.map((m: any) => m.signupId)).toEqual([late]);
    const moved = await ok('coordinator', MOVE_MEMBER, { dayId, signupId: late, to: result.teams[2].id });
    expect(moved.unassigned).toEqual([]);
    expect(moved.teams[2].members.map((m: any) => m.signupId)).toContain(late);

    // Someone who cancels, or is no longer confirmed for the date, drops out of their team.
    const leaving = result.teams[0].members[0].signupId;
    await db().updateTable('signup').set({ cancelled_at: new Date().toISOString() }).where('id', '=', leaving).execute();
    const waitingNow = result.teams[1].members[0].signupId;
    await db().updateTable('signup_day').set({ status: 'WAITING' }).where('signup_id', '=', waitingNow).execute();
    const after = await ok('coordinator', READ, { dayId });
    const stillIn = after.teams.flatMap((t: any) => t.members.map((m: any) => m.signupId));
    expect(stillIn).not.toContain(leaving);
    expect(stillIn).not.toContain(waitingNow);
    expect(stillIn).toHaveLength(members.length - 1); // the late walker moved in, two left
    expect(after.unassigned).toEqual([]);
  });

  it('rotates away from pairs who walked together in an earlier schouw of the neighbourhood, known by the phone they join with again', async () => {
    // Last year's schouw: three pairs, each person joined with a phone and left an e-mail address.
    const lastYear = await createCampaign(db(), fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw vorig jaar', days: [{ date: '2026-04-01' }], checklistVersionId: fx.checklist.id, requestId: 'test' });
    await changeCampaignStatus(db(), fx.asViewer('admin'), { campaignId: lastYear.id, status: 'OPEN', requestId: 'test' });
    const lastDay = (await daysOfCampaigns(db(), [lastYear.id]))[0]!.id;
    const names = ['Anna', 'Bram', 'Cor', 'Dewi', 'Eva', 'Fatma'];
    const pastSignups: string[] = [];
    const phones: string[] = [];
    for (const name of names) {
      const participant = await fx.makeParticipant(lastYear);
      phones.push(participant.followUpKey);
      pastSignups.push(await signUp(lastDay, lastYear, name, 'RESIDENT', { contact: `${name.toLowerCase()}@voorbeeld.nl`, participantId: participant.id }));
    }
    // Pairs A+D, B+E, C+F: exactly what a composer blind to history makes of A..F in this order.
    const pairs = [[0, 3], [1, 4], [2, 5]] as const;
    for (const [n, [a, b]] of pairs.entries()) await pastTeam(lastYear, lastDay, n + 1, [pastSignups[a]!, pastSignups[b]!]);

    // Signing up again with the same e-mail address does not make someone the same person:
    // the address was given for messages, not for recognising people.
    const byMailOnly = await newDay();
    const [anna, dewi] = [await signUp(byMailOnly, fx.schouwA, 'Anna', 'RESIDENT', { contact: 'anna@voorbeeld.nl' }), await signUp(byMailOnly, fx.schouwA, 'Dewi', 'RESIDENT', { contact: 'dewi@voorbeeld.nl' })];
    const unrecognised = await compose(byMailOnly, 2);
    expect(unrecognised.teams[0].members.map((m: any) => m.signupId).sort()).toEqual([anna, dewi].sort());
    expect(unrecognised.repeatedPairs).toBe(0);

    // This year they sign up again and join with last year's phones (the same follow-up key).
    const dayId = await newDay();
    const now: string[] = [];
    for (const [i, name] of names.entries()) now.push(await signUp(dayId, fx.schouwA, name, 'RESIDENT', { participantId: await joinWithPhone(phones[i]!) }));
    const result = await compose(dayId, 2);
    expect(result.teams).toHaveLength(3);
    expect(result.repeatedPairs).toBe(0);
    const together = (a: number, b: number) => result.teams.some((t: any) => [now[a], now[b]].every((id) => t.members.some((m: any) => m.signupId === id)));
    for (const [a, b] of pairs) expect(together(a, b), `${names[a]} and ${names[b]}`).toBe(false);

    // Putting an old pair back together by hand shows in the count.
    const teamOf = (id: string) => result.teams.find((t: any) => t.members.some((m: any) => m.signupId === id));
    const back = await ok('coordinator', MOVE_MEMBER, { dayId, signupId: now[3], to: teamOf(now[0]!).id });
    expect(back.repeatedPairs).toBe(1);

    // A later walk is no history for an earlier one.
    const earlierDay = await newDay(fx.schouwA, '2026-03-01');
    for (const [i, name] of names.slice(0, 2).entries()) await signUp(earlierDay, fx.schouwA, name, 'RESIDENT', { participantId: await joinWithPhone(phones[i]!) });
    const single = await compose(earlierDay, 2);
    expect(single.teams).toHaveLength(1);
    expect(single.repeatedPairs).toBe(0);
  });

  it('counts as having walked together only people who were confirmed for that earlier walk', async () => {
    const lastYear = await createCampaign(db(), fx.asViewer('admin'), { neighbourhoodId: fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw eerder', days: [{ date: '2026-04-02' }], checklistVersionId: fx.checklist.id, requestId: 'test' });
    await changeCampaignStatus(db(), fx.asViewer('admin'), { campaignId: lastYear.id, status: 'OPEN', requestId: 'test' });
    const lastDay = (await daysOfCampaigns(db(), [lastYear.id]))[0]!.id;
    const [gijs, hanna] = [await fx.makeParticipant(lastYear), await fx.makeParticipant(lastYear)];
    const walked = await signUp(lastDay, lastYear, 'Gijs', 'RESIDENT', { participantId: gijs.id });
    const stayedWaiting = await signUp(lastDay, lastYear, 'Hanna', 'RESIDENT', { participantId: hanna.id });
    await pastTeam(lastYear, lastDay, 1, [walked, stayedWaiting]);
    // Hanna went back on the waiting list after the teams were made: she did not walk.
    await db().updateTable('signup_day').set({ status: 'WAITING', waiting_since: new Date().toISOString() }).where('signup_id', '=', stayedWaiting).execute();

    const dayId = await newDay();
    await signUp(dayId, fx.schouwA, 'Gijs', 'RESIDENT', { participantId: await joinWithPhone(gijs.followUpKey) });
    await signUp(dayId, fx.schouwA, 'Hanna', 'RESIDENT', { participantId: await joinWithPhone(hanna.followUpKey) });
    expect((await compose(dayId, 2)).repeatedPairs).toBe(0);
    // Had she walked, they would be a repeated pair.
    await db().updateTable('signup_day').set({ status: 'CONFIRMED', waiting_since: null }).where('signup_id', '=', stayedWaiting).execute();
    expect((await ok('coordinator', READ, { dayId })).repeatedPairs).toBe(1);
  });

  it('composes all or nothing: a failure on the last write leaves the earlier teams as they were', async () => {
    const dayId = await newDay();
    for (const name of ['Kees', 'Lotte', 'Mo', 'Nina']) await signUp(dayId, fx.schouwA, name, 'RESIDENT');
    const first = await compose(dayId, 2);
    // The plan is written last; here that write fails, as a full disk would make it.
    const failingPlan = db().withPlugin({
      transformQuery: (args) => {
        const node = args.node as { kind: string; table?: { table: { identifier: { name: string } } } };
        if (node.kind === 'UpdateQueryNode' && node.table?.table.identifier.name === 'team_plan') throw new Error('schijf vol');
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    await expect(composeDayTeams(failingPlan, fx.asViewer('coordinator'), { dayId, teamSize: 4 })).rejects.toThrow('schijf vol');
    expect(await ok('coordinator', READ, { dayId })).toEqual(first);
  });

  it('refuses composing and moving while the teams are locked, and allows them again once unlocked', async () => {
    const dayId = await newDay();
    expect(await errorCode(COMPOSE, { dayId, size: 2 })).toBe('CONFLICT'); // nobody to put in a team yet
    const ids = await Promise.all(['Ans', 'Ben', 'Cas', 'Daan'].map((name) => signUp(dayId, fx.schouwA, name, 'RESIDENT')));
    expect(await errorCode(LOCK, { dayId, locked: true })).toBe('CONFLICT'); // nothing to lock yet
    const composed = await compose(dayId, 2);
    const locked = await ok('coordinator', LOCK, { dayId, locked: true });
    expect(locked.lockedAt).not.toBeNull();
    expect(await errorCode(COMPOSE, { dayId, size: 3 })).toBe('CONFLICT');
    expect(await errorCode(MOVE_MEMBER, { dayId, signupId: ids[0], to: composed.teams[1].id })).toBe('CONFLICT');
    expect(await errorCode(MOVE_SPOT, { dayId, spotId: composed.teams[0].spots[0].id, to: composed.teams[1].id })).toBe('CONFLICT');
    expect(await ok('coordinator', READ, { dayId })).toMatchObject({ teams: composed.teams, lockedAt: locked.lockedAt });

    expect((await ok('coordinator', LOCK, { dayId, locked: false })).lockedAt).toBeNull();
    expect((await compose(dayId, 4)).teams).toHaveLength(1);
  });

  it('moves a spot to a given place in another team’s route and closes the gap it left', async () => {
    const dayId = await newDay();
    for (const name of ['Eef', 'Fenna', 'Gijs', 'Hans']) await signUp(dayId, fx.schouwA, name, 'RESIDENT');
    const composed = await compose(dayId, 2);
    const [first, second] = composed.teams;
    const spot = first.spots[1].id;
    const moved = await ok('coordinator', MOVE_SPOT, { dayId, spotId: spot, to: second.id, position: 1 });
    expect(moved.teams[0].spots.map((s: any) => s.id)).toEqual(first.spots.filter((s: any) => s.id !== spot).map((s: any) => s.id));
    expect(moved.teams[1].spots.map((s: any) => s.id)).toEqual([second.spots[0].id, spot, ...second.spots.slice(1).map((s: any) => s.id)]);
    const positions = await db().selectFrom('team_spot').select(['team_id', 'position']).where('team_id', 'in', [first.id, second.id]).orderBy('team_id').orderBy('position').execute();
    for (const teamId of [first.id, second.id]) expect(positions.filter((p) => p.team_id === teamId).map((p) => p.position)).toEqual(positions.filter((p) => p.team_id === teamId).map((_, i) => i));
    // Without a position it goes to the end; a spot of another neighbourhood is refused.
    const toEnd = await ok('coordinator', MOVE_SPOT, { dayId, spotId: spot, to: first.id });
    expect(toEnd.teams[0].spots.at(-1).id).toBe(spot);
    const otherSpot = await createSpot(db(), fx.asViewer('admin'), fx.neighbourhoodB, { streetId: (await allStreets(db(), fx.neighbourhoodB))[0]!.id, type: 'PARK', name: 'Park elders' });
    expect(await errorCode(MOVE_SPOT, { dayId, spotId: otherSpot.id, to: first.id })).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_MEMBER, { dayId, signupId: uuidv7(), to: first.id })).toBe('NOT_FOUND');
  });

  it('shows a walker their team: the mates’ names, the spots in route order, and what any device of the team walked', async () => {
    const dayId = (await daysOfCampaigns(db(), [fx.schouwA.id])).find((d) => d.date === '2027-04-01')!.id;
    const me = await fx.makeParticipant(fx.schouwA);
    const mate = await fx.makeParticipant(fx.schouwA);
    await signUp(dayId, fx.schouwA, 'Ik', 'RESIDENT', { participantId: me.id, contact: 'ik@voorbeeld.nl' });
    await signUp(dayId, fx.schouwA, 'Maat', 'PROFESSIONAL', { participantId: mate.id, contact: 'maat@voorbeeld.nl' });
    await signUp(dayId, fx.schouwA, 'Derde', 'RESIDENT');
    const loner = await fx.makeParticipant(fx.schouwA);

    expect((await fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull(); // no teams yet
    const composed = await compose(dayId, 3);
    const team = composed.teams[0];
    const route = team.spots.map((s: any) => s.id);

    const before = (await fx.query(me.headers, MY_TEAM)).body.data.myTeam;
    expect(before).toMatchObject({ day: { id: dayId }, number: 1, walkedCount: 0, spotCount: route.length });
    expect([...before.mates].sort()).toEqual(['Derde', 'Maat']);
    expect(before.spots.map((s: any) => s.spot.id)).toEqual(route);
    expect(JSON.stringify(before)).not.toContain('voorbeeld.nl');

    // The team mate's phone answers a question at the second spot of the route.
    const item = fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'RATING' && i.spotTypes.length === 0)!;
    await ok(mate.headers, RECORD, { input: { id: uuidv7(), campaignId: fx.schouwA.id, spotId: route[1], checklistItemId: item.id, rating: 'B', deviceTime: new Date().toISOString() } });
    const after = (await fx.query(me.headers, MY_TEAM)).body.data.myTeam;
    expect(after.walkedCount).toBe(1);
    expect(after.spots.map((s: any) => s.walked)).toEqual(route.map((id: string) => id === route[1]));

    // A walker outside any team, and staff, have no team here.
    expect((await fx.query(loner.headers, MY_TEAM)).body.data.myTeam).toBeNull();
    expect((await fx.query('coordinator', MY_TEAM)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('shows no team for a date the walker took off their sign-up, or is no longer confirmed for', async () => {
    const dayId = await newDay();
    const me = await fx.makeParticipant(fx.schouwA);
    const mine = await signUp(dayId, fx.schouwA, 'Ik', 'RESIDENT', { participantId: me.id });
    await signUp(dayId, fx.schouwA, 'Maat', 'RESIDENT');
    await compose(dayId, 2);
    expect((await fx.query(me.headers, MY_TEAM)).body.data.myTeam).toMatchObject({ day: { id: dayId }, mates: ['Maat'] });
    await db().updateTable('signup_day').set({ status: 'WAITING', waiting_since: new Date().toISOString() }).where('signup_id', '=', mine).execute();
    expect((await fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull();
    await db().deleteFrom('signup_day').where('signup_id', '=', mine).execute();
    expect((await fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull();
  });

  it('shows a member whose name was erased as the planning does', async () => {
    const dayId = await newDay();
    const erased = await signUp(dayId, fx.schouwA, 'Wordt gewist', 'RESIDENT');
    await signUp(dayId, fx.schouwA, 'Blijft', 'RESIDENT');
    await db().updateTable('signup').set({ display_name: null, erased_at: new Date().toISOString() }).where('id', '=', erased).execute();
    const composed = await compose(dayId, 2);
    expect(composed.teams[0].members.find((m: any) => m.signupId === erased).displayName).toBe(ERASED_NAME);
    expect(ERASED_NAME).toBe('(naam gewist)');
  });

  it('takes today as the Dutch date, also when it is still yesterday in UTC', () => {
    expect(todayInNetherlands(new Date('2027-03-31T22:30:00Z'))).toBe('2027-04-01');
    expect(todayInNetherlands(new Date('2027-01-31T22:30:00Z'))).toBe('2027-01-31');
  });

  it('shows a walker signed up for several dates the team of today, else of the next walk, else of the last one', () => {
    const teams = [{ date: '2027-05-01' }, { date: '2027-04-01' }, { date: '2027-06-01' }];
    expect(teamForToday(teams, '2027-05-01')).toEqual({ date: '2027-05-01' });
    expect(teamForToday(teams, '2027-03-15')).toEqual({ date: '2027-04-01' });
    expect(teamForToday(teams, '2027-05-02')).toEqual({ date: '2027-06-01' });
    expect(teamForToday(teams, '2027-07-01')).toEqual({ date: '2027-06-01' });
    expect(teamForToday([], '2027-07-01')).toBeUndefined();
  });

  it('shows coordinators of another neighbourhood nothing and lets them change nothing', async () => {
    const dayId = await newDay();
    const a = await signUp(dayId, fx.schouwA, 'Iris', 'RESIDENT');
    await signUp(dayId, fx.schouwA, 'Joost', 'RESIDENT');
    const composed = await compose(dayId, 2);
    const other = 'otherCoordinator' as const;
    expect((await fx.query(other, READ, { dayId })).body).toEqual({ data: { dayTeams: null } });
    expect(await errorCode(COMPOSE, { dayId, size: 2 }, other)).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_MEMBER, { dayId, signupId: a, to: composed.teams[0].id }, other)).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_SPOT, { dayId, spotId: spotIds[0], to: composed.teams[0].id }, other)).toBe('NOT_FOUND');
    expect(await errorCode(LOCK, { dayId, locked: true }, other)).toBe('NOT_FOUND');
    expect(await ok('coordinator', READ, { dayId })).toEqual(composed);
    // A tegelwip day has no teams.
    expect((await fx.query('coordinator', READ, { dayId: fx.dayA })).body.data.dayTeams).toBeNull();
    expect(await errorCode(COMPOSE, { dayId: fx.dayA, size: 2 })).toBe('BAD_USER_INPUT');
    expect(await errorCode(COMPOSE, { dayId, size: 9 })).toBe('BAD_USER_INPUT');
  });
});
