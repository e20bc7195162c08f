/**
 * web-budget: the gzip size of the JavaScript a browser loads for the counter route
 * (/tellen), against a minimal one-page SvelteKit app built in the same run with the
 * same versions (tests/bench/fixtures/skeleton). Both are measured the same way: load the
 * page in Chromium and gzip every script it fetched. Target: ≤ 60 KB and ratio ≤ 2.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/browser.js';
import { repoRoot } from '../support/server-process.js';
import { report, round, startChildServer } from './support/measure.js';

const skeletonDir = path.join(repoRoot, 'tests/bench/fixtures/skeleton');

/** Builds the skeleton app (also served by the lighthouse bench) and returns its build folder. */
export function buildSkeleton(): string {
  // SvelteKit's build imports `cookie` from the app folder; the hoisted copy at the
  // repository root is fastify's newer major, so point the fixture at web's copy.
  const link = path.join(skeletonDir, 'node_modules', 'cookie');
  fs.mkdirSync(path.dirname(link), { recursive: true });
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(repoRoot, 'web/node_modules/cookie'), link, 'dir');
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: skeletonDir, stdio: 'ignore' });
  return path.join(skeletonDir, 'build');
}

/** Serves a folder with an index.html fallback, like the app server does. */
function serveStatic(root: string): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(root, 'index.html');
    res.writeHead(200, { 'content-type': target.endsWith('.js') ? 'text/javascript' : target.endsWith('.css') ? 'text/css' : 'text/html' });
    fs.createReadStream(target).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })));
}

async function scriptKilobytes(url: string): Promise<number> {
  const browser = await launchChromium();
  try {
    // A new context without a service worker: only what the page itself fetches counts.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const bodies: Promise<Buffer>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') bodies.push(response.body());
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const total = (await Promise.all(bodies)).reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    return total / 1024;
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<void> {
  const app = await startChildServer('server/src/main.ts', { DATABASE_PATH: ':memory:', NODE_ENV: 'production', LOG_LEVEL: 'warn' }, '/healthz');
  let counter: number;
  try {
    counter = await scriptKilobytes(`${app.url}/tellen`);
  } finally {
    await app.stop();
  }
  const skeleton = await serveStatic(buildSkeleton());
  let baseline: number;
  try {
    baseline = await scriptKilobytes(skeleton.url);
  } finally {
    skeleton.close();
  }
  report({ bench: 'web-budget', counter_js_gzip_kb: round(counter, 1), skeleton_js_gzip_kb: round(baseline, 1), ratio: round(counter / baseline, 2) });
}
