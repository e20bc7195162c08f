/**
 * The device's follow-up keys and what they last told. A follow-up key is a random secret
 * of this phone, not of a person: the server links the activities joined on it to the key
 * and answers, for the key, the status and public messages of the findings recorded with
 * it, also after a campaign's personal data (and with it the device token) is erased.
 * Usually there is one key; a phone that received another phone's activities (a transfer)
 * while it had its own keeps both. Kept in meta.
 */
import { GraphQLRequestError, type gql as gqlFunction } from '../graphql/client';
import { CLAIM_FOLLOW_UP_KEY, FOLLOW_UP, type FollowedFinding, type FollowUpPage } from '../graphql/follow-up-operations';
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

/**
 * Links a membership that joined before follow-up keys existed to the device's key (or
 * gets the device its first key). Answers the key to keep.
 */
export async function claimFollowUpKey(db: Db, gql: typeof gqlFunction, token: string): Promise<string> {
  const [current] = await followUpKeys(db);
  const { claimFollowUpKey: key } = await gql<{ claimFollowUpKey: string }>(CLAIM_FOLLOW_UP_KEY, { key: current ?? null }, token);
  await keepFollowUpKey(db, key);
  return key;
}

/**
 * Links the activities joined before follow-up keys (or before a transfer brought another
 * key) to the device's key, one by one; each is asked again after a failure.
 */
export async function linkMembershipsToKey(db: Db, gql: typeof gqlFunction): Promise<void> {
  for (const m of await loadMemberships(db)) {
    if (m.followUpLinked || m.revokedAt || !isListed(m)) continue;
    try {
      await claimFollowUpKey(db, gql, m.token);
    } catch (error) {
      // CONFLICT: the server keeps this membership on the key it already has.
      if (!(error instanceof GraphQLRequestError && error.code === 'CONFLICT')) throw error;
    }
    await updateMembership(db, m.campaign.id, (latest) => ({ ...latest, followUpLinked: true }));
  }
}

export interface FollowedFindings {
  fetchedAt: string;
  findings: FollowedFinding[];
}

export const loadFollowedFindings = (db: Db) => getMeta<FollowedFindings>(db, FINDINGS);

/**
 * Asks the server, for every key, what happened with the findings recorded with it, and
 * keeps the answer for offline use. A key the server no longer knows (moved to another
 * phone) is dropped: asking again would only count against this address.
 */
export async function refreshFollowedFindings(db: Db, gql: typeof gqlFunction, now = new Date()): Promise<FollowedFindings> {
  const findings: FollowedFinding[] = [];
  for (const key of await followUpKeys(db)) {
    let after: string | null = null;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const { followUp }: FollowUpPage = await gql<FollowUpPage>(FOLLOW_UP, { key, after });
        findings.push(...followUp.edges.map((e) => e.node));
        if (!followUp.pageInfo.hasNextPage || !followUp.pageInfo.endCursor) break;
        after = followUp.pageInfo.endCursor;
      }
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'NOT_FOUND') await dropFollowUpKey(db, key);
      else throw error;
    }
  }
  const result = { fetchedAt: now.toISOString(), findings };
  await setMeta(db, FINDINGS, result);
  return result;
}
