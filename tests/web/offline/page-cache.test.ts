/**
 * A page frozen in the back/forward cache must not hold IndexedDB transactions open
 * (WebKit keeps them, and the next page's transactions would wait forever): the running
 * ones are aborted when the page goes into that cache, atomically, and nothing else.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/offline/idb';
import { abortTransactionsWhenFrozen } from '$lib/offline/page-cache';

let counter = 0;
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((stop) => stop()));

async function frozenPage(): Promise<{ db: Db; page: EventTarget; restored: { count: number } }> {
  const db = await openDatabase(`page-cache-test-${++counter}`);
  const page = new EventTarget();
  const restored = { count: 0 };
  const stop = abortTransactionsWhenFrozen(db, () => restored.count++, page as unknown as Window);
  cleanup.push(() => (stop(), db.close()));
  return { db, page, restored };
}

const pageHide = (persisted: boolean) => Object.assign(new Event('pagehide'), { persisted });
const pageShow = (persisted: boolean) => Object.assign(new Event('pageshow'), { persisted });

/** A write that is still asking for more when the page is hidden, like a sync round. */
function busyWrite(db: Db, rounds: { left: number }) {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const store = tx.objectStore('meta');
  store.put({ key: 'half-done', value: true }).catch(() => undefined); // the transaction reports it
  const next = (): Promise<void> => (rounds.left-- > 0 ? store.get('half-done').then(next) : Promise.resolve());
  void next().catch(() => undefined);
  return tx.done;
}

describe('transactions of a page in the back/forward cache', () => {
  it('are aborted, rolled back, and leave the stores free for the next page', async () => {
    const { db, page } = await frozenPage();
    const done = busyWrite(db, { left: Number.POSITIVE_INFINITY });
    await new Promise((resolve) => setTimeout(resolve, 20));
    page.dispatchEvent(pageHide(true));
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
    // Nothing of it was kept, and a new transaction on the same stores goes through.
    expect(await db.get('meta', 'half-done')).toBeUndefined();
    await db.put('meta', { key: 'next-page', value: 1 });
    expect(await db.count('meta')).toBe(1);
  });

  it('are left alone when the page is unloaded for good (the browser ends them)', async () => {
    const { db, page } = await frozenPage();
    const done = busyWrite(db, { left: 50 });
    page.dispatchEvent(pageHide(false));
    await expect(done).resolves.toBeUndefined();
    expect(await db.get('meta', 'half-done')).toEqual({ key: 'half-done', value: true });
  });

  it('covers the shortcut methods, and forgets transactions that finished', async () => {
    const { db, page } = await frozenPage();
    await db.put('meta', { key: 'a', value: 1 }); // finished: aborting it now would throw
    page.dispatchEvent(pageHide(true));
    expect(await db.get('meta', 'a')).toEqual({ key: 'a', value: 1 });
    const shortcut = db.put('meta', { key: 'b', value: 2 });
    page.dispatchEvent(pageHide(true));
    await expect(shortcut).rejects.toMatchObject({ name: 'AbortError' });
    expect(await db.get('meta', 'b')).toBeUndefined();
  });

  it('lets the app read and send again when the page comes back from the cache, and only then', async () => {
    const { page, restored } = await frozenPage();
    page.dispatchEvent(pageShow(false)); // a first load
    expect(restored.count).toBe(0);
    page.dispatchEvent(pageHide(true));
    page.dispatchEvent(pageShow(true));
    expect(restored.count).toBe(1);
  });
});
