/** Request logging: one line per request with what an operator needs, nothing a visitor should not leave behind. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { loggablePath } from '../../server/src/http/request-log.js';
import { databaseFile } from '../support/test-app.js';

describe('request log', () => {
  it('writes one line per request with method, path, status, time and request id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const file = databaseFile();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DEMO_SEED: 'false', ...file.env });
    const app = await createApp(config, pino({ level: 'info' }, sink)).catch((error: unknown) => {
      file.remove();
      throw error;
    });
    try {
      const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
      lines.length = 0;
      const response = await fetch(`${url}/healthz?x=geheim`);
      const requestId = response.headers.get('x-request-id');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const ours = lines.filter((l) => l.requestId === requestId);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({ msg: 'request completed', method: 'GET', path: '/healthz', statusCode: 200 });
      expect(typeof ours[0]!.responseTime).toBe('number');
      expect(JSON.stringify(ours[0])).not.toContain('geheim');
    } finally {
      await app.close();
      file.remove();
    }
  });

  it('keeps invite codes and query strings out of the logged path', () => {
    expect(loggablePath('/meedoen/ABCD2345EF')).toBe('/meedoen/…');
    expect(loggablePath('/exports/campaigns/1/findings.csv?separator=semicolon')).toBe('/exports/campaigns/1/findings.csv');
    expect(loggablePath('/tellen')).toBe('/tellen');
  });
});
