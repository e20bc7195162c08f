import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from '../support/test-app.js';

/** A stand-in for the web build with one file of each caching class. */
function fakeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-web-'));
  fs.mkdirSync(path.join(dir, '_app/immutable/chunks'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  fs.writeFileSync(path.join(dir, '_app/immutable/chunks/app.abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, '_app/version.json'), '{"version":"1"}');
  fs.writeFileSync(path.join(dir, 'service-worker.js'), 'self.x=1');
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"x"}');
  return dir;
}

const streetsQuery = `query Streets($first: Int, $after: String) {
  neighbourhood(slug: "staatsliedenbuurt") {
    name
    streets(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } }
  }
}`;

describe('HTTP server', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = fakeWebBuild();
    t = await startTestApp({ WEB_BUILD_DIR: webDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('answers /healthz with 200 when the database responds', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers a GraphQL query over HTTP with the seeded streets', async () => {
    const { status, body } = await graphql(t.url, streetsQuery, { first: 50 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.neighbourhood.name).toBe('Staatsliedenbuurt');
    expect(body.data.neighbourhood.streets.edges.map((e: any) => e.node.name)).toContain('Troelstrastraat');
  });

  it('pages through streets with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const { body } = await graphql(t.url, streetsQuery, { first: 2, after });
      const connection = body.data.neighbourhood.streets;
      seen.push(...connection.edges.map((e: any) => e.node.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    const all = (await graphql(t.url, streetsQuery, { first: 100 })).body.data.neighbourhood.streets.edges.map((e: any) => e.node.name);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(5);
    expect([...all].sort()).toEqual(all);
  });

  it('refuses a page larger than the cap with a clear error', async () => {
    const { body } = await graphql(t.url, streetsQuery, { first: 101 });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/hoogstens 100/);
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const { body } = await graphql(t.url, streetsQuery, { first: 2, after: 'bm9uc2Vucw' });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('validates arguments with zod and answers in Dutch', async () => {
    const { body } = await graphql(t.url, '{ neighbourhood(slug: "Niet Geldig!") { name } }');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/kleine letters/);
  });

  it('answers null for an unknown neighbourhood', async () => {
    const { body } = await graphql(t.url, '{ neighbourhood(slug: "bestaat-niet") { name } }');
    expect(body).toEqual({ data: { neighbourhood: null } });
  });

  it('puts a request id on every response', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves hashed assets as immutable and the shell, manifest and service worker as no-cache', async () => {
    const immutable = await fetch(`${t.url}/_app/immutable/chunks/app.abc123.js`);
    expect(immutable.status).toBe(200);
    expect(immutable.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const file of ['/', '/index.html', '/service-worker.js', '/manifest.webmanifest', '/_app/version.json']) {
      const response = await fetch(`${t.url}${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('cache-control'), file).toBe('no-cache');
    }
  });

  it('answers a deep link with the app shell so client routes load directly', async () => {
    const response = await fetch(`${t.url}/over`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>shell</title>');
  });

  it('answers a missing asset or API path with a 404, never the shell', async () => {
    for (const url of ['/_app/immutable/chunks/gone.js', '/healthz/extra', '/graphql/extra']) {
      const response = await fetch(`${t.url}${url}`, { headers: { accept: 'text/html' } });
      expect(response.status, url).toBe(404);
      expect(await response.json()).toEqual({ error: 'NOT_FOUND', message: 'Niet gevonden.' });
    }
  });
});

describe('HTTP server when the database fails', () => {
  it('answers /healthz with 503 and masks GraphQL errors behind a request id', async () => {
    const t = await startTestApp();
    try {
      const query = '{ neighbourhoods { edges { node { name } } } }';
      expect((await graphql(t.url, query)).body.data.neighbourhoods.edges).toHaveLength(1);
      // Both connections: the health check uses the writer, GraphQL queries the reader (on
      // PostgreSQL both use the one pool).
      const { connection } = t.app;
      if (connection.dialect === 'sqlite') {
        connection.sqlite.close();
        await connection.readDb.destroy();
      } else {
        await connection.readDb.destroy();
        await connection.db.destroy();
      }
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(503);

      const { headers, body } = await graphql(t.url, query);
      const [error] = body.errors;
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Er ging iets mis op de server. Probeer het later opnieuw.');
      expect(error.extensions.requestId).toBe(headers.get('x-request-id'));
      expect(JSON.stringify(body)).not.toMatch(/database|sqlite|stacktrace|at /i);
    } finally {
      await t.close();
    }
  });
});
