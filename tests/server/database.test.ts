import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/connect.js';
import { migrateToLatest, MigrationFailedError } from '../../server/src/db/migrate.js';
import { createLogger } from '../../server/src/logger.js';
import { seedDemoData, STAATSLIEDENBUURT_STREETS } from '../../server/src/seed/demo-seed.js';
import { openEmptyDatabase, sqliteOnly } from '../support/test-database.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buurtkracht-db-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const silent = createLogger({ logLevel: 'silent' });
const auth = createAuthSettings(loadConfig({}));

describe.skipIf(sqliteOnly('sets and reads SQLite\'s pragmas'))('database connection', () => {
  it('creates the file and its folder, and sets WAL, foreign keys, busy timeout and FULL sync', async () => {
    const file = path.join(tempDir(), 'nested', 'buurtkracht.db');
    const { db, sqlite } = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    await db.destroy();
  });
});

// In memory (on PostgreSQL, a new database): these check the migrator, constraints and the
// seed on one connection, where a file would add nothing; tests/server/migrations.test.ts
// upgrades a file that holds data.
describe('migrations', () => {
  it('apply once; a second run applies nothing', async () => {
    const { db, close } = openEmptyDatabase();
    const first = await migrateToLatest(db);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => r.status === 'Success')).toBe(true);
    expect(await migrateToLatest(db)).toEqual([]);
    await close();
  });

  it('stop with an error that names the failed migration', async () => {
    const folder = tempDir();
    fs.writeFileSync(
      path.join(folder, '2026_01_01_0000_break_things.ts'),
      "export async function up() { throw new Error('kapot'); }\n",
    );
    const { db, close } = openEmptyDatabase();
    const attempt = migrateToLatest(db, folder);
    await expect(attempt).rejects.toThrow(MigrationFailedError);
    await expect(migrateToLatest(db, folder)).rejects.toThrow(/2026_01_01_0000_break_things failed: kapot/);
    await close();
  });

  it('enforce foreign keys (a street needs an existing neighbourhood)', async () => {
    const { db, close } = openEmptyDatabase();
    await migrateToLatest(db);
    await expect(
      db.insertInto('street').values({ id: 's1', neighbourhood_id: 'missing', name: 'X', household_count: null, created_at: '' }).execute(),
    ).rejects.toThrow(/FOREIGN KEY|foreign key/);
    await close();
  });
});

describe('demo seed', () => {
  it('seeds the Staatsliedenbuurt with streets, a checklist, this year’s campaign of each kind and last year’s into an empty database, and only once', async () => {
    const { db, close } = openEmptyDatabase();
    await migrateToLatest(db);
    expect(await seedDemoData(db, auth, silent)).toBe(true);
    expect(await seedDemoData(db, auth, silent)).toBe(false);
    const neighbourhoods = await db.selectFrom('neighbourhood').selectAll().execute();
    expect(neighbourhoods).toHaveLength(1);
    expect(neighbourhoods[0]).toMatchObject({ slug: 'staatsliedenbuurt', name: 'Staatsliedenbuurt', municipality: 'Alblasserdam' });
    const streets = await db.selectFrom('street').select('name').orderBy('name').execute();
    expect(streets.map((s) => s.name)).toEqual([...STAATSLIEDENBUURT_STREETS].sort());
    const [cleanup, ...campaigns] = await db.selectFrom('campaign').selectAll().orderBy('kind').orderBy('status', 'desc').execute();
    expect([cleanup, ...campaigns].map((c) => [c!.kind, c!.status])).toEqual([
      // This year's clean-up (opruimactie), counted on the same ledger as tiles.
      ['OPRUIMEN', 'OPEN'],
      ['SCHOUW', 'OPEN'],
      ['SCHOUW', 'CLOSED'],
      ['TEGELWIPPEN', 'OPEN'],
      // Last year's action, so the programme's results have two years to show.
      ['TEGELWIPPEN', 'CLOSED'],
    ]);
    expect(campaigns[3]!.created_at < campaigns[2]!.created_at).toBe(true);
    // Last year's schouw, walked by demo residents: answers, findings in every stage, a plan.
    const lastYear = campaigns[1]!;
    expect(lastYear.created_at < campaigns[0]!.created_at).toBe(true);
    const count = async (table: 'observation' | 'finding' | 'action_item' | 'participant') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', lastYear.id).executeTakeFirstOrThrow()).n);
    expect(await count('observation')).toBeGreaterThan(100);
    expect(await count('participant')).toBe(4);
    expect(await count('action_item')).toBe(1);
    const findings = await db.selectFrom('finding').select(['status', 'observation_id']).where('campaign_id', '=', lastYear.id).execute();
    expect(findings.length).toBeGreaterThanOrEqual(4);
    expect(findings.every((f) => f.observation_id !== null)).toBe(true);
    expect(new Set(findings.map((f) => f.status)).size).toBeGreaterThanOrEqual(3);
    expect(await db.selectFrom('observation').select('id').where('campaign_id', '=', campaigns[0]!.id).execute()).toEqual([]);
    expect(campaigns.every((c) => c.name.includes('(demo)'))).toBe(true);
    expect(campaigns[0]!.checklist_version_id).not.toBeNull();
    expect(campaigns[2]).toMatchObject({ target_area_cm2: 5_000_000, public_progress: 1 });
    const themes = await db.selectFrom('checklist_section').select('theme').where('version_id', '=', campaigns[0]!.checklist_version_id!).execute();
    expect(themes.map((t) => t.theme)).toEqual(['GROEN_ONDERHOUD', 'BIODIVERSITEIT', 'KLIMAATADAPTATIE', 'SCHOON', 'HEEL', 'VEILIG', 'ONTMOETEN_SPELEN']);
    await close();
  });
});
