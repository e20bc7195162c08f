/**
 * Backing up a running app's database file and bringing the app back on that backup, as
 * an operator restores a server after losing its disk: what happened after the backup is
 * gone from the server, while phones still remember it. Also what the tests of
 * `npm run backup` and `npm run restore` share: running the two commands, photos.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { repoRoot } from './server-process.js';
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

/** Runs `npm run backup`, `npm run restore` or `npm run db:copy-to-postgres` (without npm) in a process of its own. */
export function runCli(script: 'backup-cli' | 'restore-cli' | 'db/copy-to-postgres-cli', args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `server/src/${script}.ts`, ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A small JPEG, different for each seed. */
export function testPhoto(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 240, height: 180, channels: 3, background: { r: (seed * 37) % 255, g: (seed * 91) % 255, b: 80 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Uploads a photo as the field app does; returns the HTTP status. */
export async function uploadPhoto(url: string, headers: Record<string, string>, id: string, bytes: Buffer): Promise<number> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const response = await fetch(`${url}/media/${id}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg', sha256, ...headers }, body: new Uint8Array(bytes) });
  await response.arrayBuffer();
  return response.status;
}

/** Every file under `dir` as a sorted list of paths relative to it, with / between folders. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
