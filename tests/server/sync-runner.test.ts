/** The main thread's side of the sync worker, against a stand-in worker. */
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
});
