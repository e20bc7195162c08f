/**
 * `npm run backup [-- <folder>]`: makes one backup of DATABASE_PATH and MEDIA_DIR into the
 * folder, or into BACKUP_DIR. Safe while the server runs (see modules/backup/backup.service.ts).
 * It removes no older backups: the server's schedule keeps BACKUP_KEEP of them.
 */
import { fail, readArgs, readConfig, refuseUnlessFileAndFolder } from './command-line.js';
import { createBackup } from './modules/backup/backup.service.js';

const USAGE = 'Usage: npm run backup [-- <folder>]   (without a folder: into BACKUP_DIR)';

const args = readArgs(USAGE);
if (args.positionals.length > 1) fail(USAGE, 2);
const config = readConfig();
refuseUnlessFileAndFolder(config, 'npm run backup');
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
