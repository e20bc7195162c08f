/**
 * Upgrading a database that holds data, not only an empty one: every fixture in
 * tests/fixtures/migrations/ (a database as an earlier set of migrations made it, with
 * rows in every table; see tests/support/make-migration-fixture.ts) is loaded into a
 * fresh file, migrated to latest, and must keep every row and value, and the app must
 * start on it and serve what was there. A new migration is tested against every fixture
 * without changing this file; what one migration changes on purpose is checked in a file
 * of its own (migrations-units.test.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest, migrationsFolder } from '../../server/src/db/migrate.js';
import { readFacts, type FixtureFacts } from '../support/make-migration-fixture.js';
import { fixtureNames, loadFixture, readFixture } from '../support/migration-fixtures.js';
import { loadDump } from '../support/sql-dump.js';
import { SYNC } from '../support/sync-client.js';
import { graphql, startTestApp } from '../support/test-app.js';
import { sqliteOnly } from '../support/test-database.js';

/**
 * Values a migration changes on purpose, by table: `{ table: 'why' }`. Every other table
 * must hold exactly the rows it held, in the columns it had (new columns may be added).
 */
const changedOnPurpose: Record<string, string> = {
  // Kysely's own bookkeeping: every migration adds its row.
  kysely_migration: 'records the migrations applied',
  // 2026_11_30_2300_split_observations: answers to checklist items become observations;
  // those nobody followed up are no longer findings (checked row by row below).
  finding: 'checklist answers become observations',
  // The same migration tells phones about every answer-type finding it kept or deleted, so
  // their next pull updates or removes it (checked below).
  change_log: 'the findings the observation split changed, for the phones to pull',
};

/** Columns a migration renamed on purpose, by table (old name → new name): their values must be kept under the new name. */
const renamedOnPurpose: Record<string, Record<string, string>> = {
  // 2026_12_01_1400_generalise_tally_units: a tile size is one kind of unit.
  tally_event: { size_code: 'unit_code' },
};

/** Rows a migration added on purpose to a table whose other rows must stay as they were, by table: a condition that holds for the new rows only. */
const addedOnPurpose: Record<string, string> = {
  // 2026_12_01_1400_generalise_tally_units fills the unit rollups from the events (checked in migrations-units.test.ts).
  tally_rollup: "dimension in ('UNIT', 'STREET_UNIT', 'DAY_UNIT', 'DAY_STREET')",
};
const renamed = (table: string, column: string) => renamedOnPurpose[table]?.[column] ?? column;

const fixtures = fixtureNames();
const migrations = fs.readdirSync(migrationsFolder).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.replace(/\.(ts|js|mjs)$/, '')).sort();

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tablesOf = (sqlite: SQLite.Database) => sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name").pluck().all() as string[];
const columnsOf = (sqlite: SQLite.Database, table: string) => sqlite.prepare('select name from pragma_table_info(?) order by cid').pluck().all(table) as string[];

/** Per table: its columns, row count, and a hash of all rows in those columns (only rows where `where` holds, when given). */
function snapshot(sqlite: SQLite.Database, only?: Record<string, { columns: string[]; where?: string }>) {
  const result: Record<string, { columns: string[]; rows: number; hash: string }> = {};
  for (const table of only ? Object.keys(only) : tablesOf(sqlite)) {
    const columns = only ? only[table]!.columns : columnsOf(sqlite, table);
    const list = columns.map(quote).join(', ');
    const where = only?.[table]!.where ? ` where ${only[table]!.where}` : '';
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of sqlite.prepare(`select ${list} from ${quote(table)}${where} order by ${list}`).raw().iterate()) {
      hash.update(JSON.stringify(row)).update('\n');
      rows++;
    }
    result[table] = { columns, rows, hash: hash.digest('hex') };
  }
  return result;
}

it('has at least one database fixture to upgrade', () => {
  expect(fixtures.length).toBeGreaterThan(0);
});

