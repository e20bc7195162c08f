/**
 * `npm run db:copy-to-postgres`: a programme's SQLite file, with data in most tables (the
 * newest upgrade fixture, migrated to latest), copied into an empty PostgreSQL database.
 * The target must hold exactly the file's rows, its counters must go on past every key
 * the file ever handed out, and the app must serve the copy. A copy that cannot be made
 * whole changes nothing, and one the operator should not make (server running, target in
 * use, file not up to date) is refused before anything is written.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, openDatabase } from '../../server/src/db/connect.js';
import { copySqliteToPostgres, CopyRefusedError } from '../../server/src/db/copy-to-postgres.js';
import { migrateToLatest } from '../../server/src/db/migrate.js';
import { runCli } from '../support/backup.js';
import { readFacts } from '../support/make-migration-fixture.js';
import { fixtureNames, readFixture } from '../support/migration-fixtures.js';
import { loadDump } from '../support/sql-dump.js';
import { tableRows } from '../support/table-hashes.js';
import { createTestDatabase, onPostgres } from '../support/test-database.js';
import { graphql, sqliteDatabaseFile, startTestApp } from '../support/test-app.js';

/** Kysely's bookkeeping says when each migration ran: the target's migrator ran them again. */
const SKIP = { kysely_migration: ['timestamp'] };
const newestFixture = () => readFixture(fixtureNames().at(-1)!);

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The newest fixture in a SQLite file, migrated to latest, as a server would have left it. */
async function sqliteProgramme(options: { migrate?: boolean } = {}): Promise<string> {
  const file = sqliteDatabaseFile();
  cleanup.push(file.remove);
  const raw = new SQLite(file.env.DATABASE_PATH!);
  try {
    loadDump(raw, newestFixture());
  } finally {
    raw.close();
  }
  if (options.migrate !== false) {
    const { db } = openDatabase(file.env.DATABASE_PATH!, { reader: false });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  }
  return file.env.DATABASE_PATH!;
}

/** The demo programme in a SQLite file, as `npm start` seeds it, with the rows a copy finds hardest added by hand. */
async function demoProgrammeWithAwkwardRows(): Promise<string> {
  const file = sqliteDatabaseFile();
  cleanup.push(file.remove);
  const t = await startTestApp({ ...file.env, DEMO_SEED: 'true' });
  await t.close();
  const raw = new SQLite(file.env.DATABASE_PATH!);
  try {
    // More tally events than one insert takes, the first a correction of the last: a
    // reference to a row of the same table that comes later in the file, in a later insert.
    const columns = (raw.prepare(`select name from pragma_table_info('tally_event') where name != 'id'`).pluck().all() as string[]).join(', ');
    const copyEvents = raw.prepare(`insert into tally_event (id, ${columns}) select 'kopie-' || ? || '-' || id, ${columns} from tally_event where id not like 'kopie-%'`);
    for (let i = 0; (raw.prepare('select count(*) from tally_event').pluck().get() as number) <= 1_000; i++) copyEvents.run(String(i));
    raw.exec(`update tally_event set corrects_event_id = (select id from tally_event order by rowid desc limit 1) where rowid = (select min(rowid) from tally_event)`);
    raw.exec(`update campaign set copied_from_id = (select id from campaign order by rowid desc limit 1) where rowid = (select min(rowid) from campaign)`);
    // A total beyond 32 bits, and more change-log rows than one insert takes.
    raw.exec(`update tally_rollup set area_cm2 = 3000000000 where rowid = (select min(rowid) from tally_rollup)`);
    const copyLog = raw.prepare(`insert into change_log (neighbourhood_id, campaign_id, entity_type, entity_id, op, at) select neighbourhood_id, campaign_id, entity_type, entity_id, op, at from change_log limit 100`);
    for (let i = 0; i < 15; i++) copyLog.run();
    // A table stored without rowid.
    raw.exec(`insert into questionnaire_participation (campaign_id, participant_id) select campaign_id, id from participant limit 1`);
  } finally {
    raw.close();
  }
  return file.env.DATABASE_PATH!;
}

function emptyPostgres(): { url: string; db: Kysely<any> } {
  const database = createTestDatabase({ empty: true });
  const { db } = openConnection({ databasePath: '', databaseUrl: database.url }, { reader: false });
  cleanup.push(() => database.drop(), () => db.destroy());
  return { url: database.url, db };
}

