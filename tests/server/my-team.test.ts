/**
 * The walker's own schouw team in the field app, over real HTTP on a database file with the
 * sync worker: the mates' names, the spots in route order with what any device of the team
 * walked, and which date's team a walker sees. The setup is shared with teams.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { daysOfCampaigns } from '../../server/src/modules/campaign/campaign.service.js';
import { todayInNetherlands } from '../../server/src/modules/campaign/local-date.js';
import { teamForToday } from '../../server/src/modules/team/my-team.service.js';
import { schouwTeamsSetup } from '../support/schouw-teams-setup.js';

const MY_TEAM = '{ myTeam { day { id } number mates spots { spot { id name } walked } walkedCount spotCount } }';
const RECORD = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }';

describe("the walker's schouw team", () => {
  const { setup, db, newDay, signUp, ok, compose } = schouwTeamsSetup();

  it('shows a walker their team: the mates’ names, the spots in route order, and what any device of the team walked', async () => {
    const dayId = (await daysOfCampaigns(db(), [setup.fx.schouwA.id])).find((d) => d.date === '2027-04-01')!.id;
    const me = await setup.fx.makeParticipant(setup.fx.schouwA);
    const mate = await setup.fx.makeParticipant(setup.fx.schouwA);
    await signUp(dayId, setup.fx.schouwA, 'Ik', 'RESIDENT', { participantId: me.id, contact: 'ik@voorbeeld.nl' });
    await signUp(dayId, setup.fx.schouwA, 'Maat', 'PROFESSIONAL', { participantId: mate.id, contact: 'maat@voorbeeld.nl' });
    await signUp(dayId, setup.fx.schouwA, 'Derde', 'RESIDENT');
    const loner = await setup.fx.makeParticipant(setup.fx.schouwA);

    expect((await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull(); // no teams yet
    const composed = await compose(dayId, 3);
    const team = composed.teams[0];
    const route = team.spots.map((s: any) => s.id);

    const before = (await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam;
    expect(before).toMatchObject({ day: { id: dayId }, number: 1, walkedCount: 0, spotCount: route.length });
    expect([...before.mates].sort()).toEqual(['Derde', 'Maat']);
    expect(before.spots.map((s: any) => s.spot.id)).toEqual(route);
    expect(JSON.stringify(before)).not.toContain('voorbeeld.nl');

    // The team mate's phone answers a question at the second spot of the route.
    const item = setup.fx.checklist.sections.flatMap((s) => s.items).find((i) => i.type === 'RATING' && i.spotTypes.length === 0)!;
    await ok(mate.headers, RECORD, { input: { id: uuidv7(), campaignId: setup.fx.schouwA.id, spotId: route[1], checklistItemId: item.id, rating: 'B', deviceTime: new Date().toISOString() } });
    const after = (await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam;
    expect(after.walkedCount).toBe(1);
    expect(after.spots.map((s: any) => s.walked)).toEqual(route.map((id: string) => id === route[1]));

    // A walker outside any team, and staff, have no team here.
    expect((await setup.fx.query(loner.headers, MY_TEAM)).body.data.myTeam).toBeNull();
    expect((await setup.fx.query('coordinator', MY_TEAM)).body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('shows no team for a date the walker took off their sign-up, or is no longer confirmed for', async () => {
    const dayId = await newDay();
    const me = await setup.fx.makeParticipant(setup.fx.schouwA);
    const mine = await signUp(dayId, setup.fx.schouwA, 'Ik', 'RESIDENT', { participantId: me.id });
    await signUp(dayId, setup.fx.schouwA, 'Maat', 'RESIDENT');
    await compose(dayId, 2);
    expect((await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam).toMatchObject({ day: { id: dayId }, mates: ['Maat'] });
    await db().updateTable('signup_day').set({ status: 'WAITING', waiting_since: new Date().toISOString() }).where('signup_id', '=', mine).execute();
    expect((await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull();
    await db().deleteFrom('signup_day').where('signup_id', '=', mine).execute();
    expect((await setup.fx.query(me.headers, MY_TEAM)).body.data.myTeam).toBeNull();
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
});
