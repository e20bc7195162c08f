/**
 * Backing up a running app's database file and bringing the app back on that backup, as
 * an operator restores a server after losing its disk: what happened after the backup is
 * gone from the server, while phones still remember it.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { startTestApp, type TestApp } from './test-app.js';

/** A consistent copy of the live database (SQLite's online backup), at `to`. */
export async function backUp(databasePath: string, to: string): Promise<void> {
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

/** Stops the app, puts the backup in place of its database, and starts it again. */
export async function restoreAndRestart(app: TestApp, env: Record<string, string>, backup: string): Promise<TestApp> {
  await app.close();
  const databasePath = env.DATABASE_PATH!;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
  fs.copyFileSync(backup, databasePath);
  return startTestApp(env);
}
