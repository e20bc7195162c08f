/**
 * `npm run db:copy-to-postgres -- <SQLite file>`: copies a programme's SQLite file into the
 * empty PostgreSQL database of DATABASE_URL (copy-to-postgres.ts), for a move to several
 * instances. Stop the server first; start it again with DATABASE_URL afterwards. Photos
 * stay where MEDIA_DIR (or the bucket) keeps them.
 */
import path from 'node:path';
import { fail, readArgs, readConfig } from '../command-line.js';
import { checkReachable, describeTarget, openConnection } from './connect.js';
import { copySqliteToPostgres } from './copy-to-postgres.js';

const USAGE = 'Usage: DATABASE_URL=postgres://… npm run db:copy-to-postgres -- <SQLite file>';

const args = readArgs(USAGE);
if (args.positionals.length !== 1) fail(USAGE, 2);
const config = readConfig();
if (!config.databaseUrl) fail(`Set DATABASE_URL to the new, empty PostgreSQL database to copy into.\n${USAGE}`, 2);
const source = path.resolve(args.positionals[0]!);
const connection = openConnection(config, { reader: false });
try {
  await checkReachable(connection, config);
  let total = 0;
  const copied = await copySqliteToPostgres(source, connection.db, ({ table, rows }) => {
    total += rows;
    if (rows > 0) console.log(`${table}: ${rows} row(s)`);
  });
  console.log(`Copied ${total} row(s) in ${copied.length} tables from ${source} to ${describeTarget(config)}.`);
  console.log('Start the server with this DATABASE_URL (and without DATABASE_PATH). Keep the SQLite file until it runs as it should.');
} catch (error) {
  process.exitCode = 1;
  console.error(`Copy failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await connection.db.destroy();
}
