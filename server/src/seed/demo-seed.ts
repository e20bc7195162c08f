/**
 * Demo data for a fresh database: the Staatsliedenbuurt in Alblasserdam with the streets
 * confirmed from public municipal pages, the partner organisations named in the plan, and
 * a demo coordinator. Runs only when the database holds no neighbourhood yet, so a second
 * start never seeds twice. Anything invented for the demo says so in its own text.
 */
import type { AuthSettings } from '../auth/auth-settings.js';
import { randomToken } from '../auth/tokens.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createStaffAccount, ensureOrganisation } from '../modules/account/account.service.js';
import { createNeighbourhood, isDatabaseEmpty } from '../modules/neighbourhood/neighbourhood.service.js';

export const STAATSLIEDENBUURT_STREETS = [
  'Groen van Prinstererstraat',
  'Johan de Wittstraat',
  'Troelstrastraat',
  'Van Hoogendorpweg',
  'Van Oldenbarneveldstraat',
] as const;

/** The partners the plan routes findings to; organisations are data, not an enum. */
export const PARTNER_ORGANISATIONS = [
  'Gemeente Alblasserdam – Ruimtelijke Ontwikkeling',
  'Gemeente Alblasserdam – Beheer & Onderhoud',
  'Woonkracht10',
  'Stichting Welzijn Alblasserdam',
  'Politie',
  'HVC',
] as const;

export const DEMO_COORDINATOR_EMAIL = 'coordinator@demo.buurtkracht.example';

/** Seeds the demo data into an empty database; returns whether it did. */
export async function seedDemoData(db: Db, auth: Pick<AuthSettings, 'hasher'>, logger: Logger): Promise<boolean> {
  // Never a fixed default password: a new one per database, shown once below.
  const password = randomToken(15);
  const passwordHash = await auth.hasher.hash(password);
  const seeded = await db.transaction().execute(async (trx) => {
    // Checked inside the write transaction so two processes starting at once cannot both seed.
    if (!(await isDatabaseEmpty(trx))) return false;
    const buurt = await createNeighbourhood(trx, {
      slug: 'staatsliedenbuurt',
      name: 'Staatsliedenbuurt',
      municipality: 'Alblasserdam',
      streets: STAATSLIEDENBUURT_STREETS.map((name) => ({ name })),
    });
    for (const name of PARTNER_ORGANISATIONS) await ensureOrganisation(trx, name);
    await createStaffAccount(trx, {
      email: DEMO_COORDINATOR_EMAIL,
      displayName: 'Demo-coördinator (demodata)',
      role: 'COORDINATOR',
      passwordHash,
      neighbourhoodIds: [buurt.id],
    });
    return true;
  });
  if (seeded) {
    logger.info({ neighbourhood: 'staatsliedenbuurt', streets: STAATSLIEDENBUURT_STREETS.length }, 'demo data seeded');
    // Printed once, outside the structured log, so it does not end up in log storage.
    process.stdout.write(
      `\nDemo coordinator (shown only now): ${DEMO_COORDINATOR_EMAIL} / ${password}\n` +
        'Create an admin with: npm run admin:create -- --email you@example.org\n\n',
    );
  }
  return seeded;
}
