/**
 * Findings on the device: what this person recorded (local records) merged with what the
 * server last told about them (pulled FINDING snapshots: status, public messages).
 */
import type { Db, LocalRecord } from './idb';
import { localRecords, pendingEntries } from './field-store';

export interface MyFinding {
  id: string;
  data: LocalRecord['data'];
  createdAt: string;
  sent: boolean;
  status: string | null;
  statusHistory: { toStatus: string; publicMessage: string; at: string }[];
}

export async function myFindings(db: Db, campaignId: string): Promise<MyFinding[]> {
  const records = (await localRecords(db, 'finding')).filter((r) => r.campaignId === campaignId);
  const pending = new Set((await pendingEntries(db)).map((e) => e.args.id as string));
  const result: MyFinding[] = [];
  for (const record of records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))) {
    const server = (await db.get('server', `FINDING:${record.id}`))?.data as { status?: string; statusHistory?: MyFinding['statusHistory'] } | undefined;
    result.push({ id: record.id, data: record.data, createdAt: record.createdAt, sent: !pending.has(record.id), status: server?.status ?? null, statusHistory: server?.statusHistory ?? [] });
  }
  return result;
}

/** A photo still on the device, to show before it is uploaded. */
export async function localPhoto(db: Db, id: string): Promise<Blob | null> {
  const photo = await db.get('photos', id);
  return photo ? new Blob([photo.bytes], { type: 'image/jpeg' }) : null;
}
