/**
 * Readiness (GET /readyz) of the running app: ready only while the database takes writes,
 * the sync worker answers and the disk has room; /healthz (liveness) is not affected.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { probeWrite } from '../../server/src/modules/metrics/metrics.repo.js';
import { workerSyncRunner } from '../../server/src/modules/sync/sync-runner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onPostgres } from '../support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Probes within a second of the last one share its answer (readiness.ts). */
const PAST_SHARED_ANSWER_MS = 1100;

async function probe(url: string, path = '/readyz') {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as Record<string, unknown> };
}

describe('readiness on a database file with the sync worker', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is ready, and the answer is never cached', async () => {
    expect(await probe(t.url)).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'ready' } });
  });

  it('writes to probe the database, but nothing stays behind: the read-only connection fails it, the WAL does not grow', async () => {
    // On PostgreSQL the pool's connections all write, and there is no WAL file here to watch.
    if (onPostgres) {
      const changes = async () => Number((await t.app.connection.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await changes();
      for (let i = 0; i < 50; i++) await probeWrite(t.app.connection.db);
      expect(await changes()).toBe(before);
      return;
    }
    await expect(probeWrite(t.app.connection.readDb)).rejects.toThrow(/readonly/);
    const wal = () => fs.statSync(`${t.config.databasePath}-wal`).size;
    const changes = async () => Number((await t.app.connection.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const [walBefore, changesBefore] = [wal(), await changes()];
    for (let i = 0; i < 50; i++) await probeWrite(t.app.connection.db);
    expect([wal(), await changes()]).toEqual([walBefore, changesBefore]);
  });

  it('is not ready while the sync worker is gone, and ready again once the probe has restarted it', async () => {
    expect(await t.app.syncRunner.ping(2000)).toBe(true);
    await t.app.syncRunner.close(); // what a crash leaves: no worker
    await sleep(PAST_SHARED_ANSWER_MS);
    expect(await probe(t.url)).toEqual({ status: 503, cacheControl: 'no-store', body: { status: 'not ready', failed: ['sync-worker'] } });
    expect((await probe(t.url, '/healthz')).status).toBe(200);
    let ready = false;
    for (let attempt = 0; attempt < 15 && !ready; attempt++) {
      await sleep(PAST_SHARED_ANSWER_MS);
      ready = (await probe(t.url)).status === 200;
    }
    expect(ready).toBe(true);
  });
});

describe('readiness checks', () => {
  it('is not ready when the disk has less free space than READY_MIN_FREE_DISK_MB', async () => {
    const t = await startTestApp({ READY_MIN_FREE_DISK_MB: '1000000' });
    try {
      expect(await probe(t.url)).toEqual({ status: 503, cacheControl: 'no-store', body: { status: 'not ready', failed: ['disk'] } });
      expect((await probe(t.url, '/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('counts the inline sync runner as alive', async () => {
    const t = await startTestApp({}, { inMemoryBecause: 'only an in-memory database runs sync batches inline, and readiness must count that runner as alive' });
    try {
      expect(await probe(t.url)).toMatchObject({ status: 200, body: { status: 'ready' } });
    } finally {
      await t.close();
    }
  });

  it('counts a worker that does not answer a ping in time as not alive', async () => {
    const deaf = new URL(`data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => {}); parentPort.postMessage({ ready: true });")}`);
    const runner = workerSyncRunner({ databasePath: 'unused', databaseUrl: null, logLevel: 'silent' }, createLogger({ logLevel: 'silent' }), deaf);
    await runner.ready;
    try {
      expect(await runner.ping(200)).toBe(false);
    } finally {
      await runner.close();
    }
  });
});
