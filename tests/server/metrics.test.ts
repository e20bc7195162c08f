/**
 * What /metrics reports, scraped over HTTP from an app on a database file with the sync
 * worker: GraphQL requests and sync batches move the counters by exactly what was sent,
 * with the right labels; mail, database size and backup age are read at scrape time; and
 * random operation names cannot add label values without end, nor, from a caller who is
 * not signed in, take the slots of real ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupName, MANIFEST_FILE } from '../../server/src/modules/backup/backup-status.js';
import { insertOutboxMail } from '../../server/src/modules/mail/mail.repo.js';
import { MAX_OPERATION_NAMES, NOT_SIGNED_IN_OPERATION, OTHER_OPERATION } from '../../server/src/modules/metrics/operation-names.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice } from '../support/sync-client.js';
import { graphql } from '../support/test-app.js';
import { onPostgres, sqliteOnly } from '../support/test-database.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** Every sample of a scrape as name, labels and value. */
function samples(text: string) {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', value] = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return { name: name!, labels: Object.fromEntries([...labels.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!])), value: value === '+Inf' ? Infinity : Number(value) };
    });
}

/** The value of the sample with exactly these labels, or undefined when there is none. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels);
  return samples(text).find((s) => s.name === name && Object.keys(s.labels).length === wanted.length && wanted.every(([k, v]) => s.labels[k] === v))?.value;
}

describe('metrics', () => {
  let fx: AccessFixture;
  let backupDir: string;
  let url: string;

  const scrape = async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };
  /** How far each of these samples moved while `act` ran. */
  async function moved(samplesOf: [string, Record<string, string>][], act: () => Promise<void>): Promise<number[]> {
    const before = await scrape();
    await act();
    const after = await scrape();
    return samplesOf.map(([name, labels]) => (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0));
  }

  beforeAll(async () => {
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-metrics-backups-'));
    // No scheduled backups (interval 0): the test places the backups itself.
    // Backups copy the SQLite file: on PostgreSQL there is no BACKUP_DIR, and no backup age.
    fx = await accessFixture({ METRICS_TOKEN: TOKEN, ...(onPostgres ? {} : { BACKUP_DIR: backupDir, BACKUP_INTERVAL_HOURS: '0' }) });
    url = fx.t.url;
  });
  afterAll(async () => {
    await fx.t.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('serves the text format, uncached, without CORS, with process metrics under the buurtkracht_ prefix', async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://elders.example' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const text = await response.text();
    expect(valueOf(text, 'buurtkracht_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('buurtkracht_nodejs_eventloop_lag_seconds');
  });

  it('counts GraphQL requests by operation name and outcome, with their latency', async () => {
    const deltas = await moved(
      [
        ['buurtkracht_graphql_requests_total', { operation: 'MetricsProbe', outcome: 'ok' }],
        ['buurtkracht_graphql_request_duration_seconds_count', { operation: 'MetricsProbe' }],
        ['buurtkracht_graphql_requests_total', { operation: 'anonymous', outcome: 'ok' }],
        ['buurtkracht_graphql_requests_total', { operation: 'invalid', outcome: 'GRAPHQL_VALIDATION_FAILED' }],
        ['buurtkracht_graphql_requests_total', { operation: 'Broken', outcome: 'GRAPHQL_VALIDATION_FAILED' }],
      ],
      async () => {
        for (let i = 0; i < 3; i++) expect((await graphql(url, 'query MetricsProbe { __typename }', {}, fx.headers.admin)).body.data).toEqual({ __typename: 'Query' });
        await graphql(url, '{ __typename }');
        expect((await graphql(url, 'query Broken { noSuchField }')).body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      },
    );
    expect(deltas).toEqual([3, 3, 1, 1, 0]);
    expect(valueOf(await scrape(), 'buurtkracht_graphql_request_duration_seconds_bucket', { operation: 'MetricsProbe', le: '+Inf' })).toBeGreaterThanOrEqual(3);
  });

  it('counts sync batches by outcome and their entries by result', async () => {
    const participant = (await fx.makeParticipant(fx.campaignA)).headers;
    const device = new TestDevice();
    const batch = [1, 2, 3].map((n) => device.tally(fx.campaignA.id, fx.dayA, fx.streetA, n));
    const mixed = [
      device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 1),
      device.entry('recordTallyEvent', { id: uuidv7(), campaignId: fx.campaignA.id, actionDayId: 'geen-dag', streetId: fx.streetA, unitCode: 'TEGEL_30X30', count: 1 }),
      device.tally(fx.campaignA.id, fx.dayA, fx.streetA, 2),
    ];
    const statuses = (body: any) => body.data.sync.results.map((r: { status: string }) => r.status);
    const deltas = await moved(
      [
        ['buurtkracht_sync_batches_total', { outcome: 'ok' }],
        ['buurtkracht_sync_batches_total', { outcome: 'NOT_FOUND' }],
        ['buurtkracht_sync_entries_total', { status: 'APPLIED' }],
        ['buurtkracht_sync_entries_total', { status: 'DUPLICATE' }],
        ['buurtkracht_sync_entries_total', { status: 'REJECTED' }],
        ['buurtkracht_graphql_requests_total', { operation: 'Sync', outcome: 'ok' }],
        ['buurtkracht_graphql_requests_total', { operation: 'Sync', outcome: 'NOT_FOUND' }],
      ],
      async () => {
        expect(statuses((await fx.query(participant, SYNC, device.input(batch))).body)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
        expect(statuses((await fx.query(participant, SYNC, device.input(batch))).body)).toEqual(['DUPLICATE', 'DUPLICATE', 'DUPLICATE']);
        expect(statuses((await fx.query(participant, SYNC, device.input(mixed))).body)).toEqual(['APPLIED', 'REJECTED', 'APPLIED']);
        // A coordinator syncing a campaign of another neighbourhood: the whole batch is refused.
        const refused = await fx.query('coordinator', SYNC, new TestDevice().input([], null, fx.campaignB.id));
        expect(refused.body.errors[0].extensions.code).toBe('NOT_FOUND');
      },
    );
    expect(deltas).toEqual([3, 1, 5, 3, 1, 3, 1]);
  });

  it('reads pending mail and the database size when scraped', async () => {
    const mail = (state: 'PENDING' | 'SENT') => ({
      id: uuidv7(),
      participant_id: fx.ids.participant,
      finding_id: fx.findingA.id,
      kind: 'FINDING_STATUS' as const,
      finding_status: 'IN_BEHANDELING' as const,
      public_message: '',
      state,
      attempts: 0,
      next_attempt_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
      sent_at: null,
      last_error: null,
    });
    const deltas = await moved([['buurtkracht_mail_outbox_pending', {}]], async () => {
      for (const state of ['PENDING', 'PENDING', 'SENT'] as const) await insertOutboxMail(fx.t.app.connection.db, mail(state));
    });
    expect(deltas).toEqual([2]);

    const text = await scrape();
    if (onPostgres) {
      // PostgreSQL's own figure for the database; there is no WAL file of the app's here.
      const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(fx.t.app.connection.db);
      expect(valueOf(text, 'buurtkracht_database_size_bytes', { file: 'main' })).toBeGreaterThan(0);
      expect(Math.abs(valueOf(text, 'buurtkracht_database_size_bytes', { file: 'main' })! - Number(rows[0]!.bytes))).toBeLessThan(1024 * 1024);
      expect(valueOf(text, 'buurtkracht_database_size_bytes', { file: 'wal' })).toBeUndefined();
      return;
    }
    const databasePath = fx.t.config.databasePath;
    expect(valueOf(text, 'buurtkracht_database_size_bytes', { file: 'main' })).toBe(fs.statSync(databasePath).size);
    expect(valueOf(text, 'buurtkracht_database_size_bytes', { file: 'wal' })).toBe(fs.statSync(`${databasePath}-wal`).size);
    expect(fs.statSync(`${databasePath}-wal`).size).toBeGreaterThan(0);
  });

  it.skipIf(sqliteOnly('backups copy the SQLite file'))('reports the age of the newest complete backup, and +Inf while there is none', async () => {
    expect(valueOf(await scrape(), 'buurtkracht_backup_age_seconds')).toBe(Infinity);
    const complete = (at: Date) => {
      const folder = path.join(backupDir, backupName(at));
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, MANIFEST_FILE), '{}');
    };
    complete(new Date(Date.now() - 2 * 3600_000));
    complete(new Date(Date.now() - 3600_000));
    fs.mkdirSync(path.join(backupDir, backupName(new Date()))); // still being written: no manifest
    const age = valueOf(await scrape(), 'buurtkracht_backup_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3600 + 60);
  });

  // Last: it fills the operation names an app admits.
  it('gives names of callers who are not signed in no label of their own, and signed-in callers a bounded number', async () => {
    const random = () => Math.random().toString(36).slice(2);
    const send = (count: number, query: (i: number) => string, headers: Record<string, string> = {}) =>
      Promise.all(Array.from({ length: count }, (_, i) => graphql(url, query(i), {}, headers)));
    const labels = async () => new Set(samples(await scrape()).filter((s) => s.name === 'buurtkracht_graphql_requests_total').map((s) => s.labels.operation!));
    const requestsOf = async (operation: string) => valueOf(await scrape(), 'buurtkracht_graphql_requests_total', { operation, outcome: 'ok' }) ?? 0;

    // Someone who is not signed in makes up more names than there are slots: one label for all.
    const before = await labels();
    for (let round = 0; round < 5; round++) await send(50, () => `query R${random()} { __typename }`);
    expect([...(await labels())].filter((name) => !before.has(name))).toEqual([NOT_SIGNED_IN_OPERATION]);
    expect(await requestsOf(NOT_SIGNED_IN_OPERATION)).toBeGreaterThanOrEqual(250);
    // So a signed-in caller's new operation still gets its own label, which then counts everyone's.
    await graphql(url, 'query AfterTheFlood { __typename }', {}, fx.headers.participant);
    expect(await requestsOf('AfterTheFlood')).toBe(1);
    await graphql(url, 'query AfterTheFlood { __typename }');
    expect(await requestsOf('AfterTheFlood')).toBe(2);

    // Signed-in callers admit no more than MAX_OPERATION_NAMES; invalid or overlong names none.
    for (let round = 0; round < 5; round++) await send(50, () => `query S${random()} { __typename }`, fx.headers.admin);
    await send(20, () => `query Bad${random()} { nope }`, fx.headers.admin);
    await send(1, () => `query ${'L'.repeat(100)} { __typename }`, fx.headers.admin);
    const operations = await labels();
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_NAMES + 4); // + anonymous, invalid, other, not_signed_in
    expect([...operations].filter((name) => name.startsWith('Bad') || name.startsWith('LLL'))).toEqual([]);
    expect(operations).toContain(OTHER_OPERATION);
    // A name admitted before the cap keeps its label.
    const probes = await requestsOf('MetricsProbe');
    await graphql(url, 'query MetricsProbe { __typename }');
    expect(await requestsOf('MetricsProbe')).toBe(probes + 1);
  });
});
