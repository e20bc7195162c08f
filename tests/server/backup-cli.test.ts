/**
 * What `npm run backup` and `npm run restore` share (server/src/command-line.ts), run as
 * the commands themselves: --help, arguments they do not know, a wrong setting, and that
 * the two read arguments and settings in that one place instead of each their own way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/backup.js';
import { repoRoot } from '../support/server-process.js';
import { databaseFile } from '../support/test-app.js';

const usages = {
  'backup-cli': 'Usage: npm run backup [-- <folder>]',
  'restore-cli': 'Usage: npm run restore -- <backup folder> [--force]',
} as const;

describe.each(Object.keys(usages) as (keyof typeof usages)[])('%s', (script) => {
  const file = databaseFile();
  afterAll(() => file.remove());

  it('prints its usage for --help, refuses an unknown option with exit code 2, and a wrong setting with 1', async () => {
    expect(await runCli(script, ['--help'], file.env)).toMatchObject({ code: 0, stdout: expect.stringContaining(usages[script]) });
    const unknown = await runCli(script, ['--nope'], file.env);
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
    expect(unknown.stderr).toContain(usages[script]);
    const wrongSetting = await runCli(script, ['folder'], { ...file.env, PORT: 'geen-poort' });
    expect(wrongSetting).toMatchObject({ code: 1, stderr: expect.stringContaining('PORT') });
    // (On PostgreSQL the test database exists already: only a file can be checked.)
    if (file.env.DATABASE_PATH) expect(fs.existsSync(file.env.DATABASE_PATH)).toBe(false);
  });

  it('refuses with exit code 2 on PostgreSQL or with photos in a bucket, and says what backs those up', async () => {
    const onPostgres = await runCli(script, ['folder'], { ...file.env, DATABASE_URL: 'postgres://buurtkracht:geheim@db.example:5432/buurtkracht' });
    expect(onPostgres).toMatchObject({ code: 2, stderr: expect.stringContaining('pg_dump') });
    expect(onPostgres.stderr).not.toContain('geheim');
    // (Empty counts as unset: in the PostgreSQL project file.env names a database URL.)
    const inBucket = await runCli(script, ['folder'], { ...file.env, DATABASE_URL: '', S3_BUCKET: 'buurtkracht-fotos' });
    expect(inBucket).toMatchObject({ code: 2, stderr: expect.stringContaining('versioning') });
  });

  it('reads its arguments and settings with command-line.ts, not with code of its own', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'server/src', `${script}.ts`), 'utf8');
    expect(source).toContain("from './command-line.js'");
    expect(source).not.toMatch(/function (fail|readArgs|readConfig)\b|parseArgs|loadConfig/);
  });
});
