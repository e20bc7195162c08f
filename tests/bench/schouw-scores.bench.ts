/**
 * schouw-scores: a neighbourhood with five yearly schouws of 40 spots × 15 rating items ×
 * 20 walkers (60,000 current answers, plus the answers walkers changed later, which stay
 * but do not count) and 2,000 findings on this year's schouw. Through the real server
 * (HTTP, as the console asks): the p95 latency of the console's scores query (every spot,
 * theme, street and theme × street with distribution and last year's level; target
 * ≤ 50 ms) and of the first page of the findings list with its total (target ≤ 30 ms),
 * each beside the same data read by direct SQL on the raw tables. One JSON line each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FINDING_STATUSES as STATUSES } from '@buurtkracht/protocol/finding-statuses';
import { LEVELS } from '@buurtkracht/protocol/rating-scale';
import { THEMES } from '@buurtkracht/protocol/themes';
import SQLite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { hashSecret } from '../../server/src/auth/tokens.js';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { publishChecklistVersion } from '../../server/src/modules/checklist/checklist.service.js';
import { createNeighbourhood } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { percentile, report, round, startChildServer } from './support/measure.js';
import { SCHOUW_SCORES } from '../../web/src/lib/graphql/console/score-operations.js';
import { documentText } from '../../web/src/lib/graphql/graphql.js';

const SPOTS = 40;
const ITEMS = 15;
const WALKERS = 20;
const YEARS = 5;
const FINDINGS = 2_000;
const STREETS = 8;
/** Share of answers a walker changed later: the earlier answer stays, superseded. */
const CHANGED = 0.05;

interface Built {
  campaignId: string;
  previousId: string;
  sessionId: string;
  observations: number;
}

