/**
 * Running totals of a counting activity on the device: what the server last confirmed
 * (pulled TALLY_TOTALS) plus what is still waiting in the outbox, and this device's own
 * totals. A tegelwip action adds up area (cm²); a clean-up action adds up a quantity per
 * unit (bags, items, gardens), and so does a tegelwip one, per tile size. Records stored
 * before units name their unit `sizeCode`; they count all the same.
 */
import { isUnitCode, type UnitCode } from '@buurtkracht/protocol/tally-units';
import type { Db, LocalRecord } from './idb';
import { localRecords, pendingEntries, serverSnapshot } from './field-store';

/** Net quantity per unit (pieces, bags, items, gardens; cm² for AREA); units with none are absent. */
export type UnitQuantities = Partial<Record<UnitCode, number>>;

export interface DeviceTallyTotals {
  /** Everything recorded on this device, sent or not. */
  mineCm2: number;
  streetCm2: number;
  campaignCm2: number;
  /** The part of the totals still on this device only. */
  pendingCm2: number;
  /** Per unit, as the areas above; `mineOnStreet` is this device's part of `street`. */
  mine: UnitQuantities;
  mineOnStreet: UnitQuantities;
  street: UnitQuantities;
  campaign: UnitQuantities;
  pending: UnitQuantities;
}

export const NO_TALLY_TOTALS: DeviceTallyTotals = { mineCm2: 0, streetCm2: 0, campaignCm2: 0, pendingCm2: 0, mine: {}, mineOnStreet: {}, street: {}, campaign: {}, pending: {} };

/** A unit's line in the pulled totals (sync-pull.service.ts); servers from before units send none. */
interface ServerUnitTally {
  unitCode: string;
  quantity: number;
}

interface ServerTotals {
  total: { areaCm2: number };
  streets: { streetId: string; areaCm2: number; units?: ServerUnitTally[] }[];
  units?: ServerUnitTally[];
}

/** A record's unit: `unitCode`, or `sizeCode` in a record stored before units. */
export function unitOfRecord(record: Pick<LocalRecord, 'data'>): UnitCode | null {
  const code = record.data.unitCode ?? record.data.sizeCode;
  return isUnitCode(code) ? code : null;
}

/** Adds to one unit; a unit whose entries were all undone is absent again, as one never counted. */
function addTo(into: UnitQuantities, code: UnitCode | null, quantity: number): UnitQuantities {
  if (!code || quantity === 0) return into;
  const sum = (into[code] ?? 0) + quantity;
  if (sum === 0) delete into[code];
  else into[code] = sum;
  return into;
}

/** Per unit, the net count of these records (a correction's count is negative). */
export function quantitiesOf(records: readonly Pick<LocalRecord, 'data'>[]): UnitQuantities {
  return records.reduce((sum, r) => addTo(sum, unitOfRecord(r), Number(r.data.count ?? 0)), {} as UnitQuantities);
}

function serverQuantities(units: ServerUnitTally[] | undefined): UnitQuantities {
  const sum: UnitQuantities = {};
  for (const u of units ?? []) if (isUnitCode(u.unitCode)) addTo(sum, u.unitCode, u.quantity);
  return sum;
}

function plus(a: UnitQuantities, b: UnitQuantities): UnitQuantities {
  const sum = { ...a };
  for (const [code, quantity] of Object.entries(b) as [UnitCode, number][]) addTo(sum, code, quantity);
  return sum;
}

export async function deviceTallyTotals(db: Db, campaignId: string, streetId: string | null): Promise<DeviceTallyTotals> {
  const records = (await localRecords(db, 'tally')).filter((r) => r.campaignId === campaignId);
  const pendingIds = new Set((await pendingEntries(db)).map((e) => e.args.id as string));
  const area = (sum: number, r: (typeof records)[number]) => sum + Number(r.data.areaCm2 ?? 0);
  const pending = records.filter((r) => pendingIds.has(r.id));
  const onStreet = (r: (typeof records)[number]) => r.data.streetId === streetId;
  const server = (await serverSnapshot(db, 'TALLY_TOTALS', campaignId))?.data as ServerTotals | undefined;
  const serverStreet = server?.streets.find((s) => s.streetId === streetId);
  const pendingQuantities = quantitiesOf(pending);
  return {
    mineCm2: records.reduce(area, 0),
    pendingCm2: pending.reduce(area, 0),
    campaignCm2: (server?.total.areaCm2 ?? 0) + pending.reduce(area, 0),
    streetCm2: (serverStreet?.areaCm2 ?? 0) + pending.filter(onStreet).reduce(area, 0),
    mine: quantitiesOf(records),
    mineOnStreet: quantitiesOf(records.filter(onStreet)),
    pending: pendingQuantities,
    campaign: plus(serverQuantities(server?.units), pendingQuantities),
    street: plus(serverQuantities(serverStreet?.units), quantitiesOf(pending.filter(onStreet))),
  };
}

/** The newest own entry that still stands for something (not a correction, not fully undone). */
export async function lastUndoableEntry(db: Db, campaignId: string) {
  // Newest first; two taps in the same millisecond are told apart by their ids (UUIDv7, in the order they were made).
  const newest = (a: LocalRecord, b: LocalRecord) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);
  const records = (await localRecords(db, 'tally')).filter((r) => r.campaignId === campaignId).sort(newest);
  const corrected = new Map<string, number>();
  for (const r of records) if (r.data.correctsEventId) corrected.set(String(r.data.correctsEventId), (corrected.get(String(r.data.correctsEventId)) ?? 0) + Number(r.data.count));
  for (const r of records) {
    if (r.data.correctsEventId) continue;
    const remaining = Number(r.data.count) + (corrected.get(r.id) ?? 0);
    if (remaining > 0) return { record: r, remaining };
  }
  return null;
}