async function rowsOfFile(file: string) {
  const { db } = openDatabase(file, { reader: false });
  try {
    return await tableRows(db, SKIP);
  } finally {
    await db.destroy();
  }
}

const isKyselys = (table: string) => table.startsWith('kysely_migration');
/** Rows in the app's own tables (not the migrator's). */
const rowCount = async (db: Kysely<any>) => Object.entries(await tableRows(db)).reduce((n, [table, rows]) => (isKyselys(table) ? n : n + rows.length), 0);
const migrationRows = async (db: Kysely<any>) => (await tableRows(db)).kysely_migration?.length ?? 0;

describe.skipIf(!onPostgres)('copying a SQLite programme to PostgreSQL', () => {
  it('copies every row of every table, continues the counters past every key the file handed out, and the app serves the copy', async () => {
    const file = await sqliteProgramme();
    // The newest change is gone from the log (as a cleanup might), its seq not: it must not be handed out again.
    const raw = new SQLite(file);
    const lastSeq = raw.prepare('select max(seq) from change_log').pluck().get() as number;
    raw.prepare('delete from change_log where seq = ?').run(lastSeq);
    raw.close();
    expect(lastSeq).toBeGreaterThan(1);
    const expected = await rowsOfFile(file);
    const tablesWithRows = Object.entries(expected).filter(([table, rows]) => !isKyselys(table) && rows.length > 0);
    expect(tablesWithRows.length).toBeGreaterThan(10);

    const target = emptyPostgres();
    const copied = await copySqliteToPostgres(file, target.db);
    expect(Object.fromEntries(copied.filter((c) => c.rows > 0).map((c) => [c.table, c.rows]))).toEqual(Object.fromEntries(tablesWithRows.map(([table, rows]) => [table, rows.length])));
    expect(await tableRows(target.db, SKIP)).toEqual(expected);
    const { rows } = await sql<{ next: number }>`select nextval(pg_get_serial_sequence('change_log', 'seq'))::integer as next`.execute(target.db);
    expect(rows[0]!.next).toBe(lastSeq + 1);

    const facts = readFacts(newestFixture());
    const t = await startTestApp({ DATABASE_URL: target.url });
    try {
      const login = await graphql(t.url, 'mutation($input: LoginInput!) { login(input: $input) { role } }', { input: { email: facts.adminEmail, password: facts.password } });
      expect(login.body.data?.login.role, JSON.stringify(login.body)).toBe('ADMIN');
      const admin = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]! };
      const { body } = await graphql(t.url, 'query($id: ID!) { finding(id: $id) { text } }', { id: facts.findingId }, admin);
      expect(body.data?.finding, JSON.stringify(body)).toEqual({ text: facts.findingText });
    } finally {
      await t.close();
    }
  });

  it('copies references to later rows of the same table, totals beyond 32 bits, many rows and a table without rowid', async () => {
    const file = await demoProgrammeWithAwkwardRows();
    const expected = await rowsOfFile(file);
    expect(expected.change_log!.length).toBeGreaterThan(1_000);
    expect(expected.questionnaire_participation).toHaveLength(1);
    const target = emptyPostgres();
    await copySqliteToPostgres(file, target.db);
    expect(await tableRows(target.db, SKIP)).toEqual(expected);
    const big = await target.db.selectFrom('tally_rollup').select('area_cm2').where('area_cm2', '=', 3_000_000_000).execute();
    expect(big).toHaveLength(1);
  });

  it('names text with a NUL character, which PostgreSQL cannot store, before it writes anything', async () => {
    const file = await sqliteProgramme();
    const raw = new SQLite(file);
    const id = raw.prepare('select id from finding order by rowid limit 1').pluck().get() as string;
    raw.prepare('update finding set text = ? where id = ?').run('Losse tegel\u0000', id);
    raw.close();
    const target = emptyPostgres();
    await expect(copySqliteToPostgres(file, target.db)).rejects.toThrow(`finding.text holds a NUL character (row id ${id}), which PostgreSQL cannot store. Remove it from the file, then copy again.`);
    expect(await migrationRows(target.db)).toBe(0);
  });

  it('writes nothing when a row cannot be copied, and says which table', async () => {
    const file = await sqliteProgramme();
    // SQLite keeps text in an integer column; PostgreSQL refuses it.
    const raw = new SQLite(file);
    raw.prepare(`update tally_event set area_cm2 = 'veel' where rowid = (select max(rowid) from tally_event)`).run();
    raw.close();
    const target = emptyPostgres();
    await expect(copySqliteToPostgres(file, target.db)).rejects.toThrow(/^copying tally_event \(rows \d+–\d+\) failed: .*Nothing was copied\.$/);
    expect(await rowCount(target.db)).toBe(0);
  });

  it('refuses a file that a server has open, before anything is written', async () => {
    const file = await sqliteProgramme();
    const t = await startTestApp({ DATABASE_PATH: file });
    const target = emptyPostgres();
    try {
      await expect(copySqliteToPostgres(file, target.db)).rejects.toThrow(`The database ${file} is in use: stop the Buurtkracht server (and any backup or other command using it) before copying it.`);
    } finally {
      await t.close();
    }
    expect(await migrationRows(target.db)).toBe(0);
  });

  it('refuses a file that lacks migrations, and says how to bring it up to date', async () => {
    const file = await sqliteProgramme({ migrate: false });
    const target = emptyPostgres();
    const refusal = await copySqliteToPostgres(file, target.db).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CopyRefusedError);
    expect((refusal as Error).message).toContain(`Bring it up to date first: DATABASE_PATH=${file} npm run db:migrate`);
    expect(await migrationRows(target.db)).toBe(0);
  });

  it('refuses a target that already holds data, and leaves it as it was', async () => {
    const target = emptyPostgres();
    await copySqliteToPostgres(await sqliteProgramme(), target.db);
    const before = await tableRows(target.db);
    await expect(copySqliteToPostgres(await sqliteProgramme(), target.db)).rejects.toThrow(/^The PostgreSQL database already holds data \(table \w+\): copy into a new, empty database\.$/);
    expect(await tableRows(target.db)).toEqual(before);
  });

  it('refuses a target with data of its own before it migrates it', async () => {
    const target = emptyPostgres();
    await sql`create table notities (tekst text)`.execute(target.db);
    await sql`insert into notities values ('van een ander programma')`.execute(target.db);
    await expect(copySqliteToPostgres(await sqliteProgramme(), target.db)).rejects.toThrow('The PostgreSQL database already holds data (table notities): copy into a new, empty database.');
    expect(await migrationRows(target.db)).toBe(0);
  });

  it('runs as npm run db:copy-to-postgres: says what it copied, never the password', async () => {
    const file = await sqliteProgramme();
    const target = emptyPostgres();
    const run = await runCli('db/copy-to-postgres-cli', [file], { DATABASE_URL: target.url });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^participant: \d+ row\(s\)$/m);
    expect(run.stdout).toMatch(/^Copied \d+ row\(s\) in \d+ tables from .* to PostgreSQL at .*\.$/m);
    // (The test role's password may equal its name: look for it where a URL would hold it.)
    const password = new URL(target.url).password;
    expect(run.stdout).toContain(':***@');
    expect(run.stdout + run.stderr).not.toContain(`:${password}@`);
    const again = await runCli('db/copy-to-postgres-cli', [file], { DATABASE_URL: target.url });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('Copy failed: The PostgreSQL database already holds data') });
  });

  it('refuses a path where there is no file', async () => {
    const target = emptyPostgres();
    await expect(copySqliteToPostgres('/nergens/buurtkracht.db', target.db)).rejects.toThrow('There is no file /nergens/buurtkracht.db.');
    expect(fs.existsSync('/nergens/buurtkracht.db')).toBe(false);
  });
});

describe('npm run db:copy-to-postgres, asked wrongly', () => {
  it('prints its usage without a file, and asks for DATABASE_URL without one (exit code 2)', async () => {
    const usage = 'Usage: DATABASE_URL=postgres://… npm run db:copy-to-postgres -- <SQLite file>';
    expect(await runCli('db/copy-to-postgres-cli', [], {})).toMatchObject({ code: 2, stderr: expect.stringContaining(usage) });
    expect(await runCli('db/copy-to-postgres-cli', ['programma.db'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('Set DATABASE_URL to the new, empty PostgreSQL database') });
  });
});
