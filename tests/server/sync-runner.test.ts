/** The main thread's side of the sync worker, against a stand-in worker (and the real one where it meets the database). */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../server/src/domain-error.js';
import { createLogger } from '../../server/src/logger.js';
import { workerSyncRunner } from '../../server/src/modules/sync/sync-runner.js';

const standIn = new URL('../support/workers/stand-in-sync-worker.mjs', import.meta.url);
const logger = createLogger({ logLevel: 'silent' });
const viewer = { kind: 'participant', participantId: 'p', campaignId: 'c' } as const;
const input = (deviceId: string) => ({ deviceId, mutations: [], cursor: null });

describe('sync runner', () => {
  it('answers each batch, passes refusals on with their code, and starts a new worker after a crash', async () => {
    const runner = workerSyncRunner({ databasePath: 'unused', databaseUrl: null, logLevel: 'silent' }, logger, standIn);
    await runner.ready;
    try {
      expect((await runner.run(viewer, input('a'), logger, 'r1')).pull.cursor).toBe('a');
      const refusal = await runner.run(viewer, input('refuse'), logger, 'r2').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({ code: 'NOT_FOUND', message: 'Deze actie bestaat niet of je hebt er geen toegang toe.' });

      const crashed = await runner.run(viewer, input('crash'), logger, 'r3').catch((error: unknown) => error);
      expect(crashed).toBeInstanceOf(Error);
      expect(crashed).not.toBeInstanceOf(DomainError);
      expect((await runner.run(viewer, input('b'), logger, 'r4')).pull.cursor).toBe('b');
    } finally {
      await runner.close();
    }
  });

  it('lets a running batch finish before it stops', async () => {
    const runner = workerSyncRunner({ databasePath: 'unused', databaseUrl: null, logLevel: 'silent' }, logger, standIn);
    await runner.ready;
    const slow = runner.run(viewer, input('slow'), logger, 'r1');
    await runner.close();
    expect((await slow).pull.cursor).toBe('slow');
  });

  it('does not report ready while the worker cannot reach its database', async () => {
    // A PostgreSQL pool connects at its first query: a worker that only loaded must not count as ready.
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const runner = workerSyncRunner({ databasePath: 'unused', databaseUrl: `postgres://nobody:secret@127.0.0.1:${closedPort}/none`, logLevel: 'silent' }, logger);
    try {
      await expect(runner.ready).rejects.toThrow(/^cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:\d+\/none \(DATABASE_URL\): .*ECONNREFUSED/);
    } finally {
      await runner.close();
    }
  });
});
