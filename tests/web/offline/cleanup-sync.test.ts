/**
 * The counter of a clean-up action against the real server, over HTTP with the sync
 * engine: the entries it writes (recordTallyEvent format 4, `unitCode`, no origin) and
 * its undo (a correction) are accepted, stored once with their units, and nothing waits
 * any more. An unsent entry of the app version before units (format 3, `sizeCode`) is
 * upcast and accepted beside them.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../../server/src/modules/campaign/campaign.service.js';
import { openDatabase } from '$lib/offline/idb';
import { SyncEngine } from '$lib/offline/sync';
import { SyncStatus } from '$lib/offline/sync-status.svelte';
import { createHttpTransport } from '$lib/offline/transport';
import { accessFixture, type AccessFixture } from '../../support/access-fixtures.js';
import { device, memoryStorage } from '../counter/counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('../counter/counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

describe('a clean-up counted on the phone, synced', () => {
  let fx: AccessFixture;
  let cleanup: Campaign;
  let dayId: string;

  beforeAll(async () => {
    fx = await accessFixture();
    const db = fx.t.app.connection.db;
    const admin = fx.asViewer('admin');
    const draft = await createCampaign(db, admin, {
      neighbourhoodId: fx.neighbourhoodA,
      kind: 'OPRUIMEN',
      name: 'Opruimactie Staatsliedenbuurt',
      days: [{ date: '2027-04-10' }],
      units: [{ code: 'ZAK_ZWERFVUIL', target: 40 }, { code: 'GROFVUIL' }, { code: 'TUIN_GEHOLPEN' }],
      requestId: 'test',
    });
    cleanup = await changeCampaignStatus(db, admin, { campaignId: draft.id, status: 'OPEN', requestId: 'test' });
    dayId = (await daysOfCampaigns(db, [cleanup.id]))[0]!.id;
  });
  afterAll(async () => {
    await fx?.t.close();
  });
  beforeEach(async () => {
    (globalThis as any).localStorage = memoryStorage();
    device.db = await openDatabase(`cleanup-sync-${uuidv7()}`);
  });

  it('sends every unit once, with the undo, and the server adds them up per unit', async () => {
    const { token } = await fx.makeParticipant(cleanup);
    const counter = new TallyCounter(cleanup.id);
    counter.choosePlace([{ id: dayId, date: '2027-04-10', label: null }], [fx.streetA], '2027-04-10');
    expect(counter.streetId).toBe(fx.streetA);
    await counter.add('ZAK_ZWERFVUIL', 3);
    await counter.add('GROFVUIL', 2);
    await counter.add('TUIN_GEHOLPEN', 1);
    await counter.undoLast();
    // Written by the app version before units, not sent before the update.
    await device.db.put('outbox', {
      seq: 5, mutationId: uuidv7(), name: 'recordTallyEvent', formatVersion: 3, state: 'PENDING', photoIds: [], membership: '',
      args: { id: uuidv7(), campaignId: cleanup.id, actionDayId: dayId, streetId: fx.streetA, sizeCode: 'TEGEL_30X30', count: 1, origin: null },
      clientTime: new Date().toISOString(), createdAt: new Date().toISOString(),
    });
    await device.db.put('meta', { key: 'nextSeq', value: 6 });

    const status = new SyncStatus();
    await new SyncEngine({ db: device.db, transport: createHttpTransport({ baseUrl: fx.t.url, token: () => token }), status }).syncNow();
    const outbox = await device.db.getAll('outbox');
    // The tile entry is refused by name (a clean-up counts no tiles); everything else arrived.
    expect(outbox.map((e) => [e.state, e.args.unitCode, e.rejection?.message])).toEqual([['REJECTED', 'TEGEL_30X30', 'Dit telt deze actie niet.']]);

    const rows = await fx.t.app.connection.db.selectFrom('tally_event').select(['unit_code', 'count', 'origin', 'area_cm2']).where('campaign_id', '=', cleanup.id).orderBy('id').execute();
    expect(rows).toEqual([
      { unit_code: 'ZAK_ZWERFVUIL', count: 3, origin: null, area_cm2: 0 },
      { unit_code: 'GROFVUIL', count: 2, origin: null, area_cm2: 0 },
      { unit_code: 'TUIN_GEHOLPEN', count: 1, origin: null, area_cm2: 0 },
      { unit_code: 'TUIN_GEHOLPEN', count: -1, origin: null, area_cm2: 0 },
    ]);
    const { body } = await fx.query('coordinator', 'query($id: ID!) { tallyDashboard(campaignId: $id) { units { unit { code } quantity } } }', { id: cleanup.id });
    expect(body.data.tallyDashboard.units).toEqual([
      { unit: { code: 'ZAK_ZWERFVUIL' }, quantity: 3 },
      { unit: { code: 'GROFVUIL' }, quantity: 2 },
      { unit: { code: 'TUIN_GEHOLPEN' }, quantity: 0 },
    ]);
    // What this phone counted stays its own, sent or not.
    await counter.refresh();
    expect(counter.totals.mine).toEqual({ ZAK_ZWERFVUIL: 3, GROFVUIL: 2 });
    expect(counter.totals.pending).toEqual({});
    // The street's totals come from the server's pulled totals per unit (sync-pull.service.ts).
    expect(counter.totals.street).toEqual({ ZAK_ZWERFVUIL: 3, GROFVUIL: 2 });
    expect(counter.totals.campaign).toEqual({ ZAK_ZWERFVUIL: 3, GROFVUIL: 2 });
  });
});
