/**
 * A page that is left with a full load may be kept, frozen, in the back/forward cache.
 * WebKit (Safari, and WebKitGTK in the tests) freezes it with its IndexedDB transactions
 * still open: a transaction that was waiting for its next request then holds its stores
 * for as long as the frozen page lives, and every transaction of the next page on those
 * stores waits forever (seen in the WebKit end-to-end test: the next page's sync stuck on
 * "Bezig met versturen…"). Closing the connection does not end them; aborting them does.
 *
 * An aborted transaction changed nothing (each is one atomic change: a record with its
 * outbox entry, one server answer). A sync round it belonged to fails and is tried again;
 * a write the person made in the very moment of leaving did not happen, and when the page
 * comes back from the cache it shows what is stored, not what it showed when it froze.
 */
import { unwrap, wrap } from 'idb';
import type { Db } from './idb';

type PageEvents = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/**
 * Tracks the transactions started on `db` and aborts those still running when the page
 * goes into the back/forward cache; `onRestored` runs when it comes back from there.
 * Returns a function that stops it.
 */
export function abortTransactionsWhenFrozen(db: Db, onRestored: () => void, page: PageEvents = window): () => void {
  const native = unwrap(db) as IDBDatabase;
  const running = new Set<IDBTransaction>();
  const start = native.transaction;
  // idb's wrapper and its shortcuts (db.get, db.put, …) all start transactions here.
  native.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = start.apply(this, args);
    running.add(tx);
    const finished = () => running.delete(tx);
    tx.addEventListener('complete', finished);
    tx.addEventListener('abort', finished);
    return tx;
  };
  const onPageHide = (event: Event) => {
    if (!(event as PageTransitionEvent).persisted) return; // unloaded for good: the browser ends them
    for (const tx of running) {
      // A read's `done` is awaited by nobody (idb's shortcuts await it only for writes):
      // its rejection must not surface as an unhandled error.
      wrap(tx).done.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // finished in the meantime
      }
    }
    running.clear();
  };
  const onPageShow = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) onRestored();
  };
  page.addEventListener('pagehide', onPageHide);
  page.addEventListener('pageshow', onPageShow);
  return () => {
    page.removeEventListener('pagehide', onPageHide);
    page.removeEventListener('pageshow', onPageShow);
    delete (native as Partial<IDBDatabase>).transaction; // the prototype's again
  };
}
