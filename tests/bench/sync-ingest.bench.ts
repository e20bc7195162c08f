/**
 * sync-ingest: 100,000 tally events pushed over HTTP through `sync` in batches of 500 by
 * one device, sending what the field app sends, against raw better-sqlite3 prepared
 * inserts of the same rows (one transaction per batch, same table and indexes, same
 * pragmas) in the same run. Also the dashboard p95 while ingest runs divided by its p95
 * at rest. Targets: ratio ≥ 0.20, p95 ratio ≤ 2. Printed beside them: four devices
 * pushing at once (an action day), with the dashboard asking meanwhile. A second line
 * (sync-ingest-cleanup) does the same for a clean-up's bags, items and gardens (one ledger,
 * so the same targets), with the dashboard asking per unit and per day's streets.
 */
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { SYNC_MUTATION, type SyncResponse } from '@buurtkracht/protocol/sync-protocol';
import { CLEANUP_UNIT_CODES, unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { TestDevice, type OutboxEntry } from '../support/sync-client.js';
import { percentile, report, round, startChildServer } from './support/measure.js';

const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
const BATCH = 500;
const CROWD_DEVICES = 4;
const CROWD_EVENTS = Number(process.env.BENCH_INGEST_CROWD_EVENTS ?? 40_000);
// BENCH_DASHBOARD_EVERY_MS=0 asks again as soon as an answer is in (a closed loop).
const DASHBOARD_EVERY_MS = Number(process.env.BENCH_DASHBOARD_EVERY_MS ?? 20);
const CLEANUP_EVENTS = Number(process.env.BENCH_INGEST_CLEANUP_EVENTS ?? 40_000);

const TEGELWIP_DASHBOARD = 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 20) { total { areaM2 nkTiles } streets { streetName total { areaM2 } } days { total { areaM2 } } topParticipants { name total { areaM2 } } } }';
/** What the clean-up's dashboard shows: its units, per street and per day with the day's streets. */
const CLEANUP_DASHBOARD =
  'query($id: ID!) { tallyDashboard(campaignId: $id, top: 20) { units { unit { code target } quantity progressPercent } streets { streetName units { quantity } } days { units { quantity } streets { streetName planned counted } } topParticipants { name total { entries } } } }';

async function gql(url: string, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { response, body: (await response.json()) as any };
}

/**
 * A dashboard asking every DASHBOARD_EVERY_MS (the big screen asks every 5 s, so this is
 * 250 screens' worth), or at once when the previous answer took longer.
 */
async function dashboardLatencies(url: string, campaignId: string, cookie: string, until: () => boolean, minimum: number, query = TEGELWIP_DASHBOARD): Promise<number[]> {
  const latencies: number[] = [];
  while (!until() || latencies.length < minimum) {
    const started = performance.now();
    await gql(url, query, { id: campaignId }, { cookie });
    const took = performance.now() - started;
    latencies.push(took);
    if (until() && latencies.length >= minimum) break;
    if (took < DASHBOARD_EVERY_MS) await new Promise((resolve) => setTimeout(resolve, DASHBOARD_EVERY_MS - took));
  }
  return latencies;
}

interface RequestBody {
  size: number;
  /** The body up to the cursor's value. */
  before: string;
}

/**
 * A phone's outbox as request bodies, written out before the clock starts (that work is
 * the phone's, not the server's); only the pull cursor is filled in as answers come.
 */
function requestBodies(device: TestDevice, batches: OutboxEntry[][]): RequestBody[] {
  return batches.map((batch) => {
    const { input } = device.input(batch, null);
    return { size: batch.length, before: `{"query":${JSON.stringify(SYNC_MUTATION)},"variables":{"input":{"deviceId":${JSON.stringify(input.deviceId)},"mutations":${JSON.stringify(input.mutations)},"cursor":` };
  });
}

// node:http with keep-alive: fetch costs the shared CPU about a millisecond more per push.
const agent = new http.Agent({ keepAlive: true });
// What a browser asks for, so the answer is compressed as the field app gets it;
// BENCH_ACCEPT_ENCODING=identity measures without compression.
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  return encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'accept-encoding': ACCEPT_ENCODING, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: decoded(Buffer.concat(chunks), response.headers['content-encoding']).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Pushes one phone's outbox batch by batch, each with the previous answer's cursor. */
async function pushOutbox(url: string, bodies: RequestBody[], auth: Record<string, string>): Promise<void> {
  let cursor: string | null = null;
  for (const body of bodies) {
    const { status, text } = await post(`${url}/graphql`, `${body.before}${JSON.stringify(cursor)}}}}`, auth);
    const answer = (JSON.parse(text) as { data?: { sync: SyncResponse } }).data?.sync;
    if (!answer || answer.appliedSeqs.length !== body.size) throw new Error(`batch not applied: ${status} ${text.slice(0, 300)}`);
    cursor = answer.pull.cursor;
  }
}

