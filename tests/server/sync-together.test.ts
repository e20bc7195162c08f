/**
 * Batches that queued up while a transaction ran are applied together in the next one
 * (one commit for several phones). A batch that fails halfway must be undone alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { syncTogether } from '../../server/src/modules/sync/sync.service.js';
import { tallyDashboard } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { TestDevice } from '../support/sync-client.js';
import { tallyFixture, type TallyFixture } from '../support/tally-fixture.js';
import { failInsertsWhere } from '../support/test-database.js';

const silent = createLogger({ logLevel: 'silent' });

describe('sync batches applied together', () => {
  let fx: TallyFixture;
  afterEach(() => fx?.close());

  it('undoes a batch that fails after writing, alone, and commits the others with it', async () => {
    fx = await tallyFixture({ streets: 2, days: 1 });
    const [anna, bram] = [await fx.participant('Anna', true), await fx.participant('Bram', true)];
    const [annasPhone, bramsPhone] = [new TestDevice(), new TestDevice()];
    // Bram's batch breaks at its last statement, after its ledger rows were written.
    await failInsertsWhere(fx.db, 'sync_mutation', 'device_id', bramsPhone.id, 'disk trouble');
    const tally = (phone: TestDevice, count: number) => phone.tally(fx.campaign.id, fx.dayIds[0]!, fx.streetIds[0]!, count);
    const batch = (viewer: typeof anna, phone: TestDevice, counts: number[]) => ({ viewer, input: { deviceId: phone.id, mutations: counts.map((c) => tally(phone, c)) }, logger: silent, now: new Date() });

    const outcomes = await syncTogether(fx.db, [batch(anna, annasPhone, [1, 2]), batch(bram, bramsPhone, [10, 20]), batch(anna, annasPhone, [3])]);

    expect(outcomes.map((o) => o.result?.results.map((r) => r.status) ?? 'error')).toEqual([['APPLIED', 'APPLIED'], 'error', ['APPLIED']]);
    expect(String(outcomes[1]!.error)).toContain('disk trouble');
    const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id, 10);
    expect(dashboard.total.areaCm2).toBe(6 * 900); // Anna's 1 + 2 + 3 tiles; none of Bram's
    expect(await fx.db.selectFrom('sync_device').select('id').execute()).toEqual([{ id: annasPhone.id }]);
    expect((await fx.db.selectFrom('tally_event').select('id').execute()).length).toBe(3);
  });

  it('answers each batch in a shared transaction as if it came alone, duplicates included', async () => {
    fx = await tallyFixture({ streets: 1, days: 1 });
    const anna = await fx.participant('Anna', true);
    const phone = new TestDevice();
    const entries = [1, 2].map((c) => phone.tally(fx.campaign.id, fx.dayIds[0]!, fx.streetIds[0]!, c));
    const same = () => ({ viewer: anna, input: { deviceId: phone.id, mutations: entries }, logger: silent, now: new Date() });
    // The same batch twice in one transaction (a retry that overtook its own answer).
    const [first, second] = await syncTogether(fx.db, [same(), same()]);
    expect(first!.result!.results.map((r) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(second!.result!.results.map((r) => r.status)).toEqual(['DUPLICATE', 'DUPLICATE']);
    expect(second!.result!.results.map((r) => r.entityId)).toEqual(first!.result!.results.map((r) => r.entityId));
    expect((await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id, 10)).total.areaCm2).toBe(3 * 900);
  });
});
