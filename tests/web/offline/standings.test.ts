/**
 * The counter screen's standings on the device (fake-indexeddb): the last ones fetched
 * are kept per activity and shown at once (also after a restart, without signal), a
 * failed or impossible refresh keeps them and says why, and refreshes after sync rounds
 * are throttled.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphQLRequestError } from '$lib/graphql/client';
import type { Standings } from '$lib/graphql/resident-operations';
import { openDatabase, type Db } from '$lib/offline/idb';
import { CounterStandings, STANDINGS_AT_MOST_EVERY_MS, type StandingsDeps } from '$lib/offline/standings-live.svelte';
import { forgetStandings, loadStandings } from '$lib/offline/standings-store';

let counter = 0;
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await openDatabase(`standings-test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  vi.useRealTimers();
});

const standingsWith = (areaCm2: number): Standings => ({
  streets: [{ place: 1, streetId: 's1', streetName: 'Troelstrastraat', householdCount: 40, areaM2PerHousehold: areaCm2 / 40 / 10_000, total: { areaCm2, quantity: areaCm2 }, units: [{ unit: { code: 'AREA' }, quantity: areaCm2 }] }],
  topParticipants: [{ rank: 1, name: 'Anna', isPseudonym: false, participantId: null, total: { areaCm2, quantity: areaCm2 } }],
});

function setup(db: Db, overrides: Partial<StandingsDeps> = {}) {
  const state = { online: true, now: Date.parse('2026-05-16T12:05:00Z'), answer: standingsWith(9000) as Standings | Error };
  const fetch = vi.fn(async (_campaignId: string, _token: string) => {
    if (state.answer instanceof Error) throw state.answer;
    return state.answer;
  });
  const live = new CounterStandings('c1', { db: () => db, token: () => 'token-c1', fetch, online: () => state.online, now: () => state.now, ...overrides });
  return { live, fetch, state };
}

describe('counter standings', () => {
  it('keeps the standings fetched with the time, and shows them again on a new screen without signal', async () => {
    const db = await freshDb();
    const first = setup(db);
    await first.live.load();
    expect(first.live.kept).toBeNull();
    await first.live.refresh();
    expect(first.fetch).toHaveBeenCalledWith('c1', 'token-c1');
    expect(first.live.kept).toEqual({ campaignId: 'c1', standings: standingsWith(9000), fetchedAt: '2026-05-16T12:05:00.000Z' });
    expect(first.live.problem).toBeNull();

    const offline = setup(db);
    offline.state.online = false;
    await offline.live.load();
    await offline.live.refresh();
    expect(offline.fetch).not.toHaveBeenCalled();
    expect(offline.live.kept?.standings).toEqual(standingsWith(9000));
    expect(offline.live.kept?.fetchedAt).toBe('2026-05-16T12:05:00.000Z');
    expect(offline.live.problem).toBe('offline');
  });

  it('keeps the last standings when a refresh fails, and says whether the connection or the server failed', async () => {
    const db = await freshDb();
    const { live, state } = setup(db);
    await live.refresh();
    state.answer = new GraphQLRequestError('Geen verbinding.', 'OFFLINE', 0);
    await live.refresh();
    expect(live.problem).toBe('offline');
    state.answer = new GraphQLRequestError('Er ging iets mis op de server.', 'INTERNAL_SERVER_ERROR', 500);
    await live.refresh();
    expect(live.problem).toBe('failed');
    expect(live.kept?.standings).toEqual(standingsWith(9000));
    expect((await loadStandings(db, 'c1'))?.standings).toEqual(standingsWith(9000));
    state.answer = standingsWith(18_000);
    await live.refresh();
    expect(live.problem).toBeNull();
    expect((await loadStandings(db, 'c1'))?.standings).toEqual(standingsWith(18_000));
  });

  it('keeps standings per activity and forgets those of one activity only', async () => {
    const db = await freshDb();
    await setup(db).live.refresh();
    const other = new CounterStandings('c2', { db: () => db, token: () => 'token-c2', fetch: async () => standingsWith(100), online: () => true });
    await other.refresh();
    await forgetStandings(db, 'c1');
    expect(await loadStandings(db, 'c1')).toBeUndefined();
    expect((await loadStandings(db, 'c2'))?.standings).toEqual(standingsWith(100));
  });

  it('refreshes after a sync round at most once per ten seconds', async () => {
    const db = await freshDb();
    // Only the throttle's timer: fake-indexeddb runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { live, fetch, state } = setup(db);
    live.nudge();
    expect(fetch).toHaveBeenCalledTimes(1);
    // Asking while a refresh runs joins it.
    await live.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    state.now += 2_000;
    live.nudge();
    live.nudge();
    live.nudge();
    expect(fetch).toHaveBeenCalledTimes(1);
    state.now += STANDINGS_AT_MOST_EVERY_MS;
    await vi.advanceTimersByTimeAsync(STANDINGS_AT_MOST_EVERY_MS);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
