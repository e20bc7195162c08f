/**
 * lighthouse: Lighthouse mobile (its default: a Moto G Power–sized screen, simulated slow
 * 4G and a 4× slower CPU) on the field app's counter (/tellen), join page (/meedoen/CODE)
 * and public progress page (/voortgang/ID), beside the minimal SvelteKit app of
 * tests/bench/fixtures/skeleton served by the same server (same compression and
 * headers), in the same run. Median of LIGHTHOUSE_RUNS (3) runs per page. Targets:
 * performance ≥ 98, first contentful paint ≤ 1.5 s, accessibility 100. The system
 * Chromium (CHROMIUM_PATH), never a download.
 */
import fs from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../e2e/browser.js';
import { buildSkeleton } from './web-budget.bench.js';
import { median, report, round, startChildServer } from './support/measure.js';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

interface PageScore {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Audits that lost points, for the report when a target is missed. */
  failing: string[];
}

async function audit(url: string, port: number): Promise<PageScore> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.message}`);
  // LIGHTHOUSE_REPORT_DIR=dir keeps each full report, to see where the time goes.
  if (process.env.LIGHTHOUSE_REPORT_DIR) {
    fs.mkdirSync(process.env.LIGHTHOUSE_REPORT_DIR, { recursive: true });
    fs.writeFileSync(`${process.env.LIGHTHOUSE_REPORT_DIR}/${new URL(url).pathname.split('/')[1] || 'root'}-${new URL(url).port}-${Date.now()}.json`, JSON.stringify(lhr));
  }
  const failing = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric') && lhr.categories.accessibility!.auditRefs.some((r) => r.id === a.id && r.weight > 0))
    .map((a) => a.id);
  return {
    performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility!.score ?? 0) * 100),
    fcpMs: lhr.audits['first-contentful-paint']!.numericValue ?? NaN,
    lcpMs: lhr.audits['largest-contentful-paint']!.numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time']!.numericValue ?? NaN,
    cls: lhr.audits['cumulative-layout-shift']!.numericValue ?? NaN,
    speedIndexMs: lhr.audits['speed-index']!.numericValue ?? NaN,
    failing,
  };
}

async function medianOf(url: string, port: number): Promise<PageScore> {
  const runs: PageScore[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A run Lighthouse itself breaks off (a protocol error on a loaded machine) is tried again, twice at most.
    for (let attempt = 1; ; attempt++) {
      try {
        runs.push(await audit(url, port));
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        console.error(`lighthouse: run on ${url} failed (${error instanceof Error ? error.message : String(error)}); trying again`);
      }
    }
  }
  return {
    performance: median(runs.map((r) => r.performance)),
    accessibility: median(runs.map((r) => r.accessibility)),
    fcpMs: median(runs.map((r) => r.fcpMs)),
    lcpMs: median(runs.map((r) => r.lcpMs)),
    tbtMs: median(runs.map((r) => r.tbtMs)),
    cls: median(runs.map((r) => r.cls)),
    speedIndexMs: median(runs.map((r) => r.speedIndexMs)),
    failing: [...new Set(runs.flatMap((r) => r.failing))],
  };
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { role } }', variables: { input: { email, password } } }),
  });
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function publicCampaignId(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ campaigns(first: 10) { edges { node { id kind } } } }' }) });
  const body = (await response.json()) as { data: { campaigns: { edges: { node: { id: string; kind: string } }[] } } };
  return body.data.campaigns.edges.find((e) => e.node.kind === 'TEGELWIPPEN')!.node.id;
}

export async function run(): Promise<void> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}. Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  let output = '';
  const app = await startChildServer('server/src/main.ts', { DATABASE_PATH: ':memory:', NODE_ENV: 'production', LOG_LEVEL: 'warn' }, '/healthz', (chunk) => (output += chunk));
  for (let i = 0; i < 50 && !/\(demo\): code/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
  const skeleton = await startChildServer('server/src/main.ts', { DATABASE_PATH: ':memory:', NODE_ENV: 'production', LOG_LEVEL: 'warn', DEMO_SEED: 'false', WEB_BUILD_DIR: buildSkeleton() }, '/healthz');
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(output) ?? [];
    const code = /Tegelwippen \d{4} \(demo\): code ([A-Z0-9]+)/.exec(output)?.[1];
    if (!email || !code) throw new Error(`no demo sign-in or invite in the start-up text:\n${output}`);
    const campaignId = await publicCampaignId(app.url, await signIn(app.url, email, password!));
    const pages = { tellen: '/tellen', meedoen: `/meedoen/${code}`, voortgang: `/voortgang/${campaignId}` };
    const line: Record<string, unknown> = { bench: 'lighthouse', runs: RUNS };
    const base = await medianOf(`${skeleton.url}/`, chrome.port);
    for (const [name, pathname] of Object.entries(pages)) {
      const score = await medianOf(`${app.url}${pathname}`, chrome.port);
      line[`${name}_performance`] = score.performance;
      line[`${name}_fcp_ms`] = round(score.fcpMs, 0);
      line[`${name}_lcp_ms`] = round(score.lcpMs, 0);
      line[`${name}_tbt_ms`] = round(score.tbtMs, 0);
      line[`${name}_cls`] = round(score.cls, 3);
      line[`${name}_si_ms`] = round(score.speedIndexMs, 0);
      line[`${name}_accessibility`] = score.accessibility;
      if (score.failing.length) line[`${name}_accessibility_failing`] = score.failing;
    }
    line.skeleton_performance = base.performance;
    line.skeleton_fcp_ms = round(base.fcpMs, 0);
    line.skeleton_lcp_ms = round(base.lcpMs, 0);
    line.skeleton_accessibility = base.accessibility;
    const names = Object.keys(pages);
    line.targets_met = names.every((n) => (line[`${n}_performance`] as number) >= 98 && (line[`${n}_fcp_ms`] as number) <= 1500 && line[`${n}_accessibility`] === 100);
    report(line);
  } finally {
    chrome.kill();
    await app.stop();
    await skeleton.stop();
  }
}