// Reads the SQLite file row by row; on PostgreSQL, migrations-postgres.test.ts upgrades the
// same fixtures and holds the result to what SQLite's upgrade ends with.
describe.skipIf(sqliteOnly('reads the SQLite file')).each(fixtures)('upgrading %s', (fixture) => {
  const dump = readFixture(fixture);
  let facts: FixtureFacts;
  let file: ReturnType<typeof loadFixture>;
  let before: ReturnType<typeof snapshot>;
  let applied: string[];
  let tallyAreaCm2: number;
  let madeBy: string[];

  beforeAll(async () => {
    facts = readFacts(dump);
    file = loadFixture(dump);
    if (facts.answers) {
      // A kans left empty (only spaces) by an old app is no follow-up: that answer is plain.
      const writable = new SQLite(file.env.DATABASE_PATH!);
      try {
        expect(writable.prepare("update finding set suggestion = '  ' where id = ? and suggestion is null").run(facts.answers.plain[0]).changes).toBe(1);
      } finally {
        writable.close();
      }
    }
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      before = snapshot(sqlite);
      madeBy = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
      tallyAreaCm2 = sqlite.prepare('select sum(area_cm2) from tally_event where campaign_id = ?').pluck().get(facts.tegelwipCampaignId) as number;
    } finally {
      sqlite.close();
    }
    const { db } = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    try {
      applied = (await migrateToLatest(db)).map((r) => `${r.migrationName}: ${r.status}`);
    } finally {
      await db.destroy();
    }
  });
  afterAll(() => file?.remove());

  it('holds rows in every table, made by migrations that still exist under the same names', () => {
    expect(Object.entries(before).filter(([, t]) => t.rows === 0).map(([name]) => name)).toEqual([]);
    expect(madeBy.at(-1)).toBe(fixture.replace(/\.sql$/, ''));
    expect(migrations.slice(0, madeBy.length)).toEqual(madeBy);
  });

  it('applies every later migration, and keeps every row and value', () => {
    expect(applied).toEqual(migrations.slice(madeBy.length).map((m) => `${m}: Success`));
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      const tablesNow = new Set(tablesOf(sqlite));
      const kept = Object.fromEntries(Object.entries(before).filter(([table]) => !(table in changedOnPurpose)));
      expect(Object.keys(kept).filter((table) => !tablesNow.has(table)), 'tables gone').toEqual([]);
      for (const [table, { columns }] of Object.entries(kept)) {
        expect(columns.map((c) => renamed(table, c)).filter((c) => !columnsOf(sqlite, table).includes(c)), `columns gone from ${table}`).toEqual([]);
      }
      // The same values in the same column order, under their new names; rows added on purpose left out.
      const now = Object.fromEntries(
        Object.entries(kept).map(([table, { columns }]) => [table, { columns: columns.map((c) => renamed(table, c)), where: addedOnPurpose[table] && `not (${addedOnPurpose[table]})` }]),
      );
      const after = snapshot(sqlite, now);
      for (const [table, was] of Object.entries(kept)) {
        expect({ rows: after[table]!.rows, hash: after[table]!.hash }, `${table} after the migrations`).toEqual({ rows: was.rows, hash: was.hash });
      }
      expect(sqlite.prepare('select sha256 from media where id = ?').pluck().get(facts.mediaId)).toBe(facts.mediaSha256);
      expect(sqlite.prepare('select text from finding where id = ?').pluck().get(facts.findingId)).toBe(facts.findingText);
    } finally {
      sqlite.close();
    }
  });

  it('turns every checklist answer into an observation with the same values, and keeps answers that were followed up as findings', () => {
    // The migration runs on the file; the data as it was before is only read back from the
    // dump for comparison, so a scratch copy in memory is enough.
    const was = new SQLite(':memory:');
    const sqlite = new SQLite(file.env.DATABASE_PATH!, { readonly: true });
    try {
      loadDump(was, dump);
      if (facts.answers) was.prepare("update finding set suggestion = '  ' where id = ?").run(facts.answers.plain[0]);
      const findingsBefore = was.prepare('select * from finding order by id').all() as Record<string, unknown>[];
      const answers = findingsBefore.filter((f) => f.checklist_item_id !== null && f.spot_id !== null);
      expect(answers.length, 'the fixture holds checklist answers').toBeGreaterThan(0);
      for (const answer of answers) {
        const observation = sqlite.prepare('select * from observation where id = ?').get(answer.id) as Record<string, unknown> | undefined;
        expect(observation, `observation for answer ${String(answer.id)}`).toMatchObject({
          campaign_id: answer.campaign_id,
          spot_id: answer.spot_id,
          street_id: answer.street_id,
          checklist_item_id: answer.checklist_item_id,
          theme: answer.category,
          rating: answer.rating,
          answer: answer.answer,
          note: answer.text,
          lat: answer.lat,
          lon: answer.lon,
          participant_id: answer.participant_id,
          device_time: answer.device_time,
          server_time: answer.server_time,
        });
      }
      const followedUp = (id: unknown) =>
        ['finding_status_event', 'finding_photo', 'action_item_finding', 'finding_conflict'].some((table) => was.prepare(`select 1 from ${table} where finding_id = ?`).get(id)) ||
        answers.some((a) => a.id === id && (a.status !== 'NIEUW' || a.routed_organisation_id !== null || ((a.suggestion as string | null) ?? '').trim() !== '' || (a.version as number) > 1));
      const findingsNow = new Map((sqlite.prepare('select * from finding').all() as Record<string, unknown>[]).map((f) => [f.id, f]));
      for (const before of findingsBefore) {
        const isAnswer = answers.includes(before);
        const now = findingsNow.get(before.id);
        if (!isAnswer || followedUp(before.id)) {
          // Kept whole; a followed-up answer now also names its observation.
          expect(now, `finding ${String(before.id)} kept`).toEqual({ ...before, observation_id: isAnswer ? before.id : null });
        } else {
          expect(now, `plain answer ${String(before.id)} is no longer a finding`).toBeUndefined();
        }
      }
      expect(findingsNow.size).toBe(findingsBefore.filter((f) => !answers.includes(f) || followedUp(f.id)).length);
      // Every answer-type finding, kept or deleted, is in the change log after what was there,
      // so phones pull it again (a deleted one is answered as DELETE).
      const logBefore = (was.prepare('select max(seq) from change_log').pluck().get() as number | null) ?? 0;
      const logged = sqlite.prepare("select neighbourhood_id, campaign_id, entity_id, op from change_log where entity_type = 'FINDING' and seq > ? order by entity_id").all(logBefore);
      const neighbourhoodOf = (campaignId: unknown) => was.prepare('select neighbourhood_id from campaign where id = ?').pluck().get(campaignId);
      expect(logged).toEqual(
        [...answers].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)).map((a) => ({ neighbourhood_id: neighbourhoodOf(a.campaign_id), campaign_id: a.campaign_id, entity_id: a.id, op: 'UPSERT' })),
      );
      const rowsBefore = was.prepare('select seq, neighbourhood_id, campaign_id, entity_type, entity_id, op, at from change_log order by seq').all();
      expect(sqlite.prepare('select seq, neighbourhood_id, campaign_id, entity_type, entity_id, op, at from change_log where seq <= ? order by seq').all(logBefore)).toEqual(rowsBefore);
      if (facts.answers) {
        for (const id of facts.answers.plain) expect(findingsNow.has(id), `plain answer ${id}`).toBe(false);
        for (const id of facts.answers.followedUp) expect(findingsNow.get(id)?.observation_id, `followed-up answer ${id}`).toBe(id);
      }
    } finally {
      sqlite.close();
      was.close();
    }
  });

  it('keeps the tally events it held, each with origin null (not said), and counts the gardens their house numbers name', async () => {
    const copy = loadFixture(dump);
    try {
      const sqlite = new SQLite(copy.env.DATABASE_PATH!);
      let before: Record<string, unknown>[];
      try {
        // Entries of an older app version that named a house number, typed two ways for one garden.
        const entries = sqlite.prepare('select id, street_id from tally_event where campaign_id = ? and corrects_event_id is null order by id').all(facts.tegelwipCampaignId) as { id: string; street_id: string }[];
        expect(entries.length).toBeGreaterThanOrEqual(2);
        sqlite.prepare("update tally_event set house_number = '7 K' where id = ?").run(entries[0]!.id);
        sqlite.prepare("update tally_event set house_number = '7k', street_id = ? where id = ?").run(entries[0]!.street_id, entries[1]!.id);
        sqlite.prepare('update tally_event set house_number = (select house_number from tally_event e where e.id = tally_event.corrects_event_id) where corrects_event_id is not null').run();
        before = sqlite.prepare('select * from tally_event order by id').all() as Record<string, unknown>[];
      } finally {
        sqlite.close();
      }
      const { db } = openDatabase(copy.env.DATABASE_PATH!, { reader: false });
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      const after = new SQLite(copy.env.DATABASE_PATH!, { readonly: true });
      try {
        // Every column it had, as it was (a later migration may add more; the size is now the unit), and origin null.
        expect(after.prepare('select * from tally_event order by id').all()).toEqual(before.map(({ size_code, ...event }) => expect.objectContaining({ ...event, unit_code: size_code, origin: null })));
        const gardens = after.prepare("select key, area_cm2 from tally_rollup where campaign_id = ? and dimension = 'GARDEN'").all(facts.tegelwipCampaignId) as { key: string; area_cm2: number }[];
        const named = before.filter((e) => e.house_number !== null);
        expect(gardens).toEqual([{ key: `${String(named[0]!.street_id)}|7k`, area_cm2: named.reduce((sum, e) => sum + Number(e.area_cm2), 0) }]);
      } finally {
        after.close();
      }
    } finally {
      copy.remove();
    }
  });

  it('starts the app on it (migrating at start): staff sign in, and totals, findings and device state are as they were', async () => {
    const copy = loadFixture(dump);
    try {
      const t = await startTestApp(copy.env);
      try {
        const login = await graphql(t.url, 'mutation($input: LoginInput!) { login(input: $input) { role } }', { input: { email: facts.adminEmail, password: facts.password } });
        expect(login.body.data?.login.role, JSON.stringify(login.body)).toBe('ADMIN');
        const admin = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! };
        const dashboard = async () =>
          (await graphql(t.url, 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 } } }', { id: facts.tegelwipCampaignId }, admin)).body.data.tallyDashboard.total.areaCm2;
        expect(await dashboard()).toBe(tallyAreaCm2);

        const finding = await graphql(t.url, 'query($id: ID!) { finding(id: $id) { text photoIds statusHistory { toStatus } } }', { id: facts.findingId }, admin);
        expect(finding.body.data.finding).toMatchObject({ text: facts.findingText, photoIds: [facts.mediaId] });
        expect(finding.body.data.finding.statusHistory.map((s: { toStatus: string }) => s.toStatus)).toContain('IN_BEHANDELING');

        // The phone that pushed before the upgrade resends its batch: nothing counts twice,
        // and its next entry follows on from the seq the server kept.
        const device = { authorization: `Bearer ${facts.participantToken}` };
        const resent = await graphql(t.url, SYNC, { input: { deviceId: facts.deviceId, mutations: facts.batch, cursor: null } }, device);
        expect(resent.body.errors, JSON.stringify(resent.body.errors)).toBeUndefined();
        expect(resent.body.data.sync.results.filter((r: { status: string }) => r.status === 'APPLIED')).toEqual([]);
        expect(await dashboard()).toBe(tallyAreaCm2);
        const template = facts.batch[0] as { seq: number; args: Record<string, unknown> };
        const nextSeq = Math.max(...facts.batch.map((e) => (e as { seq: number }).seq)) + 1;
        const next = { ...template, mutationId: uuidv7(), seq: nextSeq, args: { ...template.args, id: uuidv7(), count: 1 } };
        const pushed = await graphql(t.url, SYNC, { input: { deviceId: facts.deviceId, mutations: [next], cursor: null } }, device);
        expect(pushed.body.data.sync.results.map((r: { status: string }) => r.status), JSON.stringify(pushed.body)).toEqual(['APPLIED']);
        expect(await dashboard()).toBe(tallyAreaCm2 + 900);
      } finally {
        await t.close();
      }
    } finally {
      copy.remove();
    }
  });
});
