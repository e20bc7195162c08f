/**
 * The counter's running totals on the device: what the server last confirmed (the pulled
 * TALLY_TOTALS, per unit when the server says so) plus what still waits in the outbox.
 * Records stored by an app version from before units name their tile size `sizeCode`:
 * they still count, in m² and per unit, and can still be undone.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/offline/idb';
import { recordLocally } from '$lib/offline/outbox';
import { deviceTallyTotals, lastUndoableEntry, quantitiesOf } from '$lib/offline/tally-totals';

let databases = 0;
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openDatabase(`tally-totals-${++databases}`);
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

/** A tally entry and its record as the counter writes them; `old` writes them as the app did before units. */
async function counted(db: Db, id: string, unit: string, count: number, streetId: string, areaCm2 = 0, old = false, at = new Date()) {
  const key = old ? 'sizeCode' : 'unitCode';
  await recordLocally(
    db,
    { name: 'recordTallyEvent', args: { id, campaignId: 'c1', actionDayId: 'd1', streetId, [key]: unit, count }, record: { id, type: 'tally', campaignId: 'c1', data: { [key]: unit, count, areaCm2, streetId, dayId: 'd1' } } },
    at,
  );
}

describe('running totals on the device', () => {
  it('still counts records stored before units (sizeCode), in m² and per unit, and undoes them', async () => {
    const db = await freshDb();
    await counted(db, 'e1', 'TEGEL_30X30', 4, 's1', 3600, true, new Date('2027-03-21T10:00:00Z'));
    await counted(db, 'e2', 'TEGEL_40X40', 1, 's1', 1600, false, new Date('2027-03-21T10:01:00Z'));
    const totals = await deviceTallyTotals(db, 'c1', 's1');
    expect([totals.mineCm2, totals.streetCm2, totals.campaignCm2, totals.pendingCm2]).toEqual([5200, 5200, 5200, 5200]);
    expect(totals.mine).toEqual({ TEGEL_30X30: 4, TEGEL_40X40: 1 });
    expect(totals.street).toEqual({ TEGEL_30X30: 4, TEGEL_40X40: 1 });

    // The old record's correction (as an older app wrote it, sizeCode) takes it back.
    await recordLocally(
      db,
      { name: 'correctTallyEvent', args: { id: 'k2', correctsEventId: 'e2', count: 1 }, record: { id: 'k2', type: 'tally', campaignId: 'c1', data: { sizeCode: 'TEGEL_40X40', count: -1, areaCm2: -1600, streetId: 's1', correctsEventId: 'e2' } } },
      new Date('2027-03-21T10:02:00Z'),
    );
    const last = await lastUndoableEntry(db, 'c1');
    expect([last?.record.id, last?.remaining]).toEqual(['e1', 4]);
    expect(quantitiesOf([last!.record])).toEqual({ TEGEL_30X30: 4 });
    expect((await deviceTallyTotals(db, 'c1', 's1')).mine).toEqual({ TEGEL_30X30: 4 });
  });

  it("adds what waits to the server's totals per unit, for the campaign and the street", async () => {
    const db = await freshDb();
    await db.put('server', {
      key: 'TALLY_TOTALS:c1',
      entityType: 'TALLY_TOTALS',
      entityId: 'c1',
      seq: 7,
      data: {
        total: { areaCm2: 0 },
        units: [
          { unitCode: 'ZAK_ZWERFVUIL', quantity: 10 },
          { unitCode: 'GROFVUIL', quantity: 2 },
        ],
        streets: [
          { streetId: 's1', areaCm2: 0, units: [{ unitCode: 'ZAK_ZWERFVUIL', quantity: 6 }] },
          { streetId: 's2', areaCm2: 0, units: [{ unitCode: 'GROFVUIL', quantity: 2 }, { unitCode: 'ZAK_ZWERFVUIL', quantity: 4 }] },
        ],
      },
    });
    await counted(db, 'e1', 'ZAK_ZWERFVUIL', 3, 's1');
    await counted(db, 'e2', 'TUIN_GEHOLPEN', 1, 's2');
    // Confirmed by the server already: in its totals, not waiting any more.
    await counted(db, 'e0', 'ZAK_ZWERFVUIL', 5, 's1');
    const sent = (await db.getAll('outbox')).find((e) => e.args.id === 'e0')!;
    await db.delete('outbox', sent.mutationId);

    const totals = await deviceTallyTotals(db, 'c1', 's1');
    expect(totals.campaign).toEqual({ ZAK_ZWERFVUIL: 13, GROFVUIL: 2, TUIN_GEHOLPEN: 1 });
    expect(totals.street).toEqual({ ZAK_ZWERFVUIL: 9 });
    expect(totals.mineOnStreet).toEqual({ ZAK_ZWERFVUIL: 8 });
    expect(totals.mine).toEqual({ ZAK_ZWERFVUIL: 8, TUIN_GEHOLPEN: 1 });
    expect(totals.pending).toEqual({ ZAK_ZWERFVUIL: 3, TUIN_GEHOLPEN: 1 });
  });

  it('counts only what waits when the server sent no units (an older server)', async () => {
    const db = await freshDb();
    await db.put('server', { key: 'TALLY_TOTALS:c1', entityType: 'TALLY_TOTALS', entityId: 'c1', seq: 1, data: { total: { areaCm2: 9000 }, streets: [{ streetId: 's1', areaCm2: 9000 }] } });
    await counted(db, 'e1', 'TEGEL_30X30', 1, 's1', 900);
    const totals = await deviceTallyTotals(db, 'c1', 's1');
    expect([totals.streetCm2, totals.campaignCm2]).toEqual([9900, 9900]);
    expect(totals.street).toEqual({ TEGEL_30X30: 1 });
  });

  it('takes back the newest of two entries made in the same millisecond', async () => {
    const db = await freshDb();
    const at = new Date('2027-03-21T10:00:00Z');
    await counted(db, '0190a000-0000-7000-8000-000000000001', 'ZAK_ZWERFVUIL', 1, 's1', 0, false, at);
    await counted(db, '0190a000-0000-7000-8000-000000000002', 'GROFVUIL', 1, 's1', 0, false, at);
    expect((await lastUndoableEntry(db, 'c1'))?.record.data.unitCode).toBe('GROFVUIL');
  });
});
