/**
 * dashboard: with 1,000,000 tally events over 50 streets and 10 action days, the p95
 * latency of the tegelwip dashboard query (total, per street, per day, top 20) through
 * the real server, against the same aggregates computed by direct SQL on the raw events.
 * Target: p95 ≤ 20 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SIZE_CODE_AREA_CM2 } from '@buurtkracht/protocol/tile-sizes';
import SQLite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { createNeighbourhood } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { percentile, report, round, startChildServer } from './support/measure.js';

const EVENTS = Number(process.env.BENCH_DASHBOARD_EVENTS ?? 1_000_000);
const STREETS = 50;
const DAYS = 10;
const PARTICIPANTS = 500;
const SIZES = ['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_60X60', 'KLINKER_20X10'] as const;

/** Builds the database file: schema by the real migrations, bulk rows by raw statements. */
async function buildDatabase(file: string): Promise<{ campaignId: string; sessionId: string }> {
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  const neighbourhood = await db.transaction().execute((trx) =>
    createNeighbourhood(trx, { slug: 'benchbuurt', name: 'Benchbuurt', municipality: 'Alblasserdam', streets: Array.from({ length: STREETS }, (_, i) => ({ name: `Straat ${i}`, householdCount: 20 + i })) }),
  );
  await db.destroy();

  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const campaignId = uuidv7();
  const sessionId = 'benchmark-session-id-000';
  const streetIds = (sqlite.prepare('select id from street where neighbourhood_id = ? order by name').all(neighbourhood.id) as { id: string }[]).map((r) => r.id);
  sqlite.transaction(() => {
    sqlite.prepare(`insert into staff_account values ('bench', 'bench@test.example', 'Bench', 'x', 'COORDINATOR', null, null, ?, ?)`).run(now, now);
    sqlite.prepare('insert into coordinator_neighbourhood values (?, ?)').run('bench', neighbourhood.id);
    sqlite.prepare('insert into staff_session values (?, ?, ?, ?, ?)').run(hashSecret(sessionId), 'bench', now, now, new Date(Date.now() + 86_400_000).toISOString());
    sqlite
      .prepare(`insert into campaign (id, neighbourhood_id, kind, name, status, created_at, opened_at, target_area_cm2, public_progress) values (?, ?, 'TEGELWIPPEN', 'Bench', 'OPEN', ?, ?, 5000000, 1)`)
      .run(campaignId, neighbourhood.id, now, now);
    sqlite.prepare(`insert into participant_invite values ('bench-invite', ?, 'BENCHCODE2', null, 'bench', ?, null, null, 0, null)`).run(campaignId, now);
  })();
  const dayIds = Array.from({ length: DAYS }, () => uuidv7());
  const participantIds = Array.from({ length: PARTICIPANTS }, () => uuidv7());
  sqlite.transaction(() => {
    const day = sqlite.prepare('insert into campaign_day (id, campaign_id, date) values (?, ?, ?)');
    dayIds.forEach((id, i) => day.run(id, campaignId, `2027-05-${String(i + 1).padStart(2, '0')}`));
    const participant = sqlite.prepare(
      `insert into participant (id, campaign_id, invite_id, token_hash, display_name, contact, contact_consent_at, pseudonym, show_name_in_rankings, joined_at) values (?, ?, 'bench-invite', ?, ?, null, null, ?, ?, ?)`,
    );
    participantIds.forEach((id, i) => participant.run(id, campaignId, hashSecret(id), `Deelnemer ${i}`, `Buurtgenoot ${i}`, i % 2, now));
  })();

  const insert = sqlite.prepare('insert into tally_event (id, campaign_id, action_day_id, street_id, house_number, participant_id, unit_code, count, area_cm2, corrects_event_id, device_id, client_time, server_time) values (?, ?, ?, ?, null, ?, ?, ?, ?, null, null, null, ?)');
  let seed = 42;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const size = SIZES[random(SIZES.length)]!;
      const count = 1 + random(20);
      insert.run(uuidv7(), campaignId, dayIds[random(DAYS)], streetIds[random(STREETS)], participantIds[random(PARTICIPANTS)], size, count, count * SIZE_CODE_AREA_CM2[size], now);
    }
  });
  for (let from = 0; from < EVENTS; from += 50_000) batch(from, Math.min(EVENTS, from + 50_000));
  // The rollups the services keep event by event (tally-rollups.ts), built here in one pass.
  sqlite.exec(`
    insert into tally_rollup select campaign_id, 'TOTAL', '', sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id;
    insert into tally_rollup select campaign_id, 'STREET', street_id, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, street_id;
    insert into tally_rollup select campaign_id, 'DAY', action_day_id, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, action_day_id;
    insert into tally_rollup select campaign_id, 'PARTICIPANT', participant_id, sum(area_cm2), count(*), sum(count) from tally_event where participant_id is not null group by campaign_id, participant_id;
    insert into tally_rollup select campaign_id, 'UNIT', unit_code, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, unit_code;
    insert into tally_rollup select campaign_id, 'STREET_UNIT', street_id || '|' || unit_code, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, street_id, unit_code;
    insert into tally_rollup select campaign_id, 'DAY_UNIT', action_day_id || '|' || unit_code, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, action_day_id, unit_code;
    insert into tally_rollup select campaign_id, 'DAY_STREET', action_day_id || '|' || street_id, sum(area_cm2), count(*), sum(count) from tally_event group by campaign_id, action_day_id, street_id;
  `);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { campaignId, sessionId };
}

