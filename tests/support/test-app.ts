/**
 * An in-process app listening on a random loopback port: real HTTP, a real database, no
 * child process. By default it runs as `npm start` does: on a fresh database file (migrated
 * to latest) in a temporary folder that also holds MEDIA_DIR, with queries on their own
 * read-only connection and sync batches in the worker thread; close() removes the folder.
 * In the PostgreSQL project (test-database.ts) the fresh database is a PostgreSQL one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig, type Config } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { createTestDatabase, onPostgres } from './test-database.js';

export interface TestApp {
  app: App;
  url: string;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Runs on `:memory:` instead of a file, and says why. There, queries share the write
   * connection and sync runs inline instead of in the worker, which hides bugs that
   * production would show, so only a test that needs it (and says so) may ask.
   */
  inMemoryBecause?: string;
}

/**
 * Starts the app. `env` overrides settings; a DATABASE_PATH in it (see databaseFile())
 * is used as given and left for the caller to remove.
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  if (env.DATABASE_PATH === ':memory:') throw new Error('startTestApp: ask for an in-memory database with { inMemoryBecause: "…" }, not DATABASE_PATH');
  if (options.inMemoryBecause !== undefined && !options.inMemoryBecause.trim()) throw new Error('startTestApp: inMemoryBecause needs a reason');
  let owned: { env: Record<string, string>; remove(): void } | null = null;
  let storage: Record<string, string> = {};
  // PostgreSQL has no in-memory database: there such a test runs on a database of its own too.
  if (options.inMemoryBecause && !onPostgres) {
    owned = databaseFile();
    storage = { DATABASE_PATH: ':memory:', MEDIA_DIR: owned.env.MEDIA_DIR! };
  } else if (!env.DATABASE_PATH && !env.DATABASE_URL) {
    owned = databaseFile();
    storage = owned.env;
  }
  try {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...storage, ...env });
    const app = await createApp(config, createLogger(config));
    const url = await app.http.listen({ port: 0, host: '127.0.0.1' }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    return {
      app,
      url,
      config,
      async close() {
        try {
          await app.close();
        } finally {
          owned?.remove();
        }
      },
    };
  } catch (error) {
    owned?.remove();
    throw error;
  }
}

/**
 * Settings for an app on a database file in a fresh folder that the caller removes, for
 * tests that open the same file again (a restart, a second process). startTestApp()
 * without a DATABASE_PATH makes and removes such a folder by itself.
 */
export function databaseFile(): { env: Record<string, string>; remove(): void } {
  if (!onPostgres) return sqliteDatabaseFile();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-test-'));
  const database = createTestDatabase();
  return {
    env: { DATABASE_URL: database.url, MEDIA_DIR: path.join(dir, 'media') },
    remove: () => {
      try {
        database.drop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A SQLite database file in a fresh folder whatever the dialect under test, for the tests
 * of SQLite itself (marked sqliteOnly): vitest runs a skipped describe's body all the same,
 * so its set-up must not need a file that only SQLite has.
 */
export function sqliteDatabaseFile(): { env: Record<string, string>; remove(): void } {
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
