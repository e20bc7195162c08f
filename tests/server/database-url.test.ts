/**
 * DATABASE_URL selects PostgreSQL. An operator who gets it wrong learns which setting, and
 * where it pointed, without the password being printed.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { freePort } from '../support/server-process.js';

describe('DATABASE_URL', () => {
  it('stops the start with a message that names DATABASE_URL and where it points, not its password', async () => {
    const port = await freePort(); // nothing listens there
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: `postgres://buurtkracht:geheim-wachtwoord@127.0.0.1:${port}/buurtkracht` });
    const started = createApp(config, createLogger(config));
    await expect(started).rejects.toThrow(`cannot reach PostgreSQL at postgres://buurtkracht:***@127.0.0.1:${port}/buurtkracht (DATABASE_URL)`);
    await expect(started).rejects.not.toThrow(/geheim-wachtwoord/);
  });
});
