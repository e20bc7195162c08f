/**
 * One counter for every counting activity, driven by the campaign's units: a clean-up
 * (opruimactie) counts bags, bulky items and gardens helped. Each entry is written in the
 * current command format (recordTallyEvent 4, with `unitCode`, and no origin for what is
 * not a tile); the running totals add up a quantity per unit, for the street and for this
 * phone; undo takes back the newest entry whatever its unit. The units come from the
 * campaign kept on the phone; a tegelwip campaign kept before units counts the tile sizes.
 */
import 'fake-indexeddb/auto';
import { CURRENT_FORMAT } from '@buurtkracht/protocol/command-formats';
import { DEFAULT_CLEANUP_UNITS } from '@buurtkracht/protocol/tally-units';
import { PIECE_SIZE_CODES, SIZE_CODES } from '@buurtkracht/protocol/tile-sizes';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BIG_CLEANUP_COUNT, isBigEntry } from '$lib/counter/big-entry';
import { entryAmount } from '$lib/counter/unit-words';
import { counterUnitsOf, countsTiles, measuresArea, tappedUnits, totalsInArea } from '$lib/counter/units';
import { openDatabase } from '$lib/offline/idb';
import { device, memoryStorage } from './counter-device';

vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
const { TallyCounter } = await import('$lib/counter/counter.svelte');

const days = [{ id: 'd1', date: '2027-04-10', label: 'Opruimdag' }];
const cleanupUnits = [
  { code: 'ZAK_ZWERFVUIL', areaCm2PerPiece: 0, measured: false, target: 100 },
  { code: 'GROFVUIL', areaCm2PerPiece: 0, measured: false, target: null },
  { code: 'TUIN_GEHOLPEN', areaCm2PerPiece: 0, measured: false, target: 20 },
];
let databases = 0;

describe('the counter of a clean-up', () => {
  beforeEach(async () => {
    (globalThis as any).localStorage = memoryStorage();
    device.db = await openDatabase(`counter-units-${++databases}`);
  });
  afterEach(() => device.db.close());

  const counterOn = (streetId: string) => {
    const counter = new TallyCounter('c1');
    counter.choosePlace(days, ['s1', 's2'], '2027-04-10');
    counter.streetId = streetId;
    counter.rememberPlace();
    return counter;
  };

  it('adds per unit, for the street and for this phone, and writes format 4 with the unit and no origin', async () => {
    const counter = counterOn('s1');
    await counter.add('ZAK_ZWERFVUIL', 3);
    await counter.add('GROFVUIL', 1);
    counter.streetId = 's2';
    await counter.add('ZAK_ZWERFVUIL', 2);
    await counter.add('TUIN_GEHOLPEN', 1);
    counter.streetId = 's1';
    await counter.refresh();

    expect(counter.totals.street).toEqual({ ZAK_ZWERFVUIL: 3, GROFVUIL: 1 });
    expect(counter.totals.mineOnStreet).toEqual({ ZAK_ZWERFVUIL: 3, GROFVUIL: 1 });
    expect(counter.totals.mine).toEqual({ ZAK_ZWERFVUIL: 5, GROFVUIL: 1, TUIN_GEHOLPEN: 1 });
    // Nothing was sent yet: the campaign's total is what waits on this phone.
    expect(counter.totals.campaign).toEqual(counter.totals.mine);
    expect(counter.totals.pending).toEqual(counter.totals.mine);
    // Bags have no area: nothing of them is counted as removed paving.
    expect([counter.totals.mineCm2, counter.totals.streetCm2]).toEqual([0, 0]);

    const entries = await device.db.getAll('outbox');
    expect(entries.map((e) => e.formatVersion)).toEqual(Array(4).fill(CURRENT_FORMAT.recordTallyEvent));
    expect(CURRENT_FORMAT.recordTallyEvent).toBe(4);
    expect(entries[0]!.args).toEqual({ id: entries[0]!.args.id, campaignId: 'c1', actionDayId: 'd1', streetId: 's1', houseNumber: null, unitCode: 'ZAK_ZWERFVUIL', count: 3 });
    for (const entry of entries) {
      expect(entry.args).not.toHaveProperty('origin');
      expect(entry.args).not.toHaveProperty('sizeCode');
    }
  });

  it('undoes the newest entry whatever its unit, one after another, with a correction that keeps the unit', async () => {
    const counter = counterOn('s1');
    await counter.add('ZAK_TUINAFVAL', 4);
    await counter.add('GROFVUIL', 2);
    await counter.refresh();
    expect(counter.undoable).toMatchObject({ unitCode: 'GROFVUIL', remaining: 2 });

    expect(await counter.undoLast()).toBe('2 stuks grofvuil');
    await counter.refresh();
    expect(counter.totals.street).toEqual({ ZAK_TUINAFVAL: 4 });
    expect(counter.undoable).toMatchObject({ unitCode: 'ZAK_TUINAFVAL', remaining: 4 });

    expect(await counter.undoLast()).toBe('4 zakken tuinafval');
    await counter.refresh();
    expect(counter.totals.street).toEqual({});
    expect(counter.undoable).toBeNull();
    expect(await counter.undoLast()).toBeNull();

    const corrections = (await device.db.getAll('outbox')).filter((e) => e.name === 'correctTallyEvent');
    expect(corrections.map((e) => e.args.count)).toEqual([2, 4]);
    const records = await device.db.getAll('records');
    expect(records.filter((r) => r.data.correctsEventId).map((r) => [r.data.unitCode, r.data.count])).toEqual([
      ['GROFVUIL', -2],
      ['ZAK_TUINAFVAL', -4],
    ]);
  });

  it('still sends where tiles came from, and only for tiles', async () => {
    const counter = counterOn('s1');
    counter.chooseOrigin('GARDEN');
    await counter.add('TEGEL_30X30', 2);
    await counter.add('ZAK_TUINAFVAL', 1);
    const [tile, bag] = await device.db.getAll('outbox');
    expect(tile!.args).toMatchObject({ unitCode: 'TEGEL_30X30', origin: 'GARDEN' });
    expect(bag!.args).not.toHaveProperty('origin');
  });

  it('says an entry in words: bags and items by name, tiles by size, a measured area in m²', () => {
    expect(entryAmount('ZAK_ZWERFVUIL', 1)).toBe('1 zak zwerfvuil');
    expect(entryAmount('ZAK_ZWERFVUIL', 3)).toBe('3 zakken zwerfvuil');
    expect(entryAmount('TUIN_GEHOLPEN', 2)).toBe('2 tuinen geholpen');
    expect(entryAmount('TEGEL_30X30', 1)).toBe('1 × 30×30');
    expect(entryAmount('KLINKER_20X10', 4)).toBe('4 × klinker 20×10');
    expect(entryAmount('AREA', 15_000)).toBe('1,5 m² gemeten');
    expect(entryAmount('ZAK_GLAS', 2)).toBe('2');
  });

  it('asks about a clean-up entry above 50 of one unit, and about tiles as before', () => {
    expect(BIG_CLEANUP_COUNT).toBe(50);
    expect(isBigEntry('ZAK_ZWERFVUIL', 50)).toBe(false);
    expect(isBigEntry('ZAK_ZWERFVUIL', 51)).toBe(true);
    expect(isBigEntry('TUIN_GEHOLPEN', 51)).toBe(true);
    expect(isBigEntry('TEGEL_30X30', 51)).toBe(false);
    expect(isBigEntry('TEGEL_30X30', 201)).toBe(true);
  });
});

