/**
 * Running tegelwip totals on the device: what the server last confirmed (pulled
 * TALLY_TOTALS) plus what is still waiting in the outbox, and this device's own total.
 */
import type { Db } from './idb';
import { localRecords, pendingEntries, serverSnapshot } from './field-store';

export interface DeviceTallyTotals {
  /** Everything recorded on this device, sent or not. */
  mineCm2: number;
  streetCm2: number;
  campaignCm2: number;
  /** The part of the totals still on this device only. */
  pendingCm2: number;
}

interface ServerTotals {
  total: { areaCm2: number };
  streets: { streetId: string; areaCm2: number }[];
}

export async function deviceTallyTotals(db: Db, campaignId: string, streetId: string | null): Promise<DeviceTallyTotals> {
  const records = (await localRecords(db, 'tally')).filter((r) => r.campaignId === campaignId);
  const pendingIds = new Set((await pendingEntries(db)).map((e) => e.args.id as string));
  const area = (r: (typeof records)[number]) => Number(r.data.areaCm2 ?? 0);
  const pending = records.filter((r) => pendingIds.has(r.id));
  const server = (await serverSnapshot(db, 'TALLY_TOTALS', campaignId))?.data as ServerTotals | undefined;
  const serverStreet = server?.streets.find((s) => s.streetId === streetId)?.areaCm2 ?? 0;
  return {
    mineCm2: records.reduce((sum, r) => sum + area(r), 0),
    pendingCm2: pending.reduce((sum, r) => sum + area(r), 0),
    campaignCm2: (server?.total.areaCm2 ?? 0) + pending.reduce((sum, r) => sum + area(r), 0),
    streetCm2: serverStreet + pending.filter((r) => r.data.streetId === streetId).reduce((sum, r) => sum + area(r), 0),
  };
}

/** The newest own entry that still stands for something (not a correction, not fully undone). */
export async function lastUndoableEntry(db: Db, campaignId: string) {
  const records = (await localRecords(db, 'tally')).filter((r) => r.campaignId === campaignId).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const corrected = new Map<string, number>();
  for (const r of records) if (r.data.correctsEventId) corrected.set(String(r.data.correctsEventId), (corrected.get(String(r.data.correctsEventId)) ?? 0) + Number(r.data.count));
  for (const r of records) {
    if (r.data.correctsEventId) continue;
    const remaining = Number(r.data.count) + (corrected.get(r.id) ?? 0);
    if (remaining > 0) return { record: r, remaining };
  }
  return null;
}
