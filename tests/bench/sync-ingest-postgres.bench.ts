/**
 * sync-ingest-postgres: sync-ingest (support/ingest.ts) with the server on PostgreSQL: one
 * device's 100,000 events over HTTP through `sync` in batches of 500, four devices at once,
 * and the dashboard p95 during ingest against at rest, on a fresh database of the server
 * that BENCH_DATABASE_URL (else TEST_DATABASE_URL) names; skipped when neither is set.
 *
 * The baseline ("ratio") is the same rows inserted straight into tally_event with pg, in a
 * second fresh database migrated the same way (foreign keys dropped, as the SQLite raw
 * baseline turns them off: the rows reference ids of the other database), one transaction
 * per batch of 500. Each batch is one prepared (named) 500-row insert rather than 500
 * single-row statements: better-sqlite3 runs a prepared statement as a function call in
 * the process, while every statement to PostgreSQL is a round trip to the server, so
 * per-row statements would measure the round trips (about 15 times slower here) instead
 * of the database. The app itself sends 500-row statements (server/src/db/bulk-insert.ts).
 *
 * When sync-ingest ran earlier in this run, its one-device and four-device rates are set
 * beside these (sqlite_events_per_s, vs_sqlite).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import type { OutboxEntry } from '../support/sync-client.js';
import { BATCH, CROWD_DEVICES, startIngestServer, tegelwipFields, tegelwipIngest } from './support/ingest.js';
import { report, reportedLine, round } from './support/measure.js';
import { benchPostgresUrl, openMigrated, withDatabases } from './support/postgres-database.js';

const BENCH = 'sync-ingest-postgres';
const COLUMNS = ['id', 'campaign_id', 'action_day_id', 'street_id', 'house_number', 'participant_id', 'unit_code', 'count', 'area_cm2', 'corrects_event_id', 'device_id', 'client_time', 'server_time'];
/** Per row: the values that are not constant null. */
const PARAMETERS_PER_ROW = 11;

function batchInsertSql(rows: number): string {
  const row = (r: number) => {
    const p = (k: number) => `$${r * PARAMETERS_PER_ROW + k}`;
    return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, null, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, null, ${p(9)}, ${p(10)}, ${p(11)})`;
  };
  return `insert into tally_event (${COLUMNS.join(', ')}) values ${Array.from({ length: rows }, (_, r) => row(r)).join(', ')}`;
}

/** The same rows, straight into the same table: one prepared 500-row insert per batch, a transaction each. */
async function rawInsert(url: string, batches: OutboxEntry[][]): Promise<number> {
  const { db, pool } = await openMigrated(url);
  const client = await pool.connect();
  try {
    const keys = await client.query<{ conname: string }>(`select conname from pg_constraint where conrelid = 'tally_event'::regclass and contype = 'f'`);
    for (const { conname } of keys.rows) await client.query(`alter table tally_event drop constraint ${conname}`);
    const text = batchInsertSql(BATCH);
    const started = performance.now();
    for (const batch of batches) {
      const now = new Date().toISOString();
      const values: unknown[] = [];
      for (const entry of batch) {
        const a = entry.args as { id: string; campaignId: string; actionDayId: string; streetId: string; unitCode: UnitCode; count: number };
        values.push(a.id, a.campaignId, a.actionDayId, a.streetId, 'participant', a.unitCode, a.count, unitAreaCm2Of(a.unitCode, a.count), 'device', entry.clientTime, now);
      }
      await client.query('begin');
      await client.query({ name: 'bench-raw-batch', text, values });
      await client.query('commit');
    }
    return ((batches.length * BATCH) / (performance.now() - started)) * 1000;
  } finally {
    client.release();
    await db.destroy();
  }
}

export async function run(): Promise<void> {
  const adminUrl = benchPostgresUrl(BENCH);
  if (!adminUrl) return;
  await withDatabases(adminUrl, 2, async ([appDatabase, rawDatabase]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-ingest-pg-'));
    try {
      const server = await startIngestServer({ DATABASE_URL: appDatabase!.url, MEDIA_DIR: path.join(dir, 'media') });
      try {
        const tegelwip = await tegelwipIngest(server);
        const line = tegelwipFields(BENCH, tegelwip, await rawInsert(rawDatabase!.url, tegelwip.outbox));
        const sqlite = reportedLine('sync-ingest');
        if (sqlite) {
          const crowd = `devices_${CROWD_DEVICES}`;
          Object.assign(line, {
            sqlite_events_per_s: sqlite.events_per_s,
            vs_sqlite: round(tegelwip.oneDevice.eventsPerSecond / Number(sqlite.events_per_s), 3),
            [`sqlite_${crowd}_events_per_s`]: sqlite[`${crowd}_events_per_s`],
            [`${crowd}_vs_sqlite`]: round(tegelwip.severalDevices.eventsPerSecond / Number(sqlite[`${crowd}_events_per_s`]), 3),
          });
        }
        report(line);
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
