/**
 * The server with its demo data on a fresh database in a temporary folder, the demo
 * coordinator signed in, and Chromium: what most end-to-end files start with. Call it in
 * a describe block; the fields are there from its beforeAll on, and everything is
 * stopped and removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type ServerProcess } from '../../support/server-process.js';
import { launchChromium } from '../browser.js';
import { demoCoordinator } from './staff-api.js';

export interface DemoApp {
  server: ServerProcess;
  browser: Browser;
  coordinator: Awaited<ReturnType<typeof demoCoordinator>>;
}

export function useDemoApp(folderPrefix: string): DemoApp {
  const app = {} as DemoApp;
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
    app.server = await startServer({ DATABASE_PATH: path.join(dir, 'e2e.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'test', GRAPHQL_RATE_LIMIT_PER_MINUTE: '100000' });
    app.coordinator = await demoCoordinator(app.server);
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return app;
}
