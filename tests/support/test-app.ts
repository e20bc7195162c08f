/**
 * An in-process app over a fresh in-memory SQLite database migrated to latest, listening
 * on a random loopback port: real HTTP, real SQLite, no child process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';

export interface TestApp {
  app: App;
  url: string;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', PORT: '0', ...env });
  const app = await createApp(config, createLogger(config));
  const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, config, close: () => app.close() };
}

/**
 * Settings for an app on a database file in a fresh folder, as in production: queries
 * then read on their own read-only connection (an in-memory database has only one).
 */
export function databaseFile(): { env: Record<string, string>; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-test-'));
  return { env: { DATABASE_PATH: path.join(dir, 'test.db'), MEDIA_DIR: path.join(dir, 'media') }, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** POSTs a GraphQL operation as a browser would (JSON, so CSRF prevention lets it through). */
export async function graphql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
