/**
 * What sync-ingest and sync-ingest-postgres share: the real server as a child process (on
 * the database its caller names), a device pushing its outbox over HTTP as the field app
 * does, a dashboard asking meanwhile, and the one JSON line's fields. Each bench adds its
 * own raw-insert baseline for its database.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { SYNC_MUTATION, type SyncResponse } from '@buurtkracht/protocol/sync-protocol';
import { CLEANUP_UNIT_CODES, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { TestDevice, type OutboxEntry } from '../../support/sync-client.js';
import { percentile, round, startChildServer, type ChildServer } from './measure.js';

export const EVENTS = Number(process.env.BENCH_INGEST_EVENTS ?? 100_000);
export const BATCH = 500;
export const CROWD_DEVICES = 4;
const CROWD_EVENTS = Number(process.env.BENCH_INGEST_CROWD_EVENTS ?? 40_000);
// BENCH_DASHBOARD_EVERY_MS=0 asks again as soon as an answer is in (a closed loop).
const DASHBOARD_EVERY_MS = Number(process.env.BENCH_DASHBOARD_EVERY_MS ?? 20);
export const CLEANUP_EVENTS = Number(process.env.BENCH_INGEST_CLEANUP_EVENTS ?? 40_000);
// What a browser asks for, so the answer is compressed as the field app gets it;
// BENCH_ACCEPT_ENCODING=identity measures without compression.
export const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';

const TEGELWIP_DASHBOARD = 'query($id: ID!) { tallyDashboard(campaignId: $id, top: 20) { total { areaM2 nkTiles } streets { streetName total { areaM2 } } days { total { areaM2 } } topParticipants { name total { areaM2 } } } }';
/** What the clean-up's dashboard shows: its units, per street and per day with the day's streets. */
const CLEANUP_DASHBOARD =
  'query($id: ID!) { tallyDashboard(campaignId: $id, top: 20) { units { unit { code target } quantity progressPercent } streets { streetName units { quantity } } days { units { quantity } streets { streetName planned counted } } topParticipants { name total { entries } } } }';

/** The server under load, with its own keep-alive agent (node:http: fetch costs the shared CPU about a millisecond more per push). */
export interface IngestServer {
  url: string;
  agent: http.Agent;
  /** What it printed while starting (the demo coordinator's sign-in). */
  output: string;
  stop(): Promise<void>;
}