describe('the units a counter offers', () => {
  it("offers the campaign's units in its order: +1 per unit, no measuring, no origin, no m² for a clean-up", () => {
    const units = counterUnitsOf({ kind: 'OPRUIMEN', units: cleanupUnits });
    expect(units.map((u) => u.code)).toEqual(['ZAK_ZWERFVUIL', 'GROFVUIL', 'TUIN_GEHOLPEN']);
    expect(tappedUnits(units)).toHaveLength(3);
    expect([measuresArea(units), countsTiles(units), totalsInArea(units)]).toEqual([false, false, false]);
  });

  it('offers the tile sizes (+1 for pieces, measuring for AREA, origin, m²) to a tegelwip campaign, also one kept before units', () => {
    const fromServer = counterUnitsOf({ kind: 'TEGELWIPPEN', units: SIZE_CODES.map((code) => ({ code, areaCm2PerPiece: code === 'AREA' ? 1 : 900, measured: code === 'AREA', target: null })) });
    const keptBefore = counterUnitsOf({ kind: 'TEGELWIPPEN' });
    for (const units of [fromServer, keptBefore]) {
      expect(tappedUnits(units).map((u) => u.code)).toEqual(PIECE_SIZE_CODES);
      expect([measuresArea(units), countsTiles(units), totalsInArea(units)]).toEqual([true, true, true]);
    }
    expect(keptBefore.find((u) => u.code === 'TEGEL_40X40')?.areaCm2PerPiece).toBe(1600);
  });

  it('offers nothing to a clean-up kept without units (it is fetched again), and leaves out units this app does not know', () => {
    expect(counterUnitsOf({ kind: 'OPRUIMEN' })).toEqual([]);
    expect(counterUnitsOf({ kind: 'SCHOUW', units: [] })).toEqual([]);
    const withNew = counterUnitsOf({ kind: 'OPRUIMEN', units: [...cleanupUnits, { code: 'ZAK_GLAS', areaCm2PerPiece: 0, measured: false, target: null }] });
    expect(withNew.map((u) => u.code)).toEqual(['ZAK_ZWERFVUIL', 'GROFVUIL', 'TUIN_GEHOLPEN']);
    expect(DEFAULT_CLEANUP_UNITS.every((code) => tappedUnits(counterUnitsOf({ kind: 'OPRUIMEN', units: [{ code, areaCm2PerPiece: 0, measured: false }] })).length === 1)).toBe(true);
  });
});
