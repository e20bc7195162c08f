/**
 * Where /metrics is served, and that it is never public: behind a bearer token on the
 * app's port (the token never in the log), on a port of its own that opens and closes
 * with the app, or not at all.
 */
import net from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { databaseFile, startTestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('metrics behind a token on the app port', () => {
  it('answers 401 without the right bearer token, 200 with it, and logs the path only', async () => {
    const file = databaseFile();
    const log: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => void (log.push(String(chunk)), done()) });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DEMO_SEED: 'false', METRICS_TOKEN: TOKEN, ...file.env });
    const app = await createApp(config, pino({ level: 'debug' }, sink));
    try {
      const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
      const wrong = 'metrics-token-for-tests-9876543210';
      const refused: Record<string, string>[] = [{}, { authorization: `Bearer ${wrong}` }, { authorization: TOKEN }, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, { authorization: `Bearer ${TOKEN} extra` }];
      for (const headers of refused) {
        const response = await fetch(`${url}/metrics`, { headers });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.text()).not.toContain('buurtkracht_');
      }
      expect((await fetch(`${url}/metrics?token=${TOKEN}`)).status).toBe(401);
      const allowed = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('buurtkracht_graphql_requests_total');

      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = log.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
      const scrapes = lines.filter((line) => line.path === '/metrics');
      expect(scrapes.map((line) => line.statusCode)).toEqual([401, 401, 401, 401, 401, 401, 200]);
      expect(log.join('')).not.toContain(TOKEN);
      expect(log.join('')).not.toContain(wrong);
    } finally {
      await app.close();
      file.remove();
    }
  });
});

describe('metrics on a port of their own', () => {
  it('serves /metrics there without a token, not on the app port, and stops with the app', async () => {
    const port = await freePort();
    const t = await startTestApp({ METRICS_PORT: String(port) });
    const metricsUrl = `http://127.0.0.1:${port}`;
    try {
      const response = await fetch(`${metricsUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('buurtkracht_sync_batches_total');
      expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
      for (const headers of [{}, { accept: 'text/html' }, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) expect((await fetch(`${t.url}/metrics`, { headers })).status).toBe(404);
    } finally {
      await t.close();
    }
    await expect(fetch(`${metricsUrl}/metrics`)).rejects.toThrow();
  });

  it('stops the start-up when that port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      await expect(startTestApp({ METRICS_PORT: String((taken.address() as net.AddressInfo).port) })).rejects.toThrow(/METRICS_PORT/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('metrics off', () => {
  it('has no /metrics: a plain 404, also for a browser and with a token', async () => {
    const t = await startTestApp();
    try {
      for (const headers of [{}, { accept: 'text/html' }, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
        const response = await fetch(`${t.url}/metrics`, { headers });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: 'NOT_FOUND', message: 'Niet gevonden.' });
      }
    } finally {
      await t.close();
    }
  });
});
