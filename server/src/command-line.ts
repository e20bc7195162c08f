/**
 * What the operator commands `npm run backup`, `npm run restore` and `npm run
 * db:copy-to-postgres` (backup-cli.ts, restore-cli.ts, db/copy-to-postgres-cli.ts) share:
 * reading their arguments and the configuration, and stopping with one clear line. Exit codes: 0 done (also for --help), 1 failed, 2 wrong arguments.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.js';

export function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

/** The arguments; prints `usage` and exits for --help (0) or arguments it does not know (2). */
export function readArgs(usage: string, options: ParseArgsOptionsConfig = {}): { values: Record<string, unknown>; positionals: string[] } {
  let args: { values: Record<string, unknown>; positionals: string[] };
  try {
    args = parseArgs({ allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
  if (args.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return args;
}

/**
 * Backups and restores copy the SQLite file and the photo folder. On PostgreSQL or with
 * photos in a bucket, those have backups of their own (docs/operations.md, "Several
 * instances"), and a copy made here would hold only part of the data.
 */
export function refuseUnlessFileAndFolder(config: Config, command: string): void {
  if (config.databaseUrl) fail(`${command} copies the SQLite file; with DATABASE_URL, back up PostgreSQL with pg_dump or the managed service's backups (docs/operations.md, "Several instances").`, 2);
  if (config.s3) fail(`${command} copies the photo folder; with S3_BUCKET, keep the photos with the bucket's versioning or replication (docs/operations.md, "Several instances").`, 2);
}

/** The configuration from the environment; a setting that is wrong ends the command with its message. */
export function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
}
