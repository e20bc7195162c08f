/**
 * The database fixtures of the upgrade tests (tests/fixtures/migrations/, written by
 * make-migration-fixture.ts), each loaded into a fresh database file that a test migrates.
 * Shared by migrations.test.ts (every row survives) and the tests of one migration's own
 * changes (migrations-units.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { FIXTURE_FOLDER } from './make-migration-fixture.js';
import { loadDump } from './sql-dump.js';
import { databaseFile } from './test-app.js';

/** The fixtures' file names, oldest first. */
export const fixtureNames = (): string[] => fs.readdirSync(FIXTURE_FOLDER).filter((f) => f.endsWith('.sql')).sort();

export const readFixture = (name: string): string => fs.readFileSync(path.join(FIXTURE_FOLDER, name), 'utf8');

/** A fresh database file holding the fixture, for the caller to remove. */
export function loadFixture(dump: string): ReturnType<typeof databaseFile> {
  const file = databaseFile();
  const sqlite = new SQLite(file.env.DATABASE_PATH!);
  try {
    loadDump(sqlite, dump);
  } finally {
    sqlite.close();
  }
  return file;
}
