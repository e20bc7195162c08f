/**
 * The API faces the open internet: each protection here is checked against the real
 * HTTP server, and each test would fail without it.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, startTestApp, type TestApp } from '../support/test-app.js';

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/graphql`, { method: 'POST', headers, body });

describe('GraphQL request protections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives no field suggestions in validation errors', async () => {
    const { body } = await graphql(t.url, '{ neighbourhoodz { name } }');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).not.toMatch(/did you mean/i);
    expect(JSON.stringify(body)).not.toContain('neighbourhoods');
  });

  it('refuses a cross-site simple request (CSRF prevention)', async () => {
    const response = await post(t.url, JSON.stringify({ query: '{ serverInfo { apiVersion } }' }), { 'content-type': 'text/plain' });
    expect(response.status).toBe(400);
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ serverInfo { apiVersion } }')}`);
    expect(get.status).toBe(400);
    const preflighted = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ serverInfo { apiVersion } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('refuses batched requests', async () => {
    const response = await post(t.url, JSON.stringify([{ query: '{ serverInfo { apiVersion } }' }, { query: '{ serverInfo { apiVersion } }' }]));
    expect(response.status).toBe(400);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: serverInfo { apiVersion }`).join(' ');
    const { body } = await graphql(t.url, `{ ${aliases} }`);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Te veel aliassen/);
    const fine = Array.from({ length: 15 }, (_, i) => `a${i}: serverInfo { apiVersion }`).join(' ');
    expect((await graphql(t.url, `{ ${fine} }`)).body.errors).toBeUndefined();
  });

  it('refuses a query with too many tokens before executing it', async () => {
    const fields = Array.from({ length: 2100 }, () => 'apiVersion').join(' ');
    const { body } = await graphql(t.url, `{ serverInfo { ${fields} } }`);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0].message).toMatch(/more th\w+ 2000 tokens/);
  });

  it('refuses a query that is too costly (page sizes multiply)', async () => {
    const { body } = await graphql(t.url, '{ neighbourhoods(first: 100) { edges { node { streets(first: 100) { edges { node { id name householdCount } } } } } } }');
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const { body: small } = await graphql(t.url, '{ neighbourhoods(first: 5) { edges { node { streets(first: 20) { edges { node { id name } } } } } } }');
    expect(small.errors).toBeUndefined();
  });

  it('refuses a query nested too deeply', async () => {
    const nest = (levels: number) => `{ __schema { types { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } } }`;
    const { body } = await graphql(t.url, nest(12));
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/te diep genest/);
    expect((await graphql(t.url, nest(6))).body.errors).toBeUndefined();
  });

  it('refuses a request body over 1 MB with 413', async () => {
    const big = JSON.stringify({ query: '{ serverInfo { apiVersion } }', variables: { pad: 'x'.repeat(1_100_000) } });
    const response = await post(t.url, big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'Het verzoek is te groot.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers malformed JSON with 400 and a clear message', async () => {
    const response = await post(t.url, '{"query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Het verzoek is geen geldige JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    const empty = await post(t.url, '');
    expect((await empty.json()).errors[0].message).toBe('Het verzoek is leeg.');
  });

  it('answers wrong argument types with a validation error and no data', async () => {
    const { body } = await graphql(t.url, '{ neighbourhood(slug: 12) { name } }');
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.data).toBeUndefined();
  });

  it('sets security headers: CSP without framing, nosniff, no referrer', async () => {
    const response = await fetch(`${t.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('introspection', () => {
  it('is off in production and on elsewhere', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    const test = await startTestApp({ NODE_ENV: 'test' });
    try {
      const off = await graphql(production.url, '{ __schema { queryType { name } } }');
      expect(off.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(off.body.errors[0].message).toMatch(/introspection/i);
      const on = await graphql(test.url, '{ __schema { queryType { name } } }');
      expect(on.body.data.__schema.queryType.name).toBe('Query');
    } finally {
      await production.close();
      await test.close();
    }
  });
});

describe('content security policy with the built app shell', () => {
  it('lets map tiles come from the configured tile server only, and tells clients where that is', async () => {
    const withTiles = await startTestApp({ MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
    const without = await startTestApp({ MAP_TILE_URL: 'none' });
    try {
      const csp = (await fetch(`${withTiles.url}/healthz`)).headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/\*\.tiles\.example\.org(;|$)/);
      const info = await graphql(withTiles.url, '{ serverInfo { mapTileUrl } }');
      expect(info.body.data.serverInfo.mapTileUrl).toBe('https://{s}.tiles.example.org/{z}/{x}/{y}.png');
      expect((await fetch(`${without.url}/healthz`)).headers.get('content-security-policy')).toMatch(/img-src 'self' data: blob:(;|$)/);
      expect((await graphql(without.url, '{ serverInfo { mapTileUrl } }')).body.data.serverInfo.mapTileUrl).toBeNull();
    } finally {
      await withTiles.close();
      await without.close();
    }
  });

  it('allows exactly the inline bootstrap script of index.html by its hash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-csp-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><body><script>start()</script><script src="/x.js"></script></body></html>');
    const t = await startTestApp({ WEB_BUILD_DIR: dir });
    try {
      const csp = (await fetch(`${t.url}/`)).headers.get('content-security-policy') ?? '';
      // sha256("start()") in base64
      expect(csp).toContain("script-src 'self' 'sha256-");
      expect(csp.match(/'sha256-[^']+'/g)).toHaveLength(1);
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rate limiting on /graphql', () => {
  it('answers 429 with Retry-After once a caller exceeds the budget, per caller', async () => {
    const t = await startTestApp({ GRAPHQL_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      for (let i = 0; i < 5; i++) expect((await graphql(t.url, '{ serverInfo { apiVersion } }')).status).toBe(200);
      const limited = await graphql(t.url, '{ serverInfo { apiVersion } }');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(limited.body.errors[0].message).toMatch(/^Te veel verzoeken achter elkaar\. Probeer het over \d+ (seconden?|minuut|minuten) opnieuw\.$/);
      // A made-up device token buys no budget of its own: it counts against its IP
      // (a token that checks out does have its own: rate-limit-credentials.test.ts).
      const withToken = await graphql(t.url, '{ serverInfo { apiVersion } }', undefined, { authorization: `Bearer ${'a'.repeat(43)}` });
      expect(withToken.status).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe('slow clients', () => {
  it('are disconnected when a request does not arrive in time', async () => {
    const t = await startTestApp({ REQUEST_TIMEOUT_MS: '1000' });
    try {
      const { port } = new URL(t.url);
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"qu');
      const started = Date.now();
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      await new Promise((resolve) => socket.once('close', resolve));
      const waited = Date.now() - started;
      expect(waited).toBeLessThan(10_000);
      expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    } finally {
      await t.close();
    }
  });
});
