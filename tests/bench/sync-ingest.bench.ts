/**
 * sync-ingest: 100,000 tally events pushed over HTTP through `sync` in batches of 500 by
 * one device, sending what the field app sends, against raw better-sqlite3 prepared
 * inserts of the same rows (one transaction per batch, same table and indexes, same
 * pragmas) in the same run. Also the dashboard p95 while ingest runs divided by its p95
 * at rest. Targets: ratio ≥ 0.20, p95 ratio ≤ 2. Printed beside them: four devices
 * pushing at once (an action day), with the dashboard asking meanwhile. A second line
 * (sync-ingest-cleanup) does the same for a clean-up's bags, items and gardens (one ledger,
 * so the same targets), with the dashboard asking per unit and per day's streets.
 * The same on PostgreSQL: sync-ingest-postgres.bench.ts; what both do: support/ingest.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import type { OutboxEntry } from '../support/sync-client.js';
import { ACCEPT_ENCODING, BATCH, CLEANUP_EVENTS, cleanupIngest, startIngestServer, tegelwipFields, tegelwipIngest } from './support/ingest.js';
import { report, round } from './support/measure.js';

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

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-ingest-'));
  const server = await startIngestServer({ DATABASE_PATH: path.join(dir, 'ingest.db'), MEDIA_DIR: path.join(dir, 'media') });
  try {
    const tegelwip = await tegelwipIngest(server);
    report(tegelwipFields('sync-ingest', tegelwip, await rawInsert(tegelwip.outbox)));

    const cleanup = await cleanupIngest(server, tegelwip.demo);
    const cleanupRaw = await rawInsert(cleanup.outbox);
    report({
      bench: 'sync-ingest-cleanup',
      events: CLEANUP_EVENTS,
      events_per_s: round(cleanup.ingest.eventsPerSecond, 0),
      raw_events_per_s: round(cleanupRaw, 0),
      ratio: round(cleanup.ingest.eventsPerSecond / cleanupRaw, 3),
      dashboard_p95_ingest_ms: round(cleanup.ingest.dashboardP95, 2),
      dashboard_p95_rest_ms: round(cleanup.p95AtRest, 2),
      dashboard_p95_ratio: round(cleanup.ingest.dashboardP95 / cleanup.p95AtRest, 2),
      accept_encoding: ACCEPT_ENCODING,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
