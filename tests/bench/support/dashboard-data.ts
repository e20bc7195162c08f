/**
 * What dashboard and dashboard-postgres share: the campaign they build (50 streets, 10
 * action days, 500 participants and EVENTS tally events drawn from one seeded sequence,
 * so both databases hold the same rows), the rollups computed from the ledger by SQL that
 * runs on both, the dashboard query, and its p95 through the real server.
 */
import { SIZE_CODE_AREA_CM2 } from '@buurtkracht/protocol/tile-sizes';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { hashSecret } from '../../../server/src/auth/tokens.js';
import type { Database } from '../../../server/src/db/database.js';
import { createNeighbourhood } from '../../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { percentile, startChildServer } from './measure.js';

export const EVENTS = Number(process.env.BENCH_DASHBOARD_EVENTS ?? 1_000_000);
const STREETS = 50;
const DAYS = 10;
const PARTICIPANTS = 500;
const SIZES = ['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_60X60', 'KLINKER_20X10'] as const;

export interface DashboardFixture {
  campaignId: string;
  /** The coordinator's session cookie value. */
  sessionId: string;
  streetIds: string[];
  dayIds: string[];
  participantIds: string[];
  now: string;
}

/**
 * The neighbourhood (by the app's service), a coordinator with a session, the open
 * campaign, its days and participants, on a migrated database of either dialect.
 */
export async function insertFixture(db: Kysely<Database>): Promise<DashboardFixture> {
  const neighbourhood = await db.transaction().execute((trx) =>
    createNeighbourhood(trx, { slug: 'benchbuurt', name: 'Benchbuurt', municipality: 'Alblasserdam', streets: Array.from({ length: STREETS }, (_, i) => ({ name: `Straat ${i}`, householdCount: 20 + i })) }),
  );
  const now = new Date().toISOString();
  const fixture: DashboardFixture = {
    campaignId: uuidv7(),
    sessionId: 'benchmark-session-id-000',
    streetIds: (await db.selectFrom('street').select('id').where('neighbourhood_id', '=', neighbourhood.id).orderBy('name').execute()).map((r) => r.id),
    dayIds: Array.from({ length: DAYS }, () => uuidv7()),
    participantIds: Array.from({ length: PARTICIPANTS }, () => uuidv7()),
    now,
  };
  const { campaignId, sessionId } = fixture;
  // Rows no route of the app makes this way (a session without signing in): untyped, columns by name.
  await (db as unknown as Kysely<any>).transaction().execute(async (trx) => {
    await trx.insertInto('staff_account').values({ id: 'bench', email: 'bench@test.example', display_name: 'Bench', password_hash: 'x', role: 'COORDINATOR', organisation_id: null, disabled_at: null, created_at: now, password_changed_at: now }).execute();
    await trx.insertInto('coordinator_neighbourhood').values({ account_id: 'bench', neighbourhood_id: neighbourhood.id }).execute();
    await trx.insertInto('staff_session').values({ id_hash: hashSecret(sessionId), account_id: 'bench', created_at: now, last_seen_at: now, expires_at: new Date(Date.now() + 86_400_000).toISOString() }).execute();
    await trx
      .insertInto('campaign')
      .values({ id: campaignId, neighbourhood_id: neighbourhood.id, kind: 'TEGELWIPPEN', name: 'Bench', status: 'OPEN', created_at: now, opened_at: now, target_area_cm2: 5_000_000, public_progress: 1 })
      .execute();
    await trx.insertInto('participant_invite').values({ id: 'bench-invite', campaign_id: campaignId, code: 'BENCHCODE2', label: null, created_by: 'bench', created_at: now, expires_at: null, max_uses: null, use_count: 0, revoked_at: null }).execute();
    await trx
      .insertInto('campaign_day')
      .values(fixture.dayIds.map((id, i) => ({ id, campaign_id: campaignId, date: `2027-05-${String(i + 1).padStart(2, '0')}` })))
      .execute();
    await trx
      .insertInto('participant')
      .values(
        fixture.participantIds.map((id, i) => ({
          id,
          campaign_id: campaignId,
          invite_id: 'bench-invite',
          token_hash: hashSecret(id),
          display_name: `Deelnemer ${i}`,
          contact: null,
          contact_consent_at: null,
          pseudonym: `Buurtgenoot ${i}`,
          show_name_in_rankings: i % 2,
          joined_at: now,
        })),
      )
      .execute();
  });
  return fixture;
}

