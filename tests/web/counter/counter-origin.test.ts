/**
 * The counter says where the tiles came from (Tuin / Openbare ruimte, or nothing): each
 * entry it writes carries the chosen origin in the current command format, and the choice
 * holds for the street it was made on, also after the page closes.
 */
import 'fake-indexeddb/auto';
import { CURRENT_FORMAT } from '@buurtkracht/protocol/command-formats';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '$lib/offline/idb';
import { device, memoryStorage } from './counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

const days = [{ id: 'd1', date: '2027-03-21', label: null }];
let databases = 0;

describe('where the counted tiles came from', () => {
  beforeEach(async () => {
    (globalThis as any).localStorage = memoryStorage();
    device.db = await openDatabase(`counter-origin-${++databases}`);
  });
  afterEach(() => device.db.close());

  const counterOn = (streetId: string) => {
    const counter = new TallyCounter('c1');
    counter.choosePlace(days, ['s1', 's2'], '2027-03-21');
    counter.streetId = streetId;
    counter.rememberPlace();
    return counter;
  };
  const sent = async () => (await device.db.getAll('outbox')).map((e) => ({ formatVersion: e.formatVersion, origin: e.args.origin }));

  it('says nothing until chosen, then sends the chosen origin with every entry; the chosen one again says nothing', async () => {
    const counter = counterOn('s1');
    expect(counter.origin).toBeNull();
    await counter.add('TEGEL_30X30', 1);
    counter.chooseOrigin('GARDEN');
    await counter.add('TEGEL_30X30', 1);
    await counter.addArea(100, 50);
    counter.chooseOrigin('PUBLIC');
    await counter.add('KLINKER_20X10', 4);
    counter.chooseOrigin('PUBLIC');
    await counter.add('TEGEL_60X60', 1);
    const format = CURRENT_FORMAT.recordTallyEvent;
    expect(await sent()).toEqual([
      { formatVersion: format, origin: null },
      { formatVersion: format, origin: 'GARDEN' },
      { formatVersion: format, origin: 'GARDEN' },
      { formatVersion: format, origin: 'PUBLIC' },
      { formatVersion: format, origin: null },
    ]);
    expect(format).toBe(4);
    // Format 4 names the unit counted; a tile size is one.
    expect((await device.db.getAll('outbox')).map((e) => e.args.unitCode)).toEqual(['TEGEL_30X30', 'TEGEL_30X30', 'AREA', 'KLINKER_20X10', 'TEGEL_60X60']);
  });

  it('keeps the choice for the street, after the page closes too, and starts without one on another street', async () => {
    counterOn('s1').chooseOrigin('GARDEN');
    const reopened = new TallyCounter('c1');
    reopened.choosePlace(days, ['s1', 's2'], '2027-03-21');
    expect([reopened.streetId, reopened.origin]).toEqual(['s1', 'GARDEN']);

    reopened.streetId = 's2';
    expect(reopened.origin).toBeNull();
    reopened.rememberPlace();
    await reopened.add('TEGEL_30X30', 1);
    expect((await sent()).at(-1)!.origin).toBeNull();
    expect(new TallyCounter('c1').origin).toBeNull();
  });
});
