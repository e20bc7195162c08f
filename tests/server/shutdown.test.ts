/**
 * Stopping the real server process (server/src/main.ts) as the README promises: on SIGTERM
 * a request that is still arriving finishes and is answered, then the process exits 0;
 * when something holds the stop past SHUTDOWN_TIMEOUT_MS, it exits 1 anyway and says so.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { demoCoordinator, gqlAt } from '../e2e/support/staff-api.js';

interface SlowRequest {
  /** Settles once the server has read the headers and asked for the body (100 Continue). */
  accepted: Promise<void>;
  write(chunk: string): void;
  end(): void;
  response: Promise<{ status: number; body: string }>;
}

/**
 * A POST whose body the test sends piece by piece, as a phone on a bad connection would.
 * `Expect: 100-continue` makes the server confirm it has the request in hand before any of
 * the body is sent, so the request is certainly running when the test stops the server.
 */
function slowPost(url: string, pathname: string, length: number, headers: Record<string, string> = {}): SlowRequest {
  const request = http.request(`${url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(length), expect: '100-continue', ...headers },
  });
  const accepted = new Promise<void>((resolve, reject) => {
    request.once('continue', () => resolve());
    request.once('error', reject);
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode!, body }));
      res.once('error', reject);
    });
  });
  response.catch(() => {}); // awaited by the tests that expect an answer
  request.flushHeaders();
  return { accepted, write: (chunk) => void request.write(chunk), end: () => void request.end(), response };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** True once the server takes no new requests (connection refused, or 503 while closing). */
async function refusesNewRequests(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { headers: { connection: 'close' } })).status === 503;
  } catch {
    return true;
  }
}

describe('stopping the server (real process)', () => {
  let dir: string;
  const servers: ServerProcess[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-stop-'));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on SIGTERM finishes a sync batch that is still arriving, answers it, stores it, then exits 0', async () => {
    const databasePath = path.join(dir, 'graceful.db');
    const server = await startServer({ DATABASE_PATH: databasePath, MEDIA_DIR: path.join(dir, 'media-graceful'), NODE_ENV: 'test' });
    servers.push(server);
    const coordinator = await demoCoordinator(server);
    const code = await coordinator.invite(coordinator.tegelwippen.id);
    const join = await gqlAt(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code, displayName: 'Teller', contactConsent: false, showNameInRankings: false } });
    const token = join.body.data.joinCampaign.token as string;
    const { body: campaign } = await gqlAt(server.url, 'query($id: ID!) { campaign(id: $id) { days { id } neighbourhood { streets { edges { node { id } } } } } }', { id: coordinator.tegelwippen.id }, { cookie: coordinator.cookie });
    const dayId = campaign.data.campaign.days[0].id as string;
    const streetId = campaign.data.campaign.neighbourhood.streets.edges[0].node.id as string;

    const device = new TestDevice();
    const entries = Array.from({ length: 50 }, (_, i) => device.tally(coordinator.tegelwippen.id, dayId, streetId, 1 + (i % 5)));
    const body = JSON.stringify({ query: SYNC, variables: device.input(entries) });
    const request = slowPost(server.url, '/graphql', Buffer.byteLength(body), { authorization: `Bearer ${token}` });
    await request.accepted;
    request.write(body.slice(0, 100));

    server.child.kill('SIGTERM');
    await waitFor('the shutdown to begin', () => server.output().includes('shutting down: finishing running requests'));
    await waitFor('new requests to be refused', () => refusesNewRequests(server.url));
    // The rest of the body trickles in while the server is stopping.
    for (let at = 100; at < body.length; at += Math.ceil(body.length / 4)) {
      await sleep(150);
      request.write(body.slice(at, at + Math.ceil(body.length / 4)));
    }
    request.end();

    const answer = await request.response;
    expect(answer.status, answer.body).toBe(200);
    const results = JSON.parse(answer.body).data.sync.results as { status: string }[];
    expect(results).toHaveLength(50);
    expect(results.every((r) => r.status === 'APPLIED')).toBe(true);

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
    expect(server.output()).not.toContain('shutdown timed out');
    const sqlite = new SQLite(databasePath, { readonly: true });
    try {
      const ids = entries.map((e) => (e.args as { id: string }).id);
      const stored = sqlite.prepare(`select count(*) as n from tally_event where id in (${ids.map(() => '?').join(',')})`).get(...ids) as { n: number };
      expect(stored.n).toBe(50);
    } finally {
      sqlite.close();
    }
  });

  it('exits 1 with a log line when a request holds the stop past SHUTDOWN_TIMEOUT_MS', async () => {
    const server = await startServer({
      DATABASE_PATH: path.join(dir, 'forced.db'),
      MEDIA_DIR: path.join(dir, 'media-forced'),
      NODE_ENV: 'test',
      DEMO_SEED: 'false',
      SHUTDOWN_TIMEOUT_MS: '1500',
      // Long enough that the server does not cut the stalled request off by itself.
      REQUEST_TIMEOUT_MS: '120000',
    });
    servers.push(server);
    const body = JSON.stringify({ query: '{ serverInfo { serverTime } }' });
    const request = slowPost(server.url, '/graphql', Buffer.byteLength(body));
    await request.accepted;
    request.write(body.slice(0, 10)); // and never the rest

    const stopping = Date.now();
    const code = await server.stop('SIGTERM');
    const took = Date.now() - stopping;
    expect(code).toBe(1);
    expect(server.output()).toContain('shutting down: finishing running requests');
    expect(server.output()).toContain('shutdown timed out; exiting anyway');
    expect(server.output()).not.toContain('"msg":"stopped"');
    expect(took).toBeGreaterThanOrEqual(1500);
    expect(took).toBeLessThan(10_000);
    await expect(request.response).rejects.toThrow();
  });
});
