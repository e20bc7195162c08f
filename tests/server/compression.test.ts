/**
 * Answers are compressed (br, else gzip) when the client asks: the web app's scripts,
 * styles and pages, GraphQL answers (also the sync mutation's), CSV exports; photos and
 * tiny answers are sent as they are. Read over raw HTTP, since fetch decompresses
 * silently, and decompressed back to the exact bytes.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressibleTypes } from '../../server/src/http/compression.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent (compressed or not). */
  sent: Buffer;
  /** The body after undoing content-encoding. */
  body: string;
}

function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const sent = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        const body = encoding === 'br' ? zlib.brotliDecompressSync(sent) : encoding === 'gzip' ? zlib.gunzipSync(sent) : sent;
        resolve({ status: response.statusCode!, headers: response.headers, sent, body: body.toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('compressed answers', () => {
  const webBuildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-web-'));
  const script = `export const words = ${JSON.stringify(Array.from({ length: 4000 }, (_, i) => `tegel-${i}`))};\n`;
  const style = `${Array.from({ length: 400 }, (_, i) => `.c${i} { color: red; margin: ${i}px; }`).join('\n')}\n`;
  const page = `<!doctype html><html lang="nl"><head><title>Buurtkracht</title></head><body>${'<p>Samen maken we de buurt sterker.</p>'.repeat(60)}</body></html>`;
  let fx: AccessFixture;

  beforeAll(async () => {
    fs.mkdirSync(path.join(webBuildDir, '_app', 'immutable'), { recursive: true });
    fs.writeFileSync(path.join(webBuildDir, 'index.html'), page);
    fs.writeFileSync(path.join(webBuildDir, '_app', 'immutable', 'app.js'), script);
    fs.writeFileSync(path.join(webBuildDir, '_app', 'immutable', 'app.css'), style);
    fx = await accessFixture({ WEB_BUILD_DIR: webBuildDir });
  });
  afterAll(async () => {
    await fx.t.close();
    fs.rmSync(webBuildDir, { recursive: true, force: true });
  });

  it('sends the web app’s script, style and page with brotli, or gzip when that is all the browser takes', async () => {
    for (const [file, content, type] of [
      ['/_app/immutable/app.js', script, /javascript/],
      ['/_app/immutable/app.css', style, /text\/css/],
      ['/tellen', page, /text\/html/],
    ] as const) {
      const br = await raw(`${fx.t.url}${file}`, { headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' } });
      expect([file, br.status, br.headers['content-encoding']]).toEqual([file, 200, 'br']);
      expect(br.headers['content-type']).toMatch(type);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.body).toBe(content);
      expect(br.sent.length).toBeLessThan(content.length / 3);
      const gzip = await raw(`${fx.t.url}${file}`, { headers: { 'accept-encoding': 'gzip', accept: 'text/html' } });
      expect([file, gzip.headers['content-encoding'], gzip.body === content]).toEqual([file, 'gzip', true]);
      const plain = await raw(`${fx.t.url}${file}`, { headers: { accept: 'text/html' } });
      expect([file, plain.headers['content-encoding'], plain.body === content]).toEqual([file, undefined, true]);
    }
    // Long cache headers for hashed files stay as they were.
    expect((await raw(`${fx.t.url}/_app/immutable/app.js`, { headers: { 'accept-encoding': 'br' } })).headers['cache-control']).toMatch(/immutable/);
  });

  it('compresses GraphQL answers, also the sync mutation’s, which is applied as before', async () => {
    const device = new TestDevice();
    const entries = Array.from({ length: 40 }, () => device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1));
    const answer = await raw(`${fx.t.url}/graphql`, {
      method: 'POST',
      headers: { ...fx.headers.participant, 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
      body: JSON.stringify({ query: SYNC, variables: device.input(entries, null, fx.campaignA.id) }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    const result = JSON.parse(answer.body) as { data: { sync: { results: { status: string }[] } } };
    expect(result.data.sync.results.map((r) => r.status)).toEqual(entries.map(() => 'APPLIED'));
    expect(answer.sent.length).toBeLessThan(answer.body.length / 2);
  });

  it('compresses CSV exports; small answers and photos go as they are', async () => {
    const csv = await raw(`${fx.t.url}/exports/campaigns/${fx.campaignA.id}/tally-ledger.csv`, { headers: { ...fx.headers.coordinator, 'accept-encoding': 'br' } });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-encoding']).toBe('br');
    expect(csv.body.split('\r\n').length).toBeGreaterThan(40);
    const health = await raw(`${fx.t.url}/healthz`, { headers: { 'accept-encoding': 'br' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    for (const type of ['image/jpeg', 'image/webp', 'image/png', 'application/octet-stream']) expect([type, compressibleTypes.test(type)]).toEqual([type, false]);
    for (const type of ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'text/javascript; charset=utf-8', 'application/javascript', 'text/css', 'text/html; charset=utf-8', 'application/manifest+json', 'text/csv; charset=utf-8']) {
      expect([type, compressibleTypes.test(type)]).toEqual([type, true]);
    }
  });
});
