/**
 * What the field app keeps about the person and their campaign on the device: the device
 * token, the participant, and the campaign snapshot for offline use. Kept in IndexedDB
 * (meta), like everything else the offline layer stores.
 */
import { isCountingKind } from '@buurtkracht/protocol/tally-units';
import type { CampaignSnapshot } from '../graphql/field-operations';
import type { Db, LocalRecord, OutboxEntry, ServerSnapshot } from './idb';
import type { KeptTeam } from './team-store';
import { getMeta, setMeta } from './idb';
import { channelKey } from './membership';

export interface JoinedCampaign {
  token: string;
  participant: { id: string; displayName: string; pseudonym: string };
  campaign: CampaignSnapshot;
  joinedAt: string;
  /**
   * When the server stopped accepting this membership's token (its data was erased after
   * the campaign closed, the person deleted it, or it moved to another phone). The
   * activity stays listed, with what the phone knows of it.
   */
  revokedAt?: string;
  /**
   * When the person took the activity off this phone. It is no longer shown, but is kept
   * (without its records) until the server holds everything of it and the confirmed
   * entries kept against a server restore have expired; then it goes for good.
   */
  leftAt?: string;
  /** Whether the server links this membership to the device's follow-up key (follow-up.ts). */
  followUpLinked?: boolean;
  /** A left membership the server no longer links to the key (it no longer counts for a transfer). */
  unlinked?: boolean;
  /** A schouw walker's team as last fetched (team-store.ts). */
  team?: KeptTeam;
  /**
   * The garden named in the sign-up this membership was made with, so that the counter
   * starts there without asking again. Personal data: it goes when the activity is left
   * or its token stops working (withoutSignupPlace), not only when the membership does.
   */
  signupPlace?: SignupPlace;
}

/** A street of the campaign's neighbourhood and the house number, as the sign-up gave them. */
export interface SignupPlace {
  streetId: string;
  houseNumber: string | null;
}

/** The membership without the sign-up's address. */
export function withoutSignupPlace(membership: JoinedCampaign): JoinedCampaign {
  const rest = { ...membership };
  delete rest.signupPlace;
  return rest;
}

/**
 * A campaign kept by an older app version lacks fields this version reads (checklist
 * items' signalling answers, the questionnaire, a counting activity's units): the next
 * sync round fetches it again, as after a change.
 */
export const snapshotOutdated = (campaign: CampaignSnapshot): boolean =>
  !('questionnaire' in campaign) ||
  (isCountingKind(campaign.kind) && !Array.isArray(campaign.units)) ||
  (campaign.checklist?.sections ?? []).some((section) => section.items.some((item) => !Array.isArray((item as { signalAnswers?: unknown }).signalAnswers)));

/**
 * Campaigns kept by an older app version are fetched again with the next round. Before
 * memberships, one flag stood for the one activity on the phone.
 */
export async function markOutdatedSnapshots(db: Db): Promise<void> {
  const shown = await loadJoined(db);
  const legacyFlag = (await getMeta<boolean>(db, 'campaignChanged')) === true;
  for (const m of await loadMemberships(db)) {
    const legacy = legacyFlag && m.campaign.id === shown?.campaign.id;
    if (legacy || snapshotOutdated(m.campaign)) await setMeta(db, channelKey(m.campaign.id, 'campaignChanged'), true);
  }
  if (legacyFlag) await db.delete('meta', 'campaignChanged');
}

/** The activity the device shows now. */
export const loadJoined = (db: Db) => getMeta<JoinedCampaign>(db, 'joined');

/** Meta key of what a device transfer handed over, kept until its activities are (device-transfer.ts). */
export const RECEIVED_TRANSFER = 'receivedTransfer';

/**
 * Whether activities received by transfer still wait to be kept (their campaigns not
 * fetched yet). Here and not in device-transfer.ts: the field app asks it at every start.
 */
export const hasReceivedTransfer = async (db: Db): Promise<boolean> => (await getMeta(db, RECEIVED_TRANSFER)) !== undefined;

