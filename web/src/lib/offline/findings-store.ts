/**
 * The walker's schouw work on the device: answers (observations) and findings, from the
 * local records, merged with what the server last told about the findings (pulled
 * FINDING snapshots: status, public messages, action plan items).
 *
 * App versions from before observations stored every checklist answer as a local record
 * of type 'finding' with the item it answers (`itemId`). Those are read as observations
 * here, at read time, so nothing in IndexedDB has to change and their unsent
 * `answerChecklistItem` entries stay as they are (the server upcasts them).
 */
import type { Db, LocalRecord } from './idb';
import { localRecords } from './field-store';

/** Where a record stands for the person: on the phone, sent, or refused (see Versturen). */
export type Delivery = 'unsent' | 'sent' | 'refused';

export interface MyObservation {
  id: string;
  spotId: string;
  itemId: string;
  prompt: string;
  /** The theme of the item's section. */
  theme: string;
  rating: string | null;
  answer: string | null;
  createdAt: string;
  delivery: Delivery;
}

/** An action plan item a finding belongs to, as the server shows it to residents. */
export interface MyActionItem {
  id: string;
  title: string;
  status: string;
  publicMessage: string | null;
}

export interface MyFinding {
  id: string;
  data: LocalRecord['data'];
  createdAt: string;
  delivery: Delivery;
  status: string | null;
  statusHistory: { toStatus: string; publicMessage: string; at: string }[];
  /** The street the server placed it in (from its spot), when it says so. */
  streetId: string | null;
  actionItems: MyActionItem[];
  /** The walker's answer this finding follows up, when it is on this device. */
  followsUp: MyObservation | null;
}

/** A checklist answer stored by an app version from before observations. */
export const isLegacyAnswer = (record: Pick<LocalRecord, 'type' | 'data'>): boolean => record.type === 'finding' && typeof record.data.itemId === 'string' && record.data.itemId !== '';

const isAnswer = (record: LocalRecord): boolean => record.type === 'observation' || isLegacyAnswer(record);

const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

async function deliveries(db: Db): Promise<Map<string, Delivery>> {
  return new Map((await db.getAll('outbox')).map((e) => [e.args.id as string, e.state === 'REJECTED' ? ('refused' as const) : ('unsent' as const)]));
}

async function schouwRecords(db: Db, campaignId: string): Promise<LocalRecord[]> {
  const [findings, observations] = await Promise.all([localRecords(db, 'finding'), localRecords(db, 'observation')]);
  return [...findings, ...observations].filter((r) => r.campaignId === campaignId).sort(newestFirst);
}

function toObservation(record: LocalRecord, delivery: Delivery): MyObservation {
  const { data } = record;
  return {
    id: record.id,
    spotId: str(data.spotId) ?? '',
    itemId: str(data.itemId) ?? '',
    prompt: str(data.prompt) ?? '',
    theme: str(data.theme) ?? str(data.category) ?? '',
    rating: str(data.rating),
    answer: str(data.answer),
    createdAt: record.createdAt,
    delivery,
  };
}

/** The walker's answers in a campaign, newest first (later answers to the same item count). */
export async function myObservations(db: Db, campaignId: string): Promise<MyObservation[]> {
  const waiting = await deliveries(db);
  return (await schouwRecords(db, campaignId)).filter(isAnswer).map((r) => toObservation(r, waiting.get(r.id) ?? 'sent'));
}

interface ServerFinding {
  status: string | null;
  statusHistory: MyFinding['statusHistory'];
  streetId: string | null;
  actionItems: MyActionItem[];
}

/** The pulled snapshot, read defensively: fields a server version does not send are absent. */
function readServerFinding(data: unknown): ServerFinding | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const history = Array.isArray(d.statusHistory) ? d.statusHistory : [];
  const items = Array.isArray(d.actionItems) ? d.actionItems : [];
  return {
    status: str(d.status),
    statusHistory: history.flatMap((h) => {
      const step = h as Record<string, unknown> | null;
      return step && str(step.toStatus) && str(step.at) ? [{ toStatus: step.toStatus as string, publicMessage: str(step.publicMessage) ?? '', at: step.at as string }] : [];
    }),
    streetId: str(d.streetId),
    actionItems: items.flatMap((i) => {
      const item = i as Record<string, unknown> | null;
      return item && str(item.id) && str(item.title) && str(item.status) ? [{ id: item.id as string, title: item.title as string, status: item.status as string, publicMessage: str(item.publicMessage) }] : [];
    }),
  };
}

/**
 * An old answer is a finding too only when the server followed it up (the split kept
 * those as findings under the same id): a status past NIEUW, a public message or an
 * action plan item. Without that, a snapshot pulled before the split says nothing new.
 */
const followedUp = (server: ServerFinding | null): boolean =>
  !!server && ((server.status !== null && server.status !== 'NIEUW') || server.statusHistory.some((s) => s.publicMessage.trim() !== '') || server.actionItems.length > 0);

/** The walker's findings in a campaign, newest first: answers are not findings. */
export async function myFindings(db: Db, campaignId: string): Promise<MyFinding[]> {
  const records = await schouwRecords(db, campaignId);
  const waiting = await deliveries(db);
  const answers = new Map(records.filter(isAnswer).map((r) => [r.id, toObservation(r, waiting.get(r.id) ?? 'sent')]));
  const result: MyFinding[] = [];
  for (const record of records) {
    if (record.type !== 'finding') continue;
    const server = readServerFinding((await db.get('server', `FINDING:${record.id}`))?.data);
    const legacy = isLegacyAnswer(record);
    if (legacy && !followedUp(server)) continue;
    const followsUp = legacy ? (answers.get(record.id) ?? null) : (answers.get(str(record.data.observationId) ?? '') ?? null);
    result.push({
      id: record.id,
      data: record.data,
      createdAt: record.createdAt,
      delivery: waiting.get(record.id) ?? 'sent',
      status: server?.status ?? null,
      statusHistory: server?.statusHistory ?? [],
      streetId: server?.streetId ?? null,
      actionItems: server?.actionItems ?? [],
      followsUp,
    });
  }
  return result;
}

/** A photo still on the device, to show before it is uploaded. */
export async function localPhoto(db: Db, id: string): Promise<Blob | null> {
  const photo = await db.get('photos', id);
  return photo ? new Blob([photo.bytes], { type: 'image/jpeg' }) : null;
}
