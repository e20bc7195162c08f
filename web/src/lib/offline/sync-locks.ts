/**
 * The lock that lets one tab at a time run the sync engine: the browser's Web Locks, or,
 * where they are missing, a lock for this process alone.
 */
export interface LockLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** One tab in this process: enough where Web Locks are missing (old browsers, tests). */
export function localLocks(): LockLike {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({});
      } finally {
        held.delete(name);
      }
    },
  };
}