/** Whether the person still has the activity on this phone (it has not been left). */
export const isListed = (membership: JoinedCampaign): boolean => !membership.leftAt;

/** Every activity joined on this device, the shown one included (see membership.ts). */
export async function loadMemberships(db: Db): Promise<JoinedCampaign[]> {
  const all = await getMeta<JoinedCampaign[]>(db, 'memberships');
  if (all) return all;
  const joined = await loadJoined(db);
  return joined ? [joined] : [];
}

type MembershipList = { memberships: JoinedCampaign[]; joined: JoinedCampaign | undefined };

/**
 * Changes the list of memberships and the shown one in one IndexedDB transaction: the
 * sync engine's rounds, joining, leaving and refreshing all change them, and two
 * read-then-write steps in separate transactions could each undo the other's change.
 */
async function changeMemberships(db: Db, change: (list: MembershipList) => MembershipList): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const read = async <T>(key: string) => (await tx.store.get(key))?.value as T | undefined;
  const joined = await read<JoinedCampaign>('joined');
  const memberships = (await read<JoinedCampaign[]>('memberships')) ?? (joined ? [joined] : []);
  const next = change({ memberships, joined });
  await tx.store.put({ key: 'memberships', value: next.memberships });
  if (next.joined) await tx.store.put({ key: 'joined', value: next.joined });
  else await tx.store.delete('joined');
  await tx.done;
}

const replace = (all: JoinedCampaign[], membership: JoinedCampaign) => {
  const at = all.findIndex((m) => m.campaign.id === membership.campaign.id);
  return at < 0 ? [...all, membership] : all.map((m, i) => (i === at ? membership : m));
};

/** The shown one after a change: the same activity as stored now, or the newest listed when it was left. */
function shownAfter(memberships: JoinedCampaign[], joined: JoinedCampaign | undefined): JoinedCampaign | undefined {
  const current = joined && memberships.find((m) => m.campaign.id === joined.campaign.id);
  if (current && isListed(current)) return current;
  return memberships.filter(isListed).sort((a, b) => (a.joinedAt < b.joinedAt ? 1 : -1))[0];
}

/**
 * Keeps a membership (new, or refreshed) and shows it. The others stay: their unsent work
 * is still sent with their own tokens.
 */
export async function saveJoined(db: Db, joined: JoinedCampaign): Promise<void> {
  await changeMemberships(db, ({ memberships }) => ({ memberships: replace(memberships, joined), joined }));
}

/** Keeps a membership (refreshed, revoked or left) without changing which one is shown. */
export async function saveMembership(db: Db, membership: JoinedCampaign): Promise<void> {
  await changeMemberships(db, ({ memberships, joined }) => {
    const all = replace(memberships, membership);
    return { memberships: all, joined: shownAfter(all, joined) };
  });
}

/**
 * Changes one membership as it is stored now: callers that waited on the network in
 * between (a campaign refetch) must not write back an older copy over another change.
 */
export async function updateMembership(db: Db, campaignId: string, change: (current: JoinedCampaign) => JoinedCampaign): Promise<void> {
  await changeMemberships(db, ({ memberships, joined }) => {
    const all = memberships.map((m) => (m.campaign.id === campaignId ? change(m) : m));
    return { memberships: all, joined: shownAfter(all, joined) };
  });
}

/** Forgets a membership entirely (left, and nothing of it is kept any more). */
export async function dropMembership(db: Db, campaignId: string): Promise<void> {
  await changeMemberships(db, ({ memberships, joined }) => {
    const all = memberships.filter((m) => m.campaign.id !== campaignId);
    return { memberships: all, joined: shownAfter(all, joined) };
  });
}

export async function localRecords(db: Db, type: LocalRecord['type']): Promise<LocalRecord[]> {
  return db.getAllFromIndex('records', 'byType', type);
}

export async function pendingEntries(db: Db): Promise<OutboxEntry[]> {
  return db.getAllFromIndex('outbox', 'byState', 'PENDING');
}

export async function serverSnapshot(db: Db, entityType: string, entityId: string): Promise<ServerSnapshot | undefined> {
  return db.get('server', `${entityType}:${entityId}`);
}
