/**
 * The tile counter's state: the chosen action day, street and house number, the running
 * totals (confirmed by the server plus what is still on the device), and the actions:
 * add tiles, add a measured area, undo the last entry (as a correction event).
 */
import { v7 as uuidv7 } from 'uuid';
import { fieldApp } from '$lib/offline/field-app.svelte';
import { deviceTallyTotals, lastUndoableEntry, type DeviceTallyTotals } from '$lib/offline/tally-totals';
import { areaOf, TILE_SIZES, type TileSizeCode } from './tile-sizes';

const PLACE_KEY = 'buurtkracht.counter.place';

export const MAX_COUNT = 5000;
export const MAX_SIDE_CM = 2000;

export function describeEntry(sizeCode: string, count: number): string {
  if (sizeCode === 'AREA') return `${(count / 10_000).toLocaleString('nl-NL', { maximumFractionDigits: 2 })} m² gemeten`;
  const size = TILE_SIZES.find((s) => s.code === sizeCode);
  return `${count} × ${size?.label ?? sizeCode}`;
}

export class TileCounter {
  dayId = $state('');
  streetId = $state('');
  houseNumber = $state('');
  totals = $state<DeviceTallyTotals>({ mineCm2: 0, streetCm2: 0, campaignCm2: 0, pendingCm2: 0 });
  undoable = $state<{ id: string; sizeCode: string; remaining: number } | null>(null);
  /** The last thing that happened, for the live region. */
  announcement = $state('');

  constructor(readonly campaignId: string) {
    const saved = JSON.parse(globalThis.localStorage?.getItem(PLACE_KEY) ?? 'null') as { dayId: string; streetId: string } | null;
    if (saved) {
      this.dayId = saved.dayId;
      this.streetId = saved.streetId;
    }
  }

  rememberPlace(): void {
    localStorage.setItem(PLACE_KEY, JSON.stringify({ dayId: this.dayId, streetId: this.streetId }));
  }

  async refresh(): Promise<void> {
    this.totals = await deviceTallyTotals(fieldApp.db, this.campaignId, this.streetId || null);
    const last = await lastUndoableEntry(fieldApp.db, this.campaignId);
    this.undoable = last ? { id: last.record.id, sizeCode: String(last.record.data.sizeCode), remaining: last.remaining } : null;
  }

  async add(sizeCode: TileSizeCode, count: number): Promise<void> {
    if (!this.dayId || !this.streetId) return;
    const id = uuidv7();
    const args = { id, campaignId: this.campaignId, actionDayId: this.dayId, streetId: this.streetId, houseNumber: this.houseNumber.trim() || null, sizeCode, count };
    await fieldApp.write({
      name: 'recordTallyEvent',
      args,
      record: { id, type: 'tally', campaignId: this.campaignId, data: { sizeCode, count, areaCm2: areaOf(sizeCode, count), streetId: this.streetId, dayId: this.dayId } },
    });
    // The page refreshes the totals when fieldApp.version moves; no second read here.
    this.announcement = describeEntry(sizeCode, count);
  }

  async addArea(lengthCm: number, widthCm: number): Promise<void> {
    await this.add('AREA', lengthCm * widthCm);
  }

  /** Takes back what is left of the newest entry, with a correction that names it. */
  async undoLast(): Promise<string | null> {
    const last = await lastUndoableEntry(fieldApp.db, this.campaignId);
    if (!last) return null;
    const { record, remaining } = last;
    const sizeCode = String(record.data.sizeCode) as TileSizeCode;
    const id = uuidv7();
    await fieldApp.write({
      name: 'correctTallyEvent',
      args: { id, correctsEventId: record.id, count: remaining },
      record: { id, type: 'tally', campaignId: this.campaignId, data: { sizeCode, count: -remaining, areaCm2: -areaOf(sizeCode, remaining), streetId: record.data.streetId, correctsEventId: record.id } },
    });
    const what = describeEntry(sizeCode, remaining);
    this.announcement = what;
    return what;
  }
}