/** Pushes every outbox at once (each in order) while a dashboard keeps asking. */
async function timedIngest(url: string, campaignId: string, cookie: string, outboxes: RequestBody[][], auth: Record<string, string>, query = TEGELWIP_DASHBOARD): Promise<{ eventsPerSecond: number; dashboardP95: number }> {
  const events = outboxes.flat().reduce((sum, body) => sum + body.size, 0);
  let done = false;
  const during = dashboardLatencies(url, campaignId, cookie, () => done, 50, query);
  const started = performance.now();
  await Promise.all(outboxes.map((bodies) => pushOutbox(url, bodies, auth)));
  const eventsPerSecond = (events / (performance.now() - started)) * 1000;
  done = true;
  return { eventsPerSecond, dashboardP95: percentile(await during, 95) };
}

/** The same rows, straight into the same table with prepared statements. */
async function rawInsert(batches: OutboxEntry[][]): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-raw-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'raw.db'));
  try {
    await migrateToLatest(db);
    sqlite.pragma('foreign_keys = OFF'); // the rows reference ids from the other database
    const insert = sqlite.prepare('insert into tally_event (id, campaign_id, action_day_id, street_id, house_number, participant_id, unit_code, count, area_cm2, corrects_event_id, device_id, client_time, server_time) values (?, ?, ?, ?, null, ?, ?, ?, ?, null, ?, ?, ?)');
    const insertBatch = sqlite.transaction((batch: OutboxEntry[]) => {
      const now = new Date().toISOString();
      for (const entry of batch) {
        const a = entry.args as { id: string; campaignId: string; actionDayId: string; streetId: string; unitCode: UnitCode; count: number };
        insert.run(a.id, a.campaignId, a.actionDayId, a.streetId, 'participant', a.unitCode, a.count, unitAreaCm2Of(a.unitCode, a.count), 'device', entry.clientTime, now);
      }
    });
    const started = performance.now();
    for (const batch of batches) insertBatch(batch);
    return ((batches.length * BATCH) / (performance.now() - started)) * 1000;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Campaign {
  id: string;
  days: { id: string }[];
}

/** The phones' outboxes: each a device's entries in batches, spread over days, streets and the given units. */
function outboxOf(device: TestDevice, campaign: Campaign, streets: string[], events: number, units: readonly UnitCode[], shift = 0): OutboxEntry[][] {
  return Array.from({ length: events / BATCH }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => device.tally(campaign.id, campaign.days[b % campaign.days.length]!.id, streets[(b + i + shift) % streets.length]!, 1 + (i % 9), units[(b + i) % units.length])),
  );
}

/** A participant's credentials for a campaign, joined as the field app joins. */
async function joined(url: string, campaignId: string, cookie: string): Promise<Record<string, string>> {
  const invite = await gql(url, 'mutation($input: CreateParticipantInviteInput!) { createParticipantInvite(input: $input) { code } }', { input: { campaignId } }, { cookie });
  const join = await gql(url, 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { token } }', { input: { code: invite.body.data.createParticipantInvite.code, displayName: 'Bench', contactConsent: false, showNameInRankings: true } });
  return { authorization: `Bearer ${join.body.data.joinCampaign.token}` };
}

