/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or DATABASE_PATH and reports them. */
import { loadConfig } from '../config.js';
import { describeTarget, openConnection } from './connect.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
const { db } = openConnection(config, { reader: false });
const where = describeTarget(config);
try {
  const results = await migrateToLatest(db);
  for (const r of results) console.log(`${r.status}: ${r.migrationName}`);
  console.log(results.length ? `Applied ${results.length} migration(s) to ${where}` : `${where} is up to date`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