/** The real server, as npm start runs it, on the database `databaseEnv` names (DATABASE_PATH or DATABASE_URL). */
export async function startIngestServer(databaseEnv: Record<string, string>): Promise<IngestServer> {
  let output = '';
  const server: ChildServer = await startChildServer('server/src/main.ts', { ...databaseEnv, NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' }, '/healthz', (chunk) => (output += chunk));
  const agent = new http.Agent({ keepAlive: true });
  return {
    url: server.url,
    agent,
    output,
    stop: async () => {
      agent.destroy();
      await server.stop();
    },
  };
}

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

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  return encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;
}

function post(server: IngestServer, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/graphql`, { method: 'POST', agent: server.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'accept-encoding': ACCEPT_ENCODING, ...headers } }, (response) => {
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
async function pushOutbox(server: IngestServer, bodies: RequestBody[], auth: Record<string, string>): Promise<void> {
  let cursor: string | null = null;
  for (const body of bodies) {
    const { status, text } = await post(server, `${body.before}${JSON.stringify(cursor)}}}}`, auth);
    const answer = (JSON.parse(text) as { data?: { sync: SyncResponse } }).data?.sync;
    if (!answer || answer.appliedSeqs.length !== body.size) throw new Error(`batch not applied: ${status} ${text.slice(0, 300)}`);
    cursor = answer.pull.cursor;
  }
}

interface Ingested {
  eventsPerSecond: number;
  dashboardP95: number;
}

/** Pushes every outbox at once (each in order) while a dashboard keeps asking. */
async function timedIngest(server: IngestServer, campaignId: string, cookie: string, outboxes: RequestBody[][], auth: Record<string, string>, query = TEGELWIP_DASHBOARD): Promise<Ingested> {
  const events = outboxes.flat().reduce((sum, body) => sum + body.size, 0);
  let done = false;
  const during = dashboardLatencies(server.url, campaignId, cookie, () => done, 50, query);
  const started = performance.now();
  await Promise.all(outboxes.map((bodies) => pushOutbox(server, bodies, auth)));
  const eventsPerSecond = (events / (performance.now() - started)) * 1000;
  done = true;
  return { eventsPerSecond, dashboardP95: percentile(await during, 95) };
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

/** The demo coordinator signed in, and the demo's tegelwip campaign with its streets. */
interface Demo {
  cookie: string;
  campaign: Campaign & { neighbourhood: { id: string } };
  streets: string[];
}

async function signedIn(server: IngestServer): Promise<Demo> {
  const [, email, password] = /Demo coordinator \(shown only now\): (\S+) \/ (\S+)/.exec(server.output) ?? [];
  const login = await gql(server.url, 'mutation($input: LoginInput!) { login(input: $input) { id } }', { input: { email, password } });
  const cookie = login.response.headers.getSetCookie()[0]!.split(';')[0]!;
  const campaigns = await gql(server.url, '{ campaigns { edges { node { id kind days { id } neighbourhood { id streets { edges { node { id } } } } } } } }', {}, { cookie });
  const campaign = campaigns.body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'TEGELWIPPEN');
  return { cookie, campaign, streets: campaign.neighbourhood.streets.edges.map((e: any) => e.node.id) };
}

export interface TegelwipIngest {
  demo: Demo;
  /** One device's outbox, for the raw baseline. */
  outbox: OutboxEntry[][];
  oneDevice: Ingested;
  severalDevices: Ingested;
  p95AtRest: number;
}

/** The demo's tegelwip campaign: the dashboard at rest, one device's EVENTS, then CROWD_DEVICES phones at once. */
export async function tegelwipIngest(server: IngestServer): Promise<TegelwipIngest> {
  const demo = await signedIn(server);
  const { cookie, campaign, streets } = demo;
  const auth = await joined(server.url, campaign.id, cookie);
  const tiles: UnitCode[] = ['TEGEL_30X30'];
  const phone = new TestDevice();
  const outbox = outboxOf(phone, campaign, streets, EVENTS, tiles);
  const crowd = Array.from({ length: CROWD_DEVICES }, () => new TestDevice());
  const crowdBodies = crowd.map((device, d) => requestBodies(device, outboxOf(device, campaign, streets, CROWD_EVENTS / CROWD_DEVICES, tiles, d)));

  // Warm up code paths on both sides, then measure the dashboard at rest.
  await dashboardLatencies(server.url, campaign.id, cookie, () => true, 30);
  const atRest = await dashboardLatencies(server.url, campaign.id, cookie, () => true, 200);
  // What the issue asks for: one device's 100,000 events, with the dashboard asking meanwhile.
  const oneDevice = await timedIngest(server, campaign.id, cookie, [requestBodies(phone, outbox)], auth);
  // An action day: several phones syncing at once, each its own outbox in seq order.
  const severalDevices = await timedIngest(server, campaign.id, cookie, crowdBodies, auth);
  return { demo, outbox, oneDevice, severalDevices, p95AtRest: percentile(atRest, 95) };
}

/** The fields of the sync-ingest line (and its PostgreSQL twin), in their order. */
export function tegelwipFields(bench: string, measured: TegelwipIngest, raw: number): Record<string, unknown> {
  const { oneDevice, severalDevices, p95AtRest } = measured;
  return {
    bench,
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
  };
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

/** The clean-up: the same ledger with units that have no area, one phone, its own dashboard. */
export async function cleanupIngest(server: IngestServer, { cookie, campaign, streets }: Demo): Promise<{ outbox: OutboxEntry[][]; ingest: Ingested; p95AtRest: number }> {
  const cleanup = await openCleanup(server.url, campaign.neighbourhood.id, streets, cookie);
  const auth = await joined(server.url, cleanup.id, cookie);
  const phone = new TestDevice();
  const outbox = outboxOf(phone, cleanup, streets, CLEANUP_EVENTS, CLEANUP_UNIT_CODES);
  await dashboardLatencies(server.url, cleanup.id, cookie, () => true, 30, CLEANUP_DASHBOARD);
  const p95AtRest = percentile(await dashboardLatencies(server.url, cleanup.id, cookie, () => true, 200, CLEANUP_DASHBOARD), 95);
  const ingest = await timedIngest(server, cleanup.id, cookie, [requestBodies(phone, outbox)], auth, CLEANUP_DASHBOARD);
  return { outbox, ingest, p95AtRest };
}
