/**
 * Schouw teams over real HTTP, on a database file with the sync worker as `npm start` runs
 * it: composing a walk date from its confirmed walkers (everyone once, professionals
 * spread, all spots split by street), rotating away from earlier teams of the
 * neighbourhood (a person known by the phone they join with again, never by their
 * contact; only who was confirmed for a walk walked it), locking, moving people and
 * spots, and who may do it. The walker's own team is in my-team.test.ts; the setup both
 * share is in tests/support/schouw-teams-setup.ts.
 */
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, daysOfCampaigns } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { ERASED_NAME } from '../../server/src/modules/signup/signup.table.js';
import { composeDayTeams } from '../../server/src/modules/team/team.service.js';
import { COMPOSE, LOCK, MOVE_MEMBER, MOVE_SPOT, READ, schouwTeamsSetup } from '../support/schouw-teams-setup.js';

describe('schouw teams', () => {
  const { setup, db, newDay, signUp, pastTeam, joinWithPhone, ok, compose, errorCode } = schouwTeamsSetup();

  it('puts every confirmed walker in exactly one team, spreads the professionals and splits every spot over the teams', async () => {
    const dayId = await newDay();
    const residents = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(dayId, setup.fx.schouwA, `Bewoner ${i}`, 'RESIDENT')));
    const pros = await Promise.all(Array.from({ length: 3 }, (_, i) => signUp(dayId, setup.fx.schouwA, `Prof ${i}`, 'PROFESSIONAL')));
    const waiting = await signUp(dayId, setup.fx.schouwA, 'Wachtend', 'RESIDENT', { status: 'WAITING' });
    const cancelled = await signUp(dayId, setup.fx.schouwA, 'Afgemeld', 'RESIDENT', { cancelled: true });

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
    expect(routed.sort()).toEqual([...setup.spotIds].sort());
    expect(result.unassignedSpots).toEqual([]);
    // A street is walked by one team (no street has more spots than an even share).
    for (const streetId of setup.streetIds) expect(result.teams.filter((t: any) => t.spots.some((s: any) => s.street.id === streetId))).toHaveLength(1);
    // What was stored reads back the same.
    expect(await ok('coordinator', READ, { dayId })).toEqual(result);

    // Someone who signs up after composing waits outside the teams until moved in.
    const late = await signUp(dayId, setup.fx.schouwA, 'Laat', 'RESIDENT');
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
    const lastYear = await createCampaign(db(), setup.fx.asViewer('admin'), { neighbourhoodId: setup.fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw vorig jaar', days: [{ date: '2026-04-01' }], checklistVersionId: setup.fx.checklist.id, requestId: 'test' });
    await changeCampaignStatus(db(), setup.fx.asViewer('admin'), { campaignId: lastYear.id, status: 'OPEN', requestId: 'test' });
    const lastDay = (await daysOfCampaigns(db(), [lastYear.id]))[0]!.id;
    const names = ['Anna', 'Bram', 'Cor', 'Dewi', 'Eva', 'Fatma'];
    const pastSignups: string[] = [];
    const phones: string[] = [];
    for (const name of names) {
      const participant = await setup.fx.makeParticipant(lastYear);
      phones.push(participant.followUpKey);
      pastSignups.push(await signUp(lastDay, lastYear, name, 'RESIDENT', { contact: `${name.toLowerCase()}@voorbeeld.nl`, participantId: participant.id }));
    }
    // Pairs A+D, B+E, C+F: exactly what a composer blind to history makes of A..F in this order.
    const pairs = [[0, 3], [1, 4], [2, 5]] as const;
    for (const [n, [a, b]] of pairs.entries()) await pastTeam(lastYear, lastDay, n + 1, [pastSignups[a]!, pastSignups[b]!]);

    // Signing up again with the same e-mail address does not make someone the same person:
    // the address was given for messages, not for recognising people.
    const byMailOnly = await newDay();
    const [anna, dewi] = [await signUp(byMailOnly, setup.fx.schouwA, 'Anna', 'RESIDENT', { contact: 'anna@voorbeeld.nl' }), await signUp(byMailOnly, setup.fx.schouwA, 'Dewi', 'RESIDENT', { contact: 'dewi@voorbeeld.nl' })];
    const unrecognised = await compose(byMailOnly, 2);
    expect(unrecognised.teams[0].members.map((m: any) => m.signupId).sort()).toEqual([anna, dewi].sort());
    expect(unrecognised.repeatedPairs).toBe(0);

    // This year they sign up again and join with last year's phones (the same follow-up key).
    const dayId = await newDay();
    const now: string[] = [];
    for (const [i, name] of names.entries()) now.push(await signUp(dayId, setup.fx.schouwA, name, 'RESIDENT', { participantId: await joinWithPhone(phones[i]!) }));
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
    const earlierDay = await newDay(setup.fx.schouwA, '2026-03-01');
    for (const [i, name] of names.slice(0, 2).entries()) await signUp(earlierDay, setup.fx.schouwA, name, 'RESIDENT', { participantId: await joinWithPhone(phones[i]!) });
    const single = await compose(earlierDay, 2);
    expect(single.teams).toHaveLength(1);
    expect(single.repeatedPairs).toBe(0);
  });

  it('counts as having walked together only people who were confirmed for that earlier walk', async () => {
    const lastYear = await createCampaign(db(), setup.fx.asViewer('admin'), { neighbourhoodId: setup.fx.neighbourhoodA, kind: 'SCHOUW', name: 'Schouw eerder', days: [{ date: '2026-04-02' }], checklistVersionId: setup.fx.checklist.id, requestId: 'test' });
    await changeCampaignStatus(db(), setup.fx.asViewer('admin'), { campaignId: lastYear.id, status: 'OPEN', requestId: 'test' });
    const lastDay = (await daysOfCampaigns(db(), [lastYear.id]))[0]!.id;
    const [gijs, hanna] = [await setup.fx.makeParticipant(lastYear), await setup.fx.makeParticipant(lastYear)];
    const walked = await signUp(lastDay, lastYear, 'Gijs', 'RESIDENT', { participantId: gijs.id });
    const stayedWaiting = await signUp(lastDay, lastYear, 'Hanna', 'RESIDENT', { participantId: hanna.id });
    await pastTeam(lastYear, lastDay, 1, [walked, stayedWaiting]);
    // Hanna went back on the waiting list after the teams were made: she did not walk.
    await db().updateTable('signup_day').set({ status: 'WAITING', waiting_since: new Date().toISOString() }).where('signup_id', '=', stayedWaiting).execute();

    const dayId = await newDay();
    await signUp(dayId, setup.fx.schouwA, 'Gijs', 'RESIDENT', { participantId: await joinWithPhone(gijs.followUpKey) });
    await signUp(dayId, setup.fx.schouwA, 'Hanna', 'RESIDENT', { participantId: await joinWithPhone(hanna.followUpKey) });
    expect((await compose(dayId, 2)).repeatedPairs).toBe(0);
    // Had she walked, they would be a repeated pair.
    await db().updateTable('signup_day').set({ status: 'CONFIRMED', waiting_since: null }).where('signup_id', '=', stayedWaiting).execute();
    expect((await ok('coordinator', READ, { dayId })).repeatedPairs).toBe(1);
  });

  it('composes all or nothing: a failure on the last write leaves the earlier teams as they were', async () => {
    const dayId = await newDay();
    for (const name of ['Kees', 'Lotte', 'Mo', 'Nina']) await signUp(dayId, setup.fx.schouwA, name, 'RESIDENT');
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
    await expect(composeDayTeams(failingPlan, setup.fx.asViewer('coordinator'), { dayId, teamSize: 4 })).rejects.toThrow('schijf vol');
    expect(await ok('coordinator', READ, { dayId })).toEqual(first);
  });

  it('refuses composing and moving while the teams are locked, and allows them again once unlocked', async () => {
    const dayId = await newDay();
    expect(await errorCode(COMPOSE, { dayId, size: 2 })).toBe('CONFLICT'); // nobody to put in a team yet
    const ids = await Promise.all(['Ans', 'Ben', 'Cas', 'Daan'].map((name) => signUp(dayId, setup.fx.schouwA, name, 'RESIDENT')));
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
    for (const name of ['Eef', 'Fenna', 'Gijs', 'Hans']) await signUp(dayId, setup.fx.schouwA, name, 'RESIDENT');
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
    const otherSpot = await createSpot(db(), setup.fx.asViewer('admin'), setup.fx.neighbourhoodB, { streetId: (await allStreets(db(), setup.fx.neighbourhoodB))[0]!.id, type: 'PARK', name: 'Park elders' });
    expect(await errorCode(MOVE_SPOT, { dayId, spotId: otherSpot.id, to: first.id })).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_MEMBER, { dayId, signupId: uuidv7(), to: first.id })).toBe('NOT_FOUND');
  });

  it('shows a member whose name was erased as the planning does', async () => {
    const dayId = await newDay();
    const erased = await signUp(dayId, setup.fx.schouwA, 'Wordt gewist', 'RESIDENT');
    await signUp(dayId, setup.fx.schouwA, 'Blijft', 'RESIDENT');
    await db().updateTable('signup').set({ display_name: null, erased_at: new Date().toISOString() }).where('id', '=', erased).execute();
    const composed = await compose(dayId, 2);
    expect(composed.teams[0].members.find((m: any) => m.signupId === erased).displayName).toBe(ERASED_NAME);
    expect(ERASED_NAME).toBe('(naam gewist)');
  });

  it('shows coordinators of another neighbourhood nothing and lets them change nothing', async () => {
    const dayId = await newDay();
    const a = await signUp(dayId, setup.fx.schouwA, 'Iris', 'RESIDENT');
    await signUp(dayId, setup.fx.schouwA, 'Joost', 'RESIDENT');
    const composed = await compose(dayId, 2);
    const other = 'otherCoordinator' as const;
    expect((await setup.fx.query(other, READ, { dayId })).body).toEqual({ data: { dayTeams: null } });
    expect(await errorCode(COMPOSE, { dayId, size: 2 }, other)).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_MEMBER, { dayId, signupId: a, to: composed.teams[0].id }, other)).toBe('NOT_FOUND');
    expect(await errorCode(MOVE_SPOT, { dayId, spotId: setup.spotIds[0], to: composed.teams[0].id }, other)).toBe('NOT_FOUND');
    expect(await errorCode(LOCK, { dayId, locked: true }, other)).toBe('NOT_FOUND');
    expect(await ok('coordinator', READ, { dayId })).toEqual(composed);
    // A tegelwip day has no teams.
    expect((await setup.fx.query('coordinator', READ, { dayId: setup.fx.dayA })).body.data.dayTeams).toBeNull();
    expect(await errorCode(COMPOSE, { dayId: setup.fx.dayA, size: 2 })).toBe('BAD_USER_INPUT');
    expect(await errorCode(COMPOSE, { dayId, size: 9 })).toBe('BAD_USER_INPUT');
  });
});
