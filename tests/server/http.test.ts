import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appShellPages, MAX_INLINE_STYLE_BYTES } from '../../server/src/http/app-shell-page.js';
import { graphql, startTestApp, type TestApp } from '../support/test-app.js';

/** A stand-in for the web build with one file of each caching class. */
function fakeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-web-'));
  fs.mkdirSync(path.join(dir, '_app/immutable/chunks'), { recursive: true });
  fs.mkdirSync(path.join(dir, '_app/immutable/assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><head><title>shell</title></head>');
  // As web/adapter/route-modules.js writes it: each page's scripts and styles, in SvelteKit's matching order.
  fs.writeFileSync(
    path.join(dir, 'route-modules.json'),
    JSON.stringify([
      { pattern: '^\\/over\\/?$', modules: ['/_app/immutable/nodes/13.abc.js', '/_app/immutable/chunks/def.js'], styles: [] },
      {
        pattern: '^\\/voortgang\\/([^/]+?)\\/?$',
        modules: ['/_app/immutable/nodes/22.ghi.js'],
        styles: ['/_app/immutable/assets/2.aaa.css', '/_app/immutable/assets/map.bbb.css', '/_app/immutable/assets/odd.ccc.css', '/_app/immutable/assets/22.ddd.css'],
      },
      // As a build from before styles were listed wrote it.
      { pattern: '^\\/uitslag\\/([^/]+?)\\/?$', modules: ['/_app/immutable/nodes/20.eee.js'] },
    ]),
  );
  fs.writeFileSync(path.join(dir, '_app/immutable/assets/2.aaa.css'), '.app-header{color:green}');
  // Over MAX_INLINE_STYLE_BYTES, and one that would close the <style> early: both left to the app.
  fs.writeFileSync(path.join(dir, '_app/immutable/assets/map.bbb.css'), `.map{background:url(x.png)}${' '.repeat(MAX_INLINE_STYLE_BYTES)}`);
  fs.writeFileSync(path.join(dir, '_app/immutable/assets/odd.ccc.css'), '.odd::after{content:"</style>"}');
  fs.writeFileSync(path.join(dir, '_app/immutable/assets/22.ddd.css'), '.hero{border:3px solid}');
  fs.writeFileSync(path.join(dir, '_app/immutable/chunks/app.abc123.js'), 'console.log(1)');
  // As web/adapter/precompress.js writes it.
  fs.writeFileSync(path.join(dir, '_app/immutable/chunks/app.abc123.js.br'), zlib.brotliCompressSync('console.log(1)'));
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

  it("sends the build's brotli copy of a script as it is, to a browser that takes brotli", async () => {
    const response = await fetch(`${t.url}/_app/immutable/chunks/app.abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // fetch decodes it: once, so the copy was not compressed a second time on the way.
    expect(await response.text()).toBe('console.log(1)');
    const plain = await fetch(`${t.url}/_app/immutable/chunks/app.abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('console.log(1)');
  });

  it('answers a deep link with the app shell so client routes load directly', async () => {
    const response = await fetch(`${t.url}/over`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>shell</title>');
  });

  it("preloads the scripts of the page at the address, at low priority, after the shell's own", async () => {
    const over = await (await fetch(`${t.url}/over`, { headers: { accept: 'text/html' } })).text();
    expect(over).toBe(
      '<!doctype html><head><title>shell</title><link href="/_app/immutable/nodes/13.abc.js" rel="modulepreload" fetchpriority="low">\n' +
        '<link href="/_app/immutable/chunks/def.js" rel="modulepreload" fetchpriority="low">\n</head>',
    );
    const progress = await (await fetch(`${t.url}/voortgang/01a2-b3`, { headers: { accept: 'text/html' } })).text();
    expect(progress).toContain('<link href="/_app/immutable/nodes/22.ghi.js" rel="modulepreload" fetchpriority="low">');
    expect(progress).not.toContain('13.abc.js');
    // A path no page matches gets the shell as built; the client shows its "not found" page.
    for (const url of ['/voortgang/a/b', '/onbekend', '/']) {
      const response = await fetch(`${t.url}${url}`, { headers: { accept: 'text/html' } });
      expect(response.status, url).toBe(200);
      expect(await response.text(), url).toBe('<!doctype html><head><title>shell</title></head>');
    }
  });

  it("writes the page's styles into the shell, each beside a disabled link that tells the app it is there", async () => {
    const progress = await (await fetch(`${t.url}/voortgang/01a2-b3`, { headers: { accept: 'text/html' } })).text();
    expect(progress).toBe(
      '<!doctype html><head><title>shell</title><link href="/_app/immutable/nodes/22.ghi.js" rel="modulepreload" fetchpriority="low">\n' +
        '<style>.app-header{color:green}</style>\n<link href="/_app/immutable/assets/2.aaa.css" rel="stylesheet" disabled media="(max-width: 0)">\n' +
        '<style>.hero{border:3px solid}</style>\n<link href="/_app/immutable/assets/22.ddd.css" rel="stylesheet" disabled media="(max-width: 0)">\n</head>',
    );
    // The large file and the one with "</style>" in it are not there: the app fetches them as before.
    expect(progress).not.toContain('map.bbb.css');
    expect(progress).not.toContain('odd.ccc.css');
    // A page listed without styles gets its scripts preloaded and no styles.
    const result = await (await fetch(`${t.url}/uitslag/01a2-b3`, { headers: { accept: 'text/html' } })).text();
    expect(result).toBe('<!doctype html><head><title>shell</title><link href="/_app/immutable/nodes/20.eee.js" rel="modulepreload" fetchpriority="low">\n</head>');
  });

  it('answers a shell the browser already has with 304, per page', async () => {
    const first = await fetch(`${t.url}/over`, { headers: { accept: 'text/html' } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${t.url}/over`, { headers: { accept: 'text/html', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    // Another page's shell differs, so the same tag does not match it.
    const other = await fetch(`${t.url}/voortgang/x`, { headers: { accept: 'text/html', 'if-none-match': etag } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('answers a HEAD request for a page without a body', async () => {
    const response = await fetch(`${t.url}/over`, { method: 'HEAD', headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
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

describe('the app shell of the real web build', () => {
  // web/build, made before the tests run (npm test builds it first): what the build's
  // adapter writes is what the server reads.
  const webBuild = path.resolve(import.meta.dirname, '../../web/build');

  it("preloads the progress page's own scripts and writes in its styles, and only the shell's on an address no page has", () => {
    const shellFor = appShellPages(webBuild);
    const progress = shellFor('/voortgang/01a2-b3').html;
    expect(progress).toMatch(/<link href="\/_app\/immutable\/nodes\/\d+\.[\w-]+\.js" rel="modulepreload" fetchpriority="low">/);
    // The field layout's styles and the page's own, each with its file's content.
    const styles = [...progress.matchAll(/<style>([^<]*)<\/style>\n<link href="([^"]+)" rel="stylesheet" disabled media="\(max-width: 0\)">/g)];
    expect(styles.length).toBeGreaterThanOrEqual(2);
    for (const [, css, href] of styles) expect(css).toBe(fs.readFileSync(path.join(webBuild, href!), 'utf8'));
    const plain = shellFor('/bestaat/niet/echt').html;
    expect(plain).toBe(fs.readFileSync(path.join(webBuild, 'index.html'), 'utf8'));
    expect(progress.length).toBeGreaterThan(plain.length);
  });
});

