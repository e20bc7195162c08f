/** The tally ledger of a tegelwip action over real SQLite (the generic ledger; a clean-up: cleanup-ledger.test.ts): tile units, NK tiles, corrections, idempotency, ranking. */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { nkTilesOf } from '@buurtkracht/protocol/tile-sizes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { publicProgress, tallyDashboard } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { changeCampaignStatus } from '../../server/src/modules/campaign/campaign.service.js';
import { tallyFixture, type TallyFixture } from '../support/tally-fixture.js';

describe('tally ledger', () => {
  let fx: TallyFixture;
  beforeEach(async () => {
    fx = await tallyFixture();
  });
  afterEach(() => fx.close());

  const record = (viewer: Parameters<typeof recordTallyEvent>[1], unitCode: UnitCode, count: number, street = 0, day = 0, id = uuidv7()) =>
    fx.db.transaction().execute((trx) =>
      recordTallyEvent(trx, viewer, { id, campaignId: fx.campaign.id, actionDayId: fx.dayIds[day]!, streetId: fx.streetIds[street]!, unitCode, count }),
    );
  const correct = (viewer: Parameters<typeof correctTallyEvent>[1], correctsEventId: string, count: number, id = uuidv7()) =>
    fx.db.transaction().execute((trx) => correctTallyEvent(trx, viewer, { id, correctsEventId, count }));

  it('records entries per size code and totals them in cm², m² and NK tiles', async () => {
    const p = await fx.participant('Anna', true);
    await record(p, 'TEGEL_30X30', 10); // 9000
    await record(p, 'TEGEL_60X60', 2, 1); // 7200
    await record(p, 'AREA', 12_345, 2); // measured
    const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id);
    // The net count of all units together mixes pieces with the cm² of AREA: tiles rank by area.
    expect(dashboard.total).toEqual({ areaCm2: 28_545, nkTiles: nkTilesOf(28_545), entries: 3, quantity: 10 + 2 + 12_345 });
    expect(dashboard.targetAreaCm2).toBe(5_000_000);
    expect(dashboard.streets.map((s) => s.areaCm2)).toEqual([12_345, 9000, 7200]);
  });

  it('counts an event sent twice once', async () => {
    const p = await fx.participant('Anna', true);
    const id = uuidv7();
    const first = await record(p, 'TEGEL_30X30', 4, 0, 0, id);
    const again = await record(p, 'TEGEL_30X30', 4, 0, 0, id);
    expect(again).toEqual(first);
    expect((await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id)).total.areaCm2).toBe(3600);
  });

  it('corrects with a negative event that names the entry, and never below zero', async () => {
    const p = await fx.participant('Anna', true);
    const entry = await record(p, 'TEGEL_40X40', 5);
    const correction = await correct(p, entry.id, 2);
    expect(correction).toMatchObject({ count: -2, areaCm2: -3200, correctsEventId: entry.id, unitCode: 'TEGEL_40X40', streetId: entry.streetId });
    await expect(correct(p, entry.id, 4)).rejects.toMatchObject({ code: 'CONFLICT', message: 'Je kunt hoogstens 3 weghalen van deze telling.' });
    await correct(p, entry.id, 3);
    await expect(correct(p, entry.id, 1)).rejects.toMatchObject({ message: 'Deze telling is al helemaal weggehaald.' });
    await expect(correct(p, correction.id, 1)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id);
    expect(dashboard.total).toMatchObject({ areaCm2: 0, entries: 3 });
    expect(dashboard.streets.every((s) => s.areaCm2 >= 0)).toBe(true);
  });

  it('lets participants correct only their own entries; coordinators any', async () => {
    const anna = await fx.participant('Anna', true);
    const bram = await fx.participant('Bram', true);
    const entry = await record(anna, 'TEGEL_30X30', 3);
    await expect(correct(bram, entry.id, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(correct(fx.coordinator, entry.id, 1)).resolves.toMatchObject({ count: -1, participantId: anna.participantId });
  });

  it('refuses bad input and changes nothing', async () => {
    const p = await fx.participant('Anna', true);
    await expect(record(p, 'TEGEL_30X30', 0)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(record(p, 'TEGEL_30X30', 5001)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(record(p, 'TEGEL_30X30', 1.5)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      fx.db.transaction().execute((trx) => recordTallyEvent(trx, p, { id: uuidv7(), campaignId: fx.campaign.id, actionDayId: 'geen-dag', streetId: fx.streetIds[0]!, unitCode: 'TEGEL_30X30', count: 1 })),
    ).rejects.toMatchObject({ message: 'Deze actiedag hoort niet bij deze actie.' });
    await expect(
      fx.db.transaction().execute((trx) => recordTallyEvent(trx, p, { id: uuidv7(), campaignId: fx.campaign.id, actionDayId: fx.dayIds[0]!, streetId: 'geen-straat', unitCode: 'TEGEL_30X30', count: 1 })),
    ).rejects.toMatchObject({ message: 'Deze straat hoort niet bij deze buurt.' });
    expect(await fx.db.selectFrom('tally_event').selectAll().execute()).toEqual([]);
    expect(await fx.db.selectFrom('tally_rollup').selectAll().execute()).toEqual([]);
  });

  it('accepts late entries recorded before closing, and refuses entries made after', async () => {
    const p = await fx.participant('Anna', true);
    const before = new Date(Date.now() - 60_000).toISOString();
    await changeCampaignStatus(fx.db, fx.coordinator, { campaignId: fx.campaign.id, status: 'CLOSED', requestId: 't' });
    const late = (clientTime: string) =>
      fx.db.transaction().execute((trx) =>
        recordTallyEvent(trx, p, { id: uuidv7(), campaignId: fx.campaign.id, actionDayId: fx.dayIds[0]!, streetId: fx.streetIds[0]!, unitCode: 'TEGEL_30X30', count: 1, clientTime }),
      );
    await expect(late(before)).resolves.toMatchObject({ count: 1 });
    await expect(late(new Date(Date.now() + 60_000).toISOString())).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('ranks participants by area and shows names only with consent, else a stable pseudonym', async () => {
    const anna = await fx.participant('Anna', true);
    const bram = await fx.participant('Bram', false);
    await record(anna, 'TEGEL_30X30', 10);
    await record(bram, 'TEGEL_60X60', 10);
    const first = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id);
    expect(first.topParticipants.map((r) => [r.rank, r.name, r.isPseudonym])).toEqual([
      [1, expect.stringMatching(/^Buurtgenoot /), true],
      [2, 'Anna', false],
    ]);
    await record(bram, 'TEGEL_30X30', 1);
    const second = await tallyDashboard(fx.db, anna, fx.campaign.id);
    expect(second.topParticipants[0]!.name).toBe(first.topParticipants[0]!.name);
    // Another participant does not learn who is behind a pseudonym.
    expect(second.topParticipants[0]!.participantId).toBeNull();
    expect(second.topParticipants[1]!.participantId).toBe(anna.participantId);
  });

  it('gives per-street totals per household where the number of households is known', async () => {
    await fx.close();
    fx = await tallyFixture({ streets: 2, households: (i) => (i === 0 ? 40 : null) });
    await record(fx.coordinator, 'TEGEL_30X30', 100, 0);
    const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id);
    const [known, unknown] = dashboard.streets;
    expect(known).toMatchObject({ householdCount: 40, areaCm2PerHousehold: 2250 });
    expect(unknown).toMatchObject({ householdCount: null, areaCm2PerHousehold: null });
  });

  it('publishes progress without personal data, only when the public page is on', async () => {
    const p = await fx.participant('Anna', true);
    await fx.db.transaction().execute((trx) =>
      recordTallyEvent(trx, p, { id: uuidv7(), campaignId: fx.campaign.id, actionDayId: fx.dayIds[0]!, streetId: fx.streetIds[0]!, houseNumber: '12x', unitCode: 'TEGEL_30X30', count: 2 }),
    );
    const progress = await publicProgress(fx.db, fx.campaign.id);
    expect(progress.total.areaCm2).toBe(1800);
    // 12x, not 12a: a UUIDv7 (hex, from the clock) may hold "12a" for a minute at a time.
    expect(JSON.stringify(progress)).not.toMatch(/Anna|12x|participant/i);
    await fx.db.updateTable('campaign').set({ public_progress: 0 }).execute();
    await expect(publicProgress(fx.db, fx.campaign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('has no way to change or delete what an event counts: only house numbers can be erased', async () => {
    const repo = await import('../../server/src/modules/tally/tally.repo.js');
    const source = (await import('node:fs')).readFileSync(new URL('../../server/src/modules/tally/tally.repo.ts', import.meta.url), 'utf8');
    expect(Object.keys(repo).filter((name) => /update|delete|remove|set/i.test(name))).toEqual([]);
    expect(source).not.toMatch(/deleteFrom\('tally_event'\)/);
    const updates = [...source.matchAll(/updateTable\('tally_event'\)\.set\(([^)]*)\)/g)].map((m) => m[1]);
    expect(updates).toEqual(['{ house_number: null }']);
  });
});
