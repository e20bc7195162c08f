/**
 * `npm run backup [-- <folder>]`: makes one backup of DATABASE_PATH and MEDIA_DIR into the
 * folder, or into BACKUP_DIR. Safe while the server runs (see modules/backup/backup.service.ts).
 * It removes no older backups: the server's schedule keeps BACKUP_KEEP of them.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { createBackup } from './modules/backup/backup.service.js';

const USAGE = 'Usage: npm run backup [-- <folder>]   (without a folder: into BACKUP_DIR)';

function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

const args = readArgs();
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length > 1) fail(USAGE, 2);

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : String(error));
  }
}

const config = readConfig();
const folder = args.positionals[0] ?? config.backup?.dir;
if (!folder) fail(`Where to? Set BACKUP_DIR or name a folder.\n${USAGE}`, 2);

try {
  const made = await createBackup(config, folder);
  const megabytes = (made.bytes / 1024 / 1024).toFixed(1);
  console.log(`Backup written to ${made.path}: the database and ${made.manifest.files.length - 1} photo file(s), ${megabytes} MB.`);
  console.log(`It holds everything saved before ${made.manifest.startedAt}. Restore it with: npm run restore -- ${made.path}`);
  if (made.manifest.missingPhotos.length > 0) {
    console.warn(`Warning: ${made.manifest.missingPhotos.length} photo(s) the database names were missing from ${config.mediaDir}; they are listed in manifest.json.`);
  }
} catch (error) {
  fail(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
}