/** Per event row, in this order (the rest of tally_event is null). */
export const EVENT_COLUMNS = ['id', 'campaign_id', 'action_day_id', 'street_id', 'participant_id', 'unit_code', 'count', 'area_cm2', 'server_time'] as const;

/** The ledger's rows one by one, from the same seeded sequence on every run and dialect. */
export function eventRows(fixture: DashboardFixture): () => unknown[] {
  let seed = 42;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
  return () => {
    const size = SIZES[random(SIZES.length)]!;
    const count = 1 + random(20);
    const day = fixture.dayIds[random(DAYS)];
    const street = fixture.streetIds[random(STREETS)];
    const participant = fixture.participantIds[random(PARTICIPANTS)];
    return [uuidv7(), fixture.campaignId, day, street, participant, size, count, count * SIZE_CODE_AREA_CM2[size], fixture.now];
  };
}

/** The rollups the services keep event by event (tally-rollups.ts), built here in one pass; SQL both databases run. */
export const ROLLUP_STATEMENTS = [
  ['TOTAL', `''`, 'campaign_id'],
  ['STREET', 'street_id', 'campaign_id, street_id'],
  ['DAY', 'action_day_id', 'campaign_id, action_day_id'],
  ['PARTICIPANT', 'participant_id', 'campaign_id, participant_id'],
  ['UNIT', 'unit_code', 'campaign_id, unit_code'],
  ['STREET_UNIT', `street_id || '|' || unit_code`, 'campaign_id, street_id, unit_code'],
  ['DAY_UNIT', `action_day_id || '|' || unit_code`, 'campaign_id, action_day_id, unit_code'],
  ['DAY_STREET', `action_day_id || '|' || street_id`, 'campaign_id, action_day_id, street_id'],
].map(
  ([dimension, key, groupBy]) =>
    `insert into tally_rollup (campaign_id, dimension, key, area_cm2, event_count, quantity) select campaign_id, '${dimension}', ${key}, sum(area_cm2), count(*), sum(count) from tally_event${dimension === 'PARTICIPANT' ? ' where participant_id is not null' : ''} group by ${groupBy}`,
);

/** The same four aggregates straight from the raw ledger; `?` for the campaign id. */
export const DIRECT_SQL = [
  'select sum(area_cm2), count(*) from tally_event where campaign_id = ?',
  'select street_id, sum(area_cm2) from tally_event where campaign_id = ? group by street_id',
  'select action_day_id, sum(area_cm2) from tally_event where campaign_id = ? group by action_day_id',
  'select participant_id, sum(area_cm2) as a from tally_event where campaign_id = ? and participant_id is not null group by participant_id order by a desc limit 20',
];

/** The p95 of `work` over `runs` runs after `warmUp` that do not count. */
export async function timedP95(warmUp: number, runs: number, work: () => unknown): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const started = performance.now();
    await work();
    if (i >= warmUp) took.push(performance.now() - started);
  }
  return percentile(took, 95);
}

const query = `query Dashboard($id: ID!) {
  tallyDashboard(campaignId: $id, top: 20) {
    total { areaM2 nkTiles entries } targetAreaM2 progressPercent
    streets { streetName householdCount total { areaM2 nkTiles } areaM2PerHousehold }
    days { day { date } total { areaM2 nkTiles } }
    topParticipants { rank name isPseudonym total { areaM2 nkTiles } }
  }
}`;

/** The dashboard query's p95 through the real server on the database `databaseEnv` names (200 requests after 20 to warm up). */
export async function serverP95(databaseEnv: Record<string, string>, { campaignId, sessionId }: DashboardFixture): Promise<number> {
  const server = await startChildServer('server/src/main.ts', { ...databaseEnv, DEMO_SEED: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', GRAPHQL_RATE_LIMIT_PER_MINUTE: '1000000' }, '/healthz');
  const body = JSON.stringify({ query, variables: { id: campaignId } });
  const headers = { 'content-type': 'application/json', cookie: `bk_session=${sessionId}` };
  try {
    return await timedP95(20, 200, async () => {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body });
      const json = (await response.json()) as { errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors));
    });
  } finally {
    await server.stop();
  }
}