/** Schema by the real migrations and the structure through the services; the bulk rows by raw statements. */
async function buildDatabase(file: string): Promise<Built> {
  const { db } = openDatabase(file);
  await migrateToLatest(db);
  const neighbourhood = await db.transaction().execute((trx) =>
    createNeighbourhood(trx, { slug: 'benchbuurt', name: 'Benchbuurt', municipality: 'Alblasserdam', streets: Array.from({ length: STREETS }, (_, i) => ({ name: `Straat ${i + 1}` })) }),
  );
  const now = new Date().toISOString();
  const sessionId = 'benchmark-session-id-scores';
  await db.insertInto('staff_account').values({ id: 'bench', email: 'bench@test.example', display_name: 'Bench', password_hash: 'x', role: 'COORDINATOR', organisation_id: null, disabled_at: null, created_at: now, password_changed_at: now }).execute();
  await db.insertInto('coordinator_neighbourhood').values({ account_id: 'bench', neighbourhood_id: neighbourhood.id }).execute();
  await db.insertInto('staff_session').values({ id_hash: hashSecret(sessionId), account_id: 'bench', created_at: now, last_seen_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute();
  const viewer: Viewer = { kind: 'staff', accountId: 'bench', role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [neighbourhood.id], sessionHash: '' };
  // 15 rating items over the seven themes, every one for every kind of spot.
  const checklist = await publishChecklistVersion(db, viewer, {
    name: 'Bench-checklist',
    sections: THEMES.map((theme, s) => ({ theme, title: theme, items: Array.from({ length: s < ITEMS % THEMES.length ? 3 : 2 }, (_, i) => ({ prompt: `${theme} vraag ${i + 1}`, type: 'RATING' as const })) })),
  });
  const items = checklist.sections.flatMap((section) => section.items.map((item) => ({ id: item.id, theme: section.theme })));
  if (items.length !== ITEMS) throw new Error(`expected ${ITEMS} items, made ${items.length}`);
  const streetIds = (await db.selectFrom('street').select('id').where('neighbourhood_id', '=', neighbourhood.id).orderBy('name').execute()).map((s) => s.id);
  const spots: { id: string; streetId: string }[] = [];
  for (let i = 0; i < SPOTS; i++) {
    const spot = await createSpot(db, viewer, neighbourhood.id, { streetId: streetIds[i % STREETS]!, type: 'PLANTSOEN', name: `Plek ${i + 1}`, lat: 51.86 + i * 0.0002, lon: 4.65 + (i % 7) * 0.0004 });
    spots.push({ id: spot.id, streetId: spot.streetId });
  }
  await db.destroy();

  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
  const campaignIds = Array.from({ length: YEARS }, () => uuidv7());
  const insertCampaign = sqlite.prepare(
    `insert into campaign (id, neighbourhood_id, kind, name, status, created_at, opened_at, closed_at, target_area_cm2, public_progress, checklist_version_id, public_results) values (?, ?, 'SCHOUW', ?, ?, ?, ?, ?, null, 0, ?, 0)`,
  );
  const insertInvite = sqlite.prepare(`insert into participant_invite (id, campaign_id, code, label, created_by, created_at, expires_at, max_uses, use_count, revoked_at) values (?, ?, ?, null, 'bench', ?, null, null, 0, null)`);
  const insertParticipant = sqlite.prepare(`insert into participant (id, campaign_id, invite_id, token_hash, display_name, contact, contact_consent_at, pseudonym, show_name_in_rankings, joined_at, revoked_at, erased_at) values (?, ?, ?, ?, ?, null, null, ?, 0, ?, null, null)`);
  const insertObservation = sqlite.prepare(
    `insert into observation (id, campaign_id, spot_id, street_id, checklist_item_id, theme, rating, answer, note, lat, lon, accuracy_m, participant_id, staff_account_id, device_time, server_time, superseded_by) values (?, ?, ?, ?, ?, ?, ?, null, null, null, null, null, ?, null, ?, ?, ?)`,
  );
  let observations = 0;
  for (const [year, campaignId] of campaignIds.entries()) {
    const calendarYear = 2022 + year;
    const at = `${calendarYear}-05-01T09:00:00.000Z`;
    const current = year === YEARS - 1;
    sqlite.transaction(() => {
      insertCampaign.run(campaignId, neighbourhood.id, `Buurtschouw ${calendarYear}`, current ? 'OPEN' : 'CLOSED', `${calendarYear}-02-01T09:00:00.000Z`, at, current ? null : `${calendarYear}-06-01T09:00:00.000Z`, checklist.id);
      const inviteId = uuidv7();
      insertInvite.run(inviteId, campaignId, `BENCH${year}CODE`, at);
      const walkers = Array.from({ length: WALKERS }, (_, w) => {
        const id = uuidv7();
        insertParticipant.run(id, campaignId, inviteId, hashSecret(id), `Schouwer ${w + 1}`, `Buurtgenoot ${year}-${w}`, at);
        return id;
      });
      for (const [s, spot] of spots.entries()) {
        // Each spot has its own state that drifts a little from year to year; walkers differ by a level or so.
        const base = (s + year) % 4;
        for (const item of items) {
          for (const walker of walkers) {
            const r = random(100);
            const rating = r < 5 ? 'NVT' : LEVELS[Math.min(4, Math.max(0, base + (r % 3) - 1))]!;
            const id = uuidv7();
            const time = `${calendarYear}-05-01T10:${String(random(60)).padStart(2, '0')}:00.000Z`;
            if (random(1000) < CHANGED * 1000) {
              insertObservation.run(uuidv7(), campaignId, spot.id, spot.streetId, item.id, item.theme, LEVELS[random(5)], walker, time, time, id);
              observations++;
            }
            insertObservation.run(id, campaignId, spot.id, spot.streetId, item.id, item.theme, rating, walker, time, time, null);
            observations++;
          }
        }
      }
    })();
  }
  const thisYear = campaignIds[YEARS - 1]!;
  const insertFinding = sqlite.prepare(
    `insert into finding (id, campaign_id, spot_id, street_id, checklist_item_id, category, rating, answer, text, suggestion, lat, lon, accuracy_m, participant_id, staff_account_id, device_time, server_time, status, routed_organisation_id, version, field_versions, observation_id) values (?, ?, ?, ?, ?, ?, ?, null, ?, null, null, null, null, null, 'bench', ?, ?, ?, null, 1, '{}', null)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < FINDINGS; i++) {
      const spot = spots[random(SPOTS)]!;
      const item = items[random(ITEMS)]!;
      const time = new Date(Date.UTC(2026, 4, 1, 10) + i * 7_000).toISOString();
      insertFinding.run(uuidv7(), thisYear, spot.id, spot.streetId, item.id, item.theme, random(3) === 0 ? null : LEVELS[3 + random(2)], `Bevinding ${i + 1}`, time, time, STATUSES[random(STATUSES.length)]);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { campaignId: thisYear, previousId: campaignIds[YEARS - 2]!, sessionId, observations };
}

/** The console's scores screen asks exactly this. */
const SCORES_QUERY = documentText(SCHOUW_SCORES);
const FINDINGS_QUERY = 'query($id: ID!) { campaign(id: $id) { findings(first: 50) { totalCount edges { node { id status category rating } } } } }';

/** The same counts the scores come from, by direct SQL: this year's and last year's ratings per spot, theme and rating, and the spots' streets and names. */
function directScores(sqlite: SQLite.Database, built: Built): void {
  const grouped = sqlite.prepare('select spot_id, theme, rating, count(*) from observation where campaign_id = ? and superseded_by is null and rating is not null group by spot_id, theme, rating');
  grouped.all(built.campaignId);
  grouped.all(built.previousId);
  sqlite.prepare('select spot.id, spot.name, spot.street_id, street.name from spot join street on street.id = spot.street_id').all();
}

function directFindings(sqlite: SQLite.Database, built: Built): void {
  sqlite.prepare('select id, status, category, rating from finding where campaign_id = ? order by server_time desc, id desc limit 51').all(built.campaignId);
  sqlite.prepare('select count(*) from finding where campaign_id = ?').get(built.campaignId);
}

async function latencies(url: string, headers: Record<string, string>, query: string, variables: Record<string, unknown>, check: (data: any) => void): Promise<number[]> {
  const body = JSON.stringify({ query, variables });
  const measured: number[] = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
    const json = (await response.json()) as { data?: unknown; errors?: unknown };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    if (i === 0) check(json.data);
    if (i >= 20) measured.push(performance.now() - started);
  }
  return measured;
}

function directLatencies(run: () => void): number[] {
  const measured: number[] = [];
  for (let i = 0; i < 220; i++) {
    const started = performance.now();
    run();
    if (i >= 20) measured.push(performance.now() - started);
  }
  return measured;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-bench-'));
  const file = path.join(dir, 'scores.db');
  try {
    const built = await buildDatabase(file);
    const server = await startChildServer('server/src/main.ts', { DATABASE_PATH: file, DEMO_SEED: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' }, '/healthz');
    const headers = { 'content-type': 'application/json', cookie: `bk_session=${built.sessionId}` };
    let scores: number[];
    let findings: number[];
    try {
      scores = await latencies(server.url, headers, SCORES_QUERY, { id: built.campaignId }, (data) => {
        const s = data.campaign.scores;
        if (s.spots.length !== SPOTS || s.overall.observationCount < SPOTS * ITEMS * WALKERS * 0.9 || !s.overall.previousLevel) throw new Error(`unexpected scores: ${JSON.stringify(s.overall)}`);
      });
      findings = await latencies(server.url, headers, FINDINGS_QUERY, { id: built.campaignId }, (data) => {
        if (data.campaign.findings.totalCount !== FINDINGS || data.campaign.findings.edges.length !== 50) throw new Error('unexpected findings page');
      });
    } finally {
      await server.stop();
    }
    const sqlite = new SQLite(file, { readonly: true });
    const directScoreTimes = directLatencies(() => directScores(sqlite, built));
    const directFindingTimes = directLatencies(() => directFindings(sqlite, built));
    sqlite.close();
    for (const [measure, times, direct, target] of [
      ['console-scores', scores, directScoreTimes, 50],
      ['findings-first-page', findings, directFindingTimes, 30],
    ] as const) {
      const p95 = percentile([...times], 95);
      const directP95 = percentile([...direct], 95);
      report({ bench: 'schouw-scores', measure, p95_ms: round(p95, 2), target_p95_ms: target, direct_sql_p95_ms: round(directP95, 2), ratio: round(p95 / directP95, 2), observations: built.observations, findings: FINDINGS });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
