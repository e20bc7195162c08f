/**
 * `npm run restore -- <backup folder> [--force]`: puts a backup back as DATABASE_PATH and
 * MEDIA_DIR. Checks every file of the backup first; refuses while the database is in use
 * (stop the server first) and, without --force, when there is a database or photo folder
 * already. Replaced ones are kept beside the new ones (see modules/backup/restore.service.ts).
 */
import path from 'node:path';
import { fail, readArgs, readConfig, refuseUnlessFileAndFolder } from './command-line.js';
import { restoreBackup } from './modules/backup/restore.service.js';

const USAGE = 'Usage: npm run restore -- <backup folder> [--force]';

const args = readArgs(USAGE, { force: { type: 'boolean' } });
if (args.positionals.length !== 1) fail(USAGE, 2);
const config = readConfig();
refuseUnlessFileAndFolder(config, 'npm run restore');

try {
  const backup = path.resolve(args.positionals[0]!);
  const restored = await restoreBackup(backup, config, { force: args.values.force === true });
  console.log(`Restored ${backup} (made ${restored.manifest.startedAt}, app version ${restored.manifest.appVersion}): every file matched its checksum.`);
  console.log(`Database: ${config.databasePath}. Photos: ${config.mediaDir}.`);
  if (restored.previousDatabase) console.log(`The replaced database is kept at ${restored.previousDatabase}.`);
  if (restored.previousMedia) console.log(`The replaced photos are kept at ${restored.previousMedia}.`);
  if (restored.previousDatabase || restored.previousMedia) console.log('Remove them once the restored server works as it should.');
  console.log('Start the server (npm start); it applies any newer migrations. Phones that synced after the backup send their work again by themselves.');
  console.warn(`Warning: personal data that people erased after ${restored.manifest.startedAt} (their own data, consent, mail) is back and must be erased again; retention erases closed activities again by itself. See docs/operations.md, "Restoring a backup".`);
} catch (error) {
  fail(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
}
