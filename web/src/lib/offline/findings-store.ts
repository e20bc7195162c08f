/**
 * The walker's schouw work on the device: answers (observations) and findings, from the
 * local records, merged with what the server last told about the findings (pulled
 * FINDING snapshots: status, public messages, action plan items), plus the findings a
 * coordinator made of the walker's answers, which exist here only as snapshots.
 *
 * App versions from before observations stored every checklist answer as a local record
 * of type 'finding' with the item it answers (`itemId`). Those are read as observations
 * here, at read time, so nothing in IndexedDB has to change and their unsent
 * `answerChecklistItem` entries stay as they are (the server upcasts them).
 */
import type { FollowedFinding } from '../graphql/follow-up-operations';
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
  campaignId: string | null;
  recordedByMe: boolean;
  /**
   * Present (a string or null) only in snapshots of a server with observations: such a
   * snapshot of an old answer's id means the server kept it as a finding.
   */
  observationId: string | null | undefined;
  status: string | null;
  statusHistory: MyFinding['statusHistory'];
  streetId: string | null;
  actionItems: MyActionItem[];
  photoIds: string[];
  suggestion: string | null;
  version: number | null;
  /** What the card shows of a finding that has no local record (someone else made it of my answer). */
  data: LocalRecord['data'];
  createdAt: string | null;
}

/** The pulled snapshot, read defensively: fields a server version does not send are absent. */
function readServerFinding(data: unknown): ServerFinding | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const history = Array.isArray(d.statusHistory) ? d.statusHistory : [];
  const items = Array.isArray(d.actionItems) ? d.actionItems : [];
  const photoIds = Array.isArray(d.photoIds) ? d.photoIds.filter((id): id is string => typeof id === 'string') : [];
  const observationId = 'observationId' in d ? str(d.observationId) : undefined;
  return {
    campaignId: str(d.campaignId),
    recordedByMe: d.recordedByMe === true,
    observationId,
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
    photoIds,
    suggestion: str(d.suggestion),
    version: typeof d.version === 'number' ? d.version : null,
    data: { spotId: str(d.spotId), streetId: str(d.streetId), category: str(d.category), rating: str(d.rating), answer: str(d.answer), text: str(d.text), suggestion: str(d.suggestion), photoIds, observationId: observationId ?? null },
    createdAt: str(d.deviceTime) ?? str(d.serverTime),
  };
}

/**
 * Whether an old answer (stored as a local 'finding' record) is a finding too. The split
 * kept the answers someone followed up as findings under the same id and deleted the
 * others (a pull then answers DELETE, which removes the snapshot).
 * - A snapshot from a server with observations (it names `observationId`) says so itself:
 *   the server kept it, whatever the reason (also routing, which a snapshot never shows).
 * - A snapshot pulled before the split is read as the server read it: a status past NIEUW,
 *   a public message, an action plan item, a photo, a kans or an edit.
 * - No snapshot (deleted, or never pulled yet): an answer only.
 */
function keptAsFinding(server: ServerFinding | null): boolean {
  if (!server) return false;
  if (server.observationId !== undefined) return true;
  return (
    (server.status !== null && server.status !== 'NIEUW') ||
    server.statusHistory.some((s) => s.publicMessage.trim() !== '') ||
    server.actionItems.length > 0 ||
    server.photoIds.length > 0 ||
    server.suggestion !== null ||
    (server.version ?? 1) > 1
  );
}

const fromServer = (server: ServerFinding | null) => ({
  status: server?.status ?? null,
  statusHistory: server?.statusHistory ?? [],
  streetId: server?.streetId ?? null,
  actionItems: server?.actionItems ?? [],
});

/**
 * The walker's findings in a campaign, newest first: answers are not findings. Also the
 * findings that someone else made of the walker's answer (a coordinator keeps the walker
 * as the recorder, so they hear back): those have no local record, only the pulled
 * snapshot, which says `recordedByMe`.
 */
