/**
 * An in-process app over a fresh in-memory SQLite database migrated to latest, listening
 * on a random loopback port: real HTTP, real SQLite, no child process.
 */
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

/** POSTs a GraphQL operation as a browser would (JSON, so CSRF prevention lets it through). */
export async function graphql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}
