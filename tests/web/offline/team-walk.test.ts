/**
 * The walker's team on the device (fake-indexeddb): the last answer is kept with the
 * activity and shown again without signal, a failed refresh keeps it and says why, and it
 * goes when the activity leaves the phone.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CampaignSnapshot } from '$lib/graphql/field-operations';
import type { MyTeam } from '$lib/graphql/my-team-operations';
import { dropMembership, loadMemberships, saveJoined } from '$lib/offline/field-store';
import { openDatabase, type Db } from '$lib/offline/idb';
import { loadTeam } from '$lib/offline/team-store';
import { TeamWalk, TEAM_AT_MOST_EVERY_MS } from '$lib/offline/team-walk.svelte';

let counter = 0;
const dbs: Db[] = [];
async function dbWithSchouw(): Promise<Db> {
  const db = await openDatabase(`team-walk-test-${++counter}`);
  dbs.push(db);
  const campaign = { id: 'c1', kind: 'SCHOUW', name: 'Schouw', status: 'OPEN' } as unknown as CampaignSnapshot;
  await saveJoined(db, { token: 'token-c1', participant: { id: 'p1', displayName: 'Ik', pseudonym: 'Merel 1' }, campaign, joinedAt: '2027-04-01T09:00:00Z' });
  return db;
}
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  vi.useRealTimers();
});

const myTeam = (walked: boolean): MyTeam => ({
  day: { id: 'd1', date: '2027-04-01', label: null },
  number: 1,
  mates: ['Anna'],
  spots: [{ walked, spot: { id: 's1', name: 'Speeltuin', type: 'SPEELPLEK', street: { id: 'st1', name: 'Dorpsstraat' } } }],
  walkedCount: walked ? 1 : 0,
  spotCount: 1,
});

function setup(db: Db) {
  const state = { online: true, now: Date.parse('2027-04-01T10:00:00Z'), answer: myTeam(false) as MyTeam | null | Error };
  const fetch = vi.fn(async (_token: string) => {
    if (state.answer instanceof Error) throw state.answer;
    return state.answer;
  });
  const walk = new TeamWalk('c1', { db: () => db, token: () => 'token-c1', fetch, online: () => state.online, now: () => state.now });
  return { walk, fetch, state };
}

describe('the team on the walk screen', () => {
  it('keeps the team with the activity and shows it again on a new screen without signal', async () => {
    const db = await dbWithSchouw();
    const first = setup(db);
    await first.walk.load();
    expect(first.walk.kept).toBeNull();
    await first.walk.refresh();
    expect(first.fetch).toHaveBeenCalledWith('token-c1');
    expect(first.walk.kept).toEqual({ team: myTeam(false), fetchedAt: '2027-04-01T10:00:00.000Z' });
    expect((await loadMemberships(db))[0]!.team).toEqual(first.walk.kept);

    const offline = setup(db);
    offline.state.online = false;
    await offline.walk.load();
    await offline.walk.refresh();
    expect(offline.fetch).not.toHaveBeenCalled();
    expect(offline.walk.kept?.team).toEqual(myTeam(false));
    expect(offline.walk.problem).toBe('offline');
  });

  it('keeps the last team when the server fails, and takes the new answer (a mate walked a spot) when it works again', async () => {
    const db = await dbWithSchouw();
    const { walk, state } = setup(db);
    await walk.refresh();
    state.answer = new Error('boom');
    await walk.refresh();
    expect(walk.problem).toBe('failed');
    expect(walk.kept?.team?.walkedCount).toBe(0);
    state.answer = myTeam(true);
    await walk.refresh();
    expect(walk.problem).toBeNull();
    expect((await loadTeam(db, 'c1'))?.team?.walkedCount).toBe(1);
  });

  it('asks again after sync rounds, at most every ten seconds', async () => {
    const db = await dbWithSchouw();
    // Only the throttle's timer: fake-indexeddb runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { walk, fetch, state } = setup(db);
    await walk.refresh();
    walk.nudge();
    walk.nudge();
    expect(fetch).toHaveBeenCalledTimes(1);
    state.now += TEAM_AT_MOST_EVERY_MS;
    await vi.advanceTimersByTimeAsync(TEAM_AT_MOST_EVERY_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('forgets the team when the activity leaves the phone', async () => {
    const db = await dbWithSchouw();
    await setup(db).walk.refresh();
    await dropMembership(db, 'c1');
    expect(await loadTeam(db, 'c1')).toBeUndefined();
  });
});
