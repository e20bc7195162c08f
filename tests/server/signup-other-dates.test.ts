/**
 * A date's planning says, per person, which other dates of the campaign they hold
 * (confirmed or waiting, in date order), so the coordinator's removal question can name
 * them. Read once for the whole date: as many SQL statements for eleven people as for one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupFixture, type SignupFixture } from '../support/signup-fixture.js';
import { countStatements } from '../support/statement-counter.js';

const PLANNING = `query($dayId: ID!) { dayPlanning(dayId: $dayId) {
  confirmed { displayName status otherDates { id date } }
  waiting { displayName status otherDates { id date } }
} }`;

interface Listed {
  displayName: string;
  status: string;
  otherDates: { id: string; date: string }[];
}

describe('the other dates a sign-up holds', () => {
  let fx: SignupFixture;
  const day = { first: '', second: '', third: '' };
  const dates = new Map<string, string>();
  beforeAll(async () => {
    fx = await signupFixture();
    // Added out of date order: the answer follows the dates, not the order they were made in.
    day.third = await fx.addDay(fx.campaignA, 90);
    day.first = await fx.addDay(fx.campaignA, 70);
    day.second = await fx.addDay(fx.campaignA, 80);
    const rows = await fx.t.app.connection.db.selectFrom('campaign_day').select(['id', 'date']).execute();
    for (const row of rows) dates.set(row.id, row.date);
    await fx.query('coordinator', 'mutation($dayId: ID!) { setCampaignDayCapacity(dayId: $dayId, capacity: 1) { capacity } }', { dayId: day.second });
  });
  afterAll(() => fx?.t.close());

  const planning = async (dayId: string): Promise<Listed[]> => {
    const { body } = await fx.query('coordinator', PLANNING, { dayId });
    expect(body.errors).toBeUndefined();
    return [...body.data.dayPlanning.confirmed, ...body.data.dayPlanning.waiting];
  };
  const on = (...ids: string[]) => ids.map((id) => ({ id, date: dates.get(id) }));
  const signUp = async (displayName: string, dayIds: string[]) => expect((await fx.signUpTegelwip({ displayName, dayIds })).body.errors).toBeUndefined();

  it('names the other dates, confirmed or waiting, in date order; none for someone with one date', async () => {
    await signUp('Fleur', [day.second]);
    await signUp('Anna', [day.third, day.first, day.second]);
    await signUp('Bram', [day.first]);
    const first = await planning(day.first);
    expect(first).toEqual([
      { displayName: 'Anna', status: 'CONFIRMED', otherDates: on(day.second, day.third) },
      { displayName: 'Bram', status: 'CONFIRMED', otherDates: [] },
    ]);
    // On the full date Anna waits; her other dates are the two she is confirmed on.
    expect(await planning(day.second)).toEqual([
      { displayName: 'Fleur', status: 'CONFIRMED', otherDates: [] },
      { displayName: 'Anna', status: 'WAITING', otherDates: on(day.first, day.third) },
    ]);
  });

  it('reads them once for the whole date, not per person', async () => {
    const counted = async (dayId: string) => {
      const { count, result: listed } = await countStatements(fx.t.app, () => planning(dayId));
      return { count, people: listed.length };
    };
    const few = await counted(day.third);
    for (let i = 0; i < 10; i++) await signUp(`Loper ${i}`, [day.first, day.third, day.second]);
    const many = await counted(day.third);
    expect([few.people, many.people]).toEqual([1, 11]);
    expect(many.count).toBe(few.count);
  });
});
