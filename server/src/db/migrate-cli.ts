/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH and reports them. */
import { loadConfig } from '../config.js';
import { openDatabase } from './connect.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
const { db } = openDatabase(config.databasePath);
try {
  const results = await migrateToLatest(db);
  for (const r of results) console.log(`${r.status}: ${r.migrationName}`);
  console.log(results.length ? `Applied ${results.length} migration(s) to ${config.databasePath}` : `${config.databasePath} is up to date`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
