/**
 * Brings the schema to the latest migration with Kysely's Migrator. Migrations live in
 * the top-level migrations/ folder and are plain Kysely<any> files, applied in name order.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import { projectRoot } from '../config.js';

export const migrationsFolder = path.join(projectRoot, 'migrations');

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

/**
 * Loads every migration file of a folder. Kysely's FileMigrationProvider would do the
 * same, but its import() runs inside node_modules where TypeScript files cannot be
 * loaded by the test runner; importing here goes through whichever loader runs the app.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.folder)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js|mjs)$/, '')] = module;
    }
    return migrations;
  }
}

/** Runs every pending migration; throws MigrationFailedError naming the failed one. */
export async function migrateToLatest(db: Kysely<any>, folder = migrationsFolder): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider(folder) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    const what = failed ? `Migration ${failed.migrationName} failed` : 'Migrations could not run';
    throw new MigrationFailedError(`${what}: ${reason}`, { cause: error });
  }
  return results;
}
