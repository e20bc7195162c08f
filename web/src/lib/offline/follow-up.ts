/**
 * The device's follow-up keys and what they last told. A follow-up key is a random secret
 * of this phone, not of a person: the server links the activities joined on it to the key
 * and answers, for the key, the status and public messages of the findings recorded with
 * it, also after a campaign's personal data (and with it the device token) is erased.
 * Usually there is one key; a phone that received another phone's activities (a transfer)
 * while it had its own keeps both. Kept in meta.
 */
import { GraphQLRequestError, type Gql } from '../graphql/client';
import type { ResultOf } from '../graphql/graphql';
import { CLAIM_FOLLOW_UP_KEY, FOLLOW_UP, FOLLOW_UP_PAGE_SIZE, UNLINK_FOLLOW_UP_KEY, type FollowedFinding } from '../graphql/follow-up-operations';
import { isListed, loadMemberships, updateMembership } from './field-store';
import { getMeta, setMeta, type Db } from './idb';

const KEYS = 'followUpKeys';
const FINDINGS = 'followedFindings';

/** At most this many pages per key and fetch: the newest findings come first. */
const MAX_PAGES = 10;

export const followUpKeys = async (db: Db): Promise<string[]> => (await getMeta<string[]>(db, KEYS)) ?? [];

/** The key to present when joining (the first); a new one goes first. */
export async function keepFollowUpKey(db: Db, key: string): Promise<void> {
  await setMeta(db, KEYS, [key, ...(await followUpKeys(db)).filter((k) => k !== key)]);
}

export async function dropFollowUpKey(db: Db, key: string): Promise<void> {
  await setMeta(db, KEYS, (await followUpKeys(db)).filter((k) => k !== key));
}

const conflict = (error: unknown) => error instanceof GraphQLRequestError && error.code === 'CONFLICT';

/**
 * Links a membership to the device's key (the first), or gets the device its first key.
 * A membership on another key of this phone (its own, before a transfer brought another)
 * moves by naming that key too. Answers the key to keep; CONFLICT when the server keeps
 * the membership where it is.
 */
export async function claimFollowUpKey(db: Db, gql: Gql, token: string): Promise<string> {
  const [current, ...others] = await followUpKeys(db);
  const claim = async (previous: string | null) => (await gql(CLAIM_FOLLOW_UP_KEY, { key: current ?? null, current: previous }, token)).claimFollowUpKey;
  let key: string | undefined;
  try {
    key = await claim(null);
  } catch (error) {
    if (!conflict(error)) throw error;
    for (const previous of others) {
      key = await claim(previous).catch((again: unknown) => (conflict(again) ? undefined : Promise.reject(again)));
      if (key) break;
    }
    if (!key) throw error;
  }
  await keepFollowUpKey(db, key);
  return key;
}

/**
 * Keeps the server's links in step with the phone, one membership at a time (each is
 * asked again after a failure): activities on the phone are linked to its key, and those
 * taken off it are unlinked, so a transfer presents exactly what the phone holds.
 */
export async function linkMembershipsToKey(db: Db, gql: Gql): Promise<void> {
  for (const m of await loadMemberships(db)) {
    if (m.revokedAt) continue;
    if (!isListed(m)) {
      if (m.unlinked) continue;
      // A token the server no longer accepts counts for no transfer either.
      await gql(UNLINK_FOLLOW_UP_KEY, {}, m.token).catch((error: unknown) => (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED' ? null : Promise.reject(error)));
      await updateMembership(db, m.campaign.id, (latest) => ({ ...latest, unlinked: true }));
      continue;
    }
    if (m.followUpLinked) continue;
    try {
      await claimFollowUpKey(db, gql, m.token);
    } catch (error) {
      // The server keeps this membership on the key it already has.
      if (!conflict(error)) throw error;
    }
    await updateMembership(db, m.campaign.id, (latest) => ({ ...latest, followUpLinked: true }));
  }
}

export interface FollowedFindings {
  fetchedAt: string;
  findings: FollowedFinding[];
}

export const loadFollowedFindings = (db: Db) => getMeta<FollowedFindings>(db, FINDINGS);

/** How often the follow-up of this phone's findings is asked for, at most. */
const FOLLOW_UP_INTERVAL_MS = 5 * 60_000;
let askedAt = 0;

/**
 * Asks the server, for every key, what happened with the findings recorded with it, and
 * keeps the answer for offline use; at most every few minutes unless `force`d. Answers
 * whether it asked. A key the server no longer knows (moved to another phone) is
 * dropped: asking again would only count against this address.
 */
export async function refreshFollowedFindings(db: Db, gql: Gql, options: { force?: boolean; now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  if (!options.force && now.getTime() - askedAt < FOLLOW_UP_INTERVAL_MS) return false;
  askedAt = now.getTime();
  const keys = await followUpKeys(db);
  if (keys.length === 0) return false;
  const findings: FollowedFinding[] = [];
  for (const key of keys) {
    let after: string | null = null;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const { followUp }: ResultOf<typeof FOLLOW_UP> = await gql(FOLLOW_UP, { key, first: FOLLOW_UP_PAGE_SIZE, after });
        findings.push(...followUp.edges.map((e) => e.node));
        if (!followUp.pageInfo.hasNextPage || !followUp.pageInfo.endCursor) break;
        after = followUp.pageInfo.endCursor;
      }
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'NOT_FOUND') await dropFollowUpKey(db, key);
      else throw error;
    }
  }
  await setMeta(db, FINDINGS, { fetchedAt: now.toISOString(), findings } satisfies FollowedFindings);
  return true;
}
