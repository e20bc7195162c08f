/** Walk dates and action days: added, and taken out again when entered by mistake. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const ADD = 'mutation($input: AddCampaignDayInput!) { addCampaignDay(input: $input) { id date } }';
const REMOVE = 'mutation($id: ID!) { removeCampaignDay(dayId: $id) { days { id date } } }';
const TALLY = 'mutation($input: RecordTallyEventInput!) { recordTallyEvent(input: $input) { areaCm2 } }';

describe('campaign days', () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await accessFixture();
  });
  afterAll(() => fx.t.close());

  it('takes out a day entered by mistake, and the campaign shows the days that are left', async () => {
    const added = (await fx.query('coordinator', ADD, { input: { campaignId: fx.campaignA.id, date: '2030-02-27' } })).body.data.addCampaignDay;
    const { body } = await fx.query('coordinator', REMOVE, { id: added.id });
    expect(body.data.removeCampaignDay.days.map((d: { id: string }) => d.id)).not.toContain(added.id);
    expect(body.data.removeCampaignDay.days.map((d: { id: string }) => d.id)).toContain(fx.dayA);
  });

  it('keeps a day on which tiles were counted, and says why', async () => {
    const added = (await fx.query('coordinator', ADD, { input: { campaignId: fx.campaignA.id, date: '2030-03-14' } })).body.data.addCampaignDay;
    await fx.query('coordinator', TALLY, { input: { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: added.id, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 2 } });
    const { body } = await fx.query('coordinator', REMOVE, { id: added.id });
    expect(body.errors[0].extensions.code).toBe('CONFLICT');
    expect(body.errors[0].message).toMatch(/al geteld/);
    const days = await fx.t.app.connection.db.selectFrom('campaign_day').select('id').where('id', '=', added.id).execute();
    expect(days).toHaveLength(1);
  });

  it('never leaves a campaign without days, and answers an unknown day like one that is not yours', async () => {
    const days = await fx.t.app.connection.db.selectFrom('campaign_day').select('id').where('campaign_id', '=', fx.schouwA.id).execute();
    for (const day of days.slice(1)) await fx.query('coordinator', REMOVE, { id: day.id });
    const last = await fx.query('coordinator', REMOVE, { id: days[0]!.id });
    expect(last.body.errors[0].extensions.code).toBe('CONFLICT');
    expect(last.body.errors[0].message).toMatch(/minstens één dag/);
    const unknown = await fx.query('coordinator', REMOVE, { id: uuidv7() });
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
