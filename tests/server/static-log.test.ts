/**
 * Files of the web app are logged at debug level, the API at info: a page load asks for
 * dozens of scripts and styles, which would bury the lines an operator needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { databaseFile } from '../support/test-app.js';

describe('request log of web app files', () => {
  const file = databaseFile();
  const webBuildDir = path.join(path.dirname(file.env.MEDIA_DIR!), 'web');
  const lines: Record<string, unknown>[] = [];
  let app: App;
  let url: string;

  beforeAll(async () => {
    fs.mkdirSync(path.join(webBuildDir, '_app', 'immutable'), { recursive: true });
    fs.writeFileSync(path.join(webBuildDir, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(webBuildDir, '_app', 'immutable', 'start.js'), 'console.log(1)');
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DEMO_SEED: 'false', WEB_BUILD_DIR: webBuildDir, ...file.env });
    app = await createApp(config, pino({ level: 'debug' }, sink));
    url = await app.http.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    file.remove();
  });

  const levelOf = async (pathname: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${pathname}`, { headers });
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const line = lines.find((l) => l.requestId === response.headers.get('x-request-id') && l.msg === 'request completed');
    return line?.level;
  };

  it('logs scripts, the app shell and client routes at debug, the API and errors at info', async () => {
    expect(await levelOf('/_app/immutable/start.js')).toBe(20);
    expect(await levelOf('/', { accept: 'text/html' })).toBe(20);
    expect(await levelOf('/tellen', { accept: 'text/html' })).toBe(20);
    expect(await levelOf('/healthz')).toBe(30);
    expect(await levelOf('/_app/immutable/missing.js')).toBe(30);
    expect(await levelOf('/exports/campaigns/x/findings.csv')).toBe(30);
  });
});