/** The same four aggregates straight from the raw ledger. */
function directSql(sqlite: SQLite.Database, campaignId: string): void {
  sqlite.prepare('select sum(area_cm2), count(*) from tally_event where campaign_id = ?').get(campaignId);
  sqlite.prepare('select street_id, sum(area_cm2) from tally_event where campaign_id = ? group by street_id').all(campaignId);
  sqlite.prepare('select action_day_id, sum(area_cm2) from tally_event where campaign_id = ? group by action_day_id').all(campaignId);
  sqlite.prepare('select participant_id, sum(area_cm2) as a from tally_event where campaign_id = ? and participant_id is not null group by participant_id order by a desc limit 20').all(campaignId);
}

const query = `query Dashboard($id: ID!) {
  tallyDashboard(campaignId: $id, top: 20) {
    total { areaM2 nkTiles entries } targetAreaM2 progressPercent
    streets { streetName householdCount total { areaM2 nkTiles } areaM2PerHousehold }
    days { day { date } total { areaM2 nkTiles } }
    topParticipants { rank name isPseudonym total { areaM2 nkTiles } }
  }
}`;

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-bench-'));
  const file = path.join(dir, 'dashboard.db');
  try {
    const { campaignId, sessionId } = await buildDatabase(file);
    const server = await startChildServer('server/src/main.ts', { DATABASE_PATH: file, DEMO_SEED: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' }, '/healthz');
    const body = JSON.stringify({ query, variables: { id: campaignId } });
    const headers = { 'content-type': 'application/json', cookie: `bk_session=${sessionId}` };
    const latencies: number[] = [];
    try {
      for (let i = 0; i < 220; i++) {
        const started = performance.now();
        const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
        const json = (await response.json()) as { errors?: unknown };
        if (json.errors) throw new Error(JSON.stringify(json.errors));
        if (i >= 20) latencies.push(performance.now() - started);
      }
    } finally {
      await server.stop();
    }
    const sqlite = new SQLite(file, { readonly: true });
    const direct: number[] = [];
    for (let i = 0; i < 12; i++) {
      const started = performance.now();
      directSql(sqlite, campaignId);
      if (i >= 2) direct.push(performance.now() - started);
    }
    sqlite.close();
    const p95 = percentile(latencies, 95);
    const directP95 = percentile(direct, 95);
    report({ bench: 'dashboard', p95_ms: round(p95, 2), direct_sql_p95_ms: round(directP95, 2), ratio: round(p95 / directP95, 4), events: EVENTS });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