export async function myFindings(db: Db, campaignId: string): Promise<MyFinding[]> {
  const records = await schouwRecords(db, campaignId);
  const waiting = await deliveries(db);
  const answers = new Map(records.filter(isAnswer).map((r) => [r.id, toObservation(r, waiting.get(r.id) ?? 'sent')]));
  const result: MyFinding[] = [];
  for (const record of records) {
    if (record.type !== 'finding') continue;
    const server = readServerFinding((await db.get('server', `FINDING:${record.id}`))?.data);
    const legacy = isLegacyAnswer(record);
    if (legacy && !keptAsFinding(server)) continue;
    const followsUp = legacy ? (answers.get(record.id) ?? null) : (answers.get(str(record.data.observationId) ?? '') ?? null);
    result.push({ id: record.id, data: record.data, createdAt: record.createdAt, delivery: waiting.get(record.id) ?? 'sent', ...fromServer(server), followsUp });
  }
  const local = new Set(records.map((r) => r.id));
  for (const snapshot of await db.getAllFromIndex('server', 'byType', 'FINDING')) {
    if (local.has(snapshot.entityId)) continue;
    const server = readServerFinding(snapshot.data);
    if (!server || !server.recordedByMe || server.campaignId !== campaignId) continue;
    result.push({
      id: snapshot.entityId,
      data: server.data,
      createdAt: server.createdAt ?? '',
      delivery: 'sent',
      ...fromServer(server),
      followsUp: answers.get(server.observationId ?? '') ?? null,
    });
  }
  return result.sort(newestFirst);
}

/** A photo still on the device, to show before it is uploaded. */
export async function localPhoto(db: Db, id: string): Promise<Blob | null> {
  const photo = await db.get('photos', id);
  return photo ? new Blob([photo.bytes], { type: 'image/jpeg' }) : null;
}

/** The latest moment a finding's follow-up changed, as far as its history says. */
const latestStep = (history: MyFinding['statusHistory']): string => history.reduce((latest, s) => (s.at > latest ? s.at : latest), '');

/** A finding known only from the device's follow-up key: recorded by this phone, not (or no longer) on it. */
function fromFollowUp(followed: FollowedFinding): MyFinding {
  const followsUp: MyObservation | null = followed.question
    ? { id: '', spotId: '', itemId: '', prompt: followed.question, theme: followed.category, rating: followed.rating, answer: followed.answer, createdAt: followed.createdAt, delivery: 'sent' }
    : null;
  return {
    id: followed.id,
    data: { category: followed.category, text: followed.text, suggestion: followed.suggestion, spotName: followed.spotName, streetName: followed.streetName },
    createdAt: followed.createdAt,
    delivery: 'sent',
    status: followed.status,
    statusHistory: followed.statusHistory,
    streetId: null,
    actionItems: followed.actionItems,
    followsUp,
  };
}

export interface FindingOfActivity {
  finding: MyFinding;
  campaignId: string;
  campaignName: string;
}

/**
 * Adds what the follow-up key told to the findings on the device: a newer follow-up
 * (an activity whose token was erased no longer pulls) replaces the pulled one, and the
 * findings recorded by this phone that are not on it (moved from an old phone, or of an
 * activity left) are added. Newest first.
 */
export function withFollowUp(local: FindingOfActivity[], followed: readonly FollowedFinding[]): FindingOfActivity[] {
  const byId = new Map(followed.map((f) => [f.id, f]));
  const merged = local.map((entry) => {
    const news = byId.get(entry.finding.id);
    byId.delete(entry.finding.id);
    if (!news || latestStep(news.statusHistory) <= latestStep(entry.finding.statusHistory)) return entry;
    return { ...entry, finding: { ...entry.finding, status: news.status, statusHistory: news.statusHistory, actionItems: news.actionItems } };
  });
  const onlyFollowed = [...byId.values()].map((f) => ({ finding: fromFollowUp(f), campaignId: f.campaignId, campaignName: f.campaignName }));
  return [...merged, ...onlyFollowed].sort((a, b) => newestFirst(a.finding, b.finding));
}
