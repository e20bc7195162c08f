/**
 * For counter tests: the counter writes through the field app; here its writes go straight
 * to a device database each test opens, and the browser's storage is a plain map. A test
 * mocks the field app with this module:
 *   vi.mock('$lib/offline/field-app.svelte', () => import('./counter-device'));
 */
import type { Db } from '$lib/offline/idb';
import { recordLocally, type FieldWrite } from '$lib/offline/outbox';

export const device = { db: null as unknown as Db };

export const fieldApp = {
  write: (write: FieldWrite) => recordLocally(device.db, write),
  get db() {
    return device.db;
  },
};

export function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}
