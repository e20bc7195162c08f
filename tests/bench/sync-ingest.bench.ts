/**
 * sync-ingest: 100,000 tally events pushed over HTTP through `sync` in batches of 500,
 * against raw better-sqlite3 prepared inserts of the same rows (one transaction per
 * batch, same table and indexes, same pragmas) in the same run. Also the dashboard p95
 * while ingest runs divided by its p95 at rest. Targets: ratio ≥ 0.20, p95 ratio ≤ 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { SYNC, TestDevice, type OutboxEntry } from '../support/sync-client.js';
import { percentile, report, round, startChildServer } from './support/measure.js';

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
const BATCH = 500;

async function gql(url: string, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { response, body: (await response.json()) as any };
}

async function dashboardLatencies(url: string, campaignId: string, cookie: string, until: () => boolean, minimum: number): Promise<number[]> {
  const latencies: number[] = [];
  const query = 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 20) { total { areaM2 nkTiles } streets { streetName total { areaM2 } } days { total { areaM2 } } topParticipants { name total { areaM2 } } } }';
  while (!until() || latencies.length < minimum) {
    const started = performance.now();
    await gql(url, query, { id: campaignId }, { cookie });
    latencies.push(performance.now() - started);
    if (until() && latencies.length >= minimum) break;
  }
  return latencies;
}

/** The same rows, straight into the same table with prepared statements. */
async function rawInsert(batches: OutboxEntry[][]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-raw-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'raw.db'));
  try {
    await migrateToLatest(db);
    sqlite.pragma('foreign_keys = OFF'); // the rows reference ids from the other database
    const insert = sqlite.prepare('insert into tally_event (id, campaign_id, action_day_id, street_id, house_number, participant_id, size_code, count, area_cm2, corrects_event_id, device_id, client_time, server_time) values (?, ?, ?, ?, null, ?, ?, ?, ?, null, ?, ?, ?)');
    const insertBatch = sqlite.transaction((batch: OutboxEntry[]) => {
      const now = new Date().toISOString();
      for (const entry of batch) {
        const a = entry.args as { id: string; campaignId: string; actionDayId: string; streetId: string; sizeCode: string; count: number };
        insert.run(a.id, a.campaignId, a.actionDayId, a.streetId, 'participant', a.sizeCode, a.count, a.count * 900, 'device', entry.clientTime, now);
      }
    });
    const started = performance.now();
    for (const batch of batches) insertBatch(batch);
    return (EVENTS / (performance.now() - started)) * 1000;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-ingest-'));
  let output = '';
  const server = await startChildServer('server/src/main.ts', { DATABASE_PATH: path.join(dir, 'ingest.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000'}, '/healthz', (chunk) => (output += chunk));
  try {
    const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(output) ?? [];
    const login = await gql(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email, password } });
    const cookie = login.response.headers.getSetCookie()[0]!.split(';')[0]!;
    const campaigns = await gql(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { streets { edges { node { id } } } } } } } }', {}, { cookie });
    const campaign = campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
    const invite = await gql(server.url, 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId: campaign.id } }, { cookie });
    const join = await gql(server.url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code: invite.body.data.createParticipantInvite.code, displayName: 'Bench', contactConsent: false, showNameInRankings: true } });
    const auth = { authorization: `Bearer ${join.body.data.joinCampaign.token}` };
    const streets: string[] = campaign.neighbourhood.streets.edges.map((e: any) => e.node.id);

    const device = new TestDevice();
    const batches = Array.from({ length: EVENTS / BATCH }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => device.tally(campaign.id, campaign.days[b % campaign.days.length].id, streets[(b + i) % streets.length]!, 1 + (i % 9))),
    );
    // Warm up code paths on both sides, then measure the dashboard at rest.
    await dashboardLatencies(server.url, campaign.id, cookie, () => true, 30);
    const atRest = await dashboardLatencies(server.url, campaign.id, cookie, () => true, 200);

    let done = false;
    const during = dashboardLatencies(server.url, campaign.id, cookie, () => done, 50);
    const started = performance.now();
    // Like the field app, each push sends the pull cursor of the previous answer.
    let cursor: string | null = null;
    for (const batch of batches) {
      const { body } = await gql(server.url, SYNC, device.input(batch, cursor), auth);
      if (!body.data || body.data.sync.results.some((r: any) => r.status !== 'APPLIED')) throw new Error(`batch not applied: ${JSON.stringify(body).slice(0, 300)}`);
      cursor = body.data.sync.pull.cursor;
    }
    const eventsPerSecond = (EVENTS / (performance.now() - started)) * 1000;
    done = true;
    const whileIngesting = await during;
    const raw = await rawInsert(batches);
    report({
      bench: 'sync-ingest',
      events_per_s: round(eventsPerSecond, 0),
      raw_events_per_s: round(raw, 0),
      ratio: round(eventsPerSecond / raw, 3),
      dashboard_p95_ingest_ms: round(percentile(whileIngesting, 95), 2),
      dashboard_p95_rest_ms: round(percentile(atRest, 95), 2),
      dashboard_p95_ratio: round(percentile(whileIngesting, 95) / percentile(atRest, 95), 2),
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
