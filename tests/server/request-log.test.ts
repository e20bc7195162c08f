/** Request logging: one line per request with what an operator needs, nothing a visitor should not leave behind. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { isWebAppFile, loggablePath } from '../../server/src/http/request-log.js';
import { databaseFile } from '../support/test-app.js';

describe('request log', () => {
  const file = databaseFile();
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  let app: App;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        raw.push(String(chunk));
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DEMO_SEED: 'false', ...file.env });
    app = await createApp(config, pino({ level: 'debug' }, sink));
    url = await app.http.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
    file.remove();
  });

  /** The request's own log lines, once it is answered. */
  async function linesOf(response: Response) {
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return lines.filter((l) => l.requestId === response.headers.get('x-request-id'));
  }

  it('writes one line per request with method, path, status, time and request id', async () => {
    const ours = await linesOf(await fetch(`${url}/healthz?x=geheim`));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ msg: 'request completed', method: 'GET', path: '/healthz', statusCode: 200, level: 30 });
    expect(typeof ours[0]!.responseTime).toBe('number');
    expect(JSON.stringify(ours[0])).not.toContain('geheim');
  });

  it('keeps the token of an unsubscribe link out of the log, for the page (GET) and the button (POST)', async () => {
    const token = 'GeheimAfmeldToken0123456789abcdefghijklmnopq';
    const page = await linesOf(await fetch(`${url}/mail/afmelden/${token}`, { headers: { accept: 'text/html' } }));
    const button = await linesOf(await fetch(`${url}/mail/afmelden/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' }));
    // Logged as the API it is (info), not as a file of the web app (debug).
    expect(page).toMatchObject([{ msg: 'request completed', method: 'GET', path: '/mail/afmelden/…', statusCode: 404, level: 30 }]);
    expect(button).toMatchObject([{ msg: 'request completed', method: 'POST', path: '/mail/afmelden/…', statusCode: 404, level: 30 }]);
    expect(raw.join('')).not.toContain(token);
  });

  it('keeps invite codes, unsubscribe tokens and query strings out of the logged path', () => {
    expect(loggablePath('/meedoen/ABCD2345EF')).toBe('/meedoen/…');
    expect(loggablePath('/mail/afmelden/GeheimAfmeldToken?x=1')).toBe('/mail/afmelden/…');
    expect(loggablePath('/mail/afmelden/GeheimAfmeldToken/meer')).toBe('/mail/afmelden/…/meer');
    expect(loggablePath('/exports/campaigns/1/findings.csv?separator=semicolon')).toBe('/exports/campaigns/1/findings.csv');
    expect(loggablePath('/tellen')).toBe('/tellen');
  });

  it('tells the API from files of the web app by one list of paths', () => {
    for (const path of ['/graphql', '/media/1', '/exports/campaigns/1/findings.csv', '/healthz', '/mail/afmelden/…']) expect(isWebAppFile('GET', path, 200)).toBe(false);
    for (const path of ['/', '/tellen', '/_app/immutable/start.js', '/mediatheek']) expect(isWebAppFile('GET', path, 200)).toBe(true);
  });
});
