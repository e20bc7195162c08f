/**
 * Findings on the device: what this person recorded (local records) merged with what the
 * server last told about them (pulled FINDING snapshots: status, public messages).
 */
import type { Db, LocalRecord } from './idb';
import { localRecords } from './field-store';

/** Where a finding stands for the person: on the phone, sent, or refused (see Versturen). */
export type Delivery = 'unsent' | 'sent' | 'refused';

export interface MyFinding {
  id: string;
  data: LocalRecord['data'];
  createdAt: string;
  delivery: Delivery;
  status: string | null;
  statusHistory: { toStatus: string; publicMessage: string; at: string }[];
}

export async function myFindings(db: Db, campaignId: string): Promise<MyFinding[]> {
  const records = (await localRecords(db, 'finding')).filter((r) => r.campaignId === campaignId);
  const waiting = new Map((await db.getAll('outbox')).map((e) => [e.args.id as string, e.state === 'REJECTED' ? ('refused' as const) : ('unsent' as const)]));
  const result: MyFinding[] = [];
  for (const record of records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))) {
    const server = (await db.get('server', `FINDING:${record.id}`))?.data as { status?: string; statusHistory?: MyFinding['statusHistory'] } | undefined;
    result.push({ id: record.id, data: record.data, createdAt: record.createdAt, delivery: waiting.get(record.id) ?? 'sent', status: server?.status ?? null, statusHistory: server?.statusHistory ?? [] });
  }
  return result;
}

/** A photo still on the device, to show before it is uploaded. */
export async function localPhoto(db: Db, id: string): Promise<Blob | null> {
  const photo = await db.get('photos', id);
  return photo ? new Blob([photo.bytes], { type: 'image/jpeg' }) : null;
}
