/**
 * `npm run admin:create -- --email you@example.org [--name "Naam"] [--password-stdin]`:
 * creates an admin account on DATABASE_PATH. Without --password-stdin a strong password
 * is generated and printed once.
 */
import { parseArgs } from 'node:util';
import { createAuthSettings } from './auth/auth-settings.js';
import { randomToken } from './auth/tokens.js';
import { loadConfig } from './config.js';
import { describeTarget, openConnection } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { checkNewPassword, createStaffAccount, normaliseEmail } from './modules/account/account.service.js';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
});
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
  console.error('Usage: npm run admin:create -- --email you@example.org [--name "Naam"] [--password-stdin]');
  process.exit(2);
}

const config = loadConfig();
const { db } = openConnection(config, { reader: false });
try {
  await migrateToLatest(db);
  const email = normaliseEmail(values.email);
  const generated = !values['password-stdin'];
  const password = generated ? randomToken(15) : await readStdin();
  checkNewPassword(password, email);
  const passwordHash = await createAuthSettings(config).hasher.hash(password);
  const account = await db.transaction().execute((trx) =>
    createStaffAccount(trx, { email, displayName: values.name ?? email, role: 'ADMIN', passwordHash }),
  );
  console.log(`Admin ${account.email} created in ${describeTarget(config)}.`);
  if (generated) console.log(`Password (shown only now; change it after signing in): ${password}`);
} catch (error) {
  console.error(`Could not create the admin: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