/** An open clean-up in the same neighbourhood, counting every clean-up unit, its first day planned for a few streets. */
async function openCleanup(url: string, neighbourhoodId: string, streets: string[], cookie: string): Promise<Campaign> {
  const date = (inDays: number) => new Date(Date.now() + inDays * 86_400_000).toISOString().slice(0, 10);
  const created = await gql(
    url,
    'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id days { id } } }',
    { input: { neighbourhoodId, kind: 'OPRUIMEN', name: 'Opruimactie bench', days: [1, 2, 3].map((d) => ({ date: date(d) })), publicProgress: true, units: CLEANUP_UNIT_CODES.map((code) => ({ code, target: 1000 })) } },
    { cookie },
  );
  const campaign = created.body.data?.createCampaign as Campaign | undefined;
  if (!campaign) throw new Error(`no clean-up made: ${JSON.stringify(created.body.errors)}`);
  await gql(url, 'mutation($input: ChangeCampaignStatusInput!) { changeCampaignStatus(input: $input) { status } }', { input: { campaignId: campaign.id, status: 'OPEN' } }, { cookie });
  await gql(url, 'mutation($dayId: ID!, $streetIds: [ID!]!) { setCampaignDayStreets(dayId: $dayId, streetIds: $streetIds) { id } }', { dayId: campaign.days[0]!.id, streetIds: streets.slice(0, 2) }, { cookie });
  return campaign;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-ingest-'));
  let output = '';
  const server = await startChildServer('server/src/main.ts', { DATABASE_PATH: path.join(dir, 'ingest.db'), MEDIA_DIR: path.join(dir, 'media'), NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000'}, '/healthz', (chunk) => (output += chunk));
  try {
    const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(output) ?? [];
    const login = await gql(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email, password } });
    const cookie = login.response.headers.getSetCookie()[0]!.split(';')[0]!;
    const campaigns = await gql(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { id streets { edges { node { id } } } } } } } }', {}, { cookie });
    const campaign = campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
    const auth = await joined(server.url, campaign.id, cookie);
    const streets: string[] = campaign.neighbourhood.streets.edges.map((e: any) => e.node.id);

    const tiles: UnitCode[] = ['TEGEL_30X30'];
    const phone = new TestDevice();
    const outbox = outboxOf(phone, campaign, streets, EVENTS, tiles);
    const crowd = Array.from({ length: CROWD_DEVICES }, () => new TestDevice());
    const crowdBodies = crowd.map((device, d) => requestBodies(device, outboxOf(device, campaign, streets, CROWD_EVENTS / CROWD_DEVICES, tiles, d)));

    // Warm up code paths on both sides, then measure the dashboard at rest.
    await dashboardLatencies(server.url, campaign.id, cookie, () => true, 30);
    const atRest = await dashboardLatencies(server.url, campaign.id, cookie, () => true, 200);

    // What the issue asks for: one device's 100,000 events, with the dashboard asking meanwhile.
    const oneDevice = await timedIngest(server.url, campaign.id, cookie, [requestBodies(phone, outbox)], auth);
    // An action day: several phones syncing at once, each its own outbox in seq order.
    const severalDevices = await timedIngest(server.url, campaign.id, cookie, crowdBodies, auth);

    const raw = await rawInsert(outbox);
    const p95AtRest = percentile(atRest, 95);
    report({
      bench: 'sync-ingest',
      events_per_s: round(oneDevice.eventsPerSecond, 0),
      raw_events_per_s: round(raw, 0),
      ratio: round(oneDevice.eventsPerSecond / raw, 3),
      dashboard_p95_ingest_ms: round(oneDevice.dashboardP95, 2),
      dashboard_p95_rest_ms: round(p95AtRest, 2),
      dashboard_p95_ratio: round(oneDevice.dashboardP95 / p95AtRest, 2),
      [`devices_${CROWD_DEVICES}_events_per_s`]: round(severalDevices.eventsPerSecond, 0),
      [`devices_${CROWD_DEVICES}_ratio`]: round(severalDevices.eventsPerSecond / raw, 3),
      [`devices_${CROWD_DEVICES}_dashboard_p95_ratio`]: round(severalDevices.dashboardP95 / p95AtRest, 2),
      accept_encoding: ACCEPT_ENCODING,
    });

    // The clean-up: the same ledger with units that have no area, one phone, its own dashboard.
    const cleanup = await openCleanup(server.url, campaign.neighbourhood.id, streets, cookie);
    const cleanupAuth = await joined(server.url, cleanup.id, cookie);
    const cleanupPhone = new TestDevice();
    const cleanupOutbox = outboxOf(cleanupPhone, cleanup, streets, CLEANUP_EVENTS, CLEANUP_UNIT_CODES);
    await dashboardLatencies(server.url, cleanup.id, cookie, () => true, 30, CLEANUP_DASHBOARD);
    const cleanupAtRest = percentile(await dashboardLatencies(server.url, cleanup.id, cookie, () => true, 200, CLEANUP_DASHBOARD), 95);
    const cleanupIngest = await timedIngest(server.url, cleanup.id, cookie, [requestBodies(cleanupPhone, cleanupOutbox)], cleanupAuth, CLEANUP_DASHBOARD);
    const cleanupRaw = await rawInsert(cleanupOutbox);
    report({
      bench: 'sync-ingest-cleanup',
      events: CLEANUP_EVENTS,
      events_per_s: round(cleanupIngest.eventsPerSecond, 0),
      raw_events_per_s: round(cleanupRaw, 0),
      ratio: round(cleanupIngest.eventsPerSecond / cleanupRaw, 3),
      dashboard_p95_ingest_ms: round(cleanupIngest.dashboardP95, 2),
      dashboard_p95_rest_ms: round(cleanupAtRest, 2),
      dashboard_p95_ratio: round(cleanupIngest.dashboardP95 / cleanupAtRest, 2),
      accept_encoding: ACCEPT_ENCODING,
    });
  } finally {
    agent.destroy();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
