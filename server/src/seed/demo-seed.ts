/**
 * Demo data for a fresh database: the Staatsliedenbuurt in Alblasserdam with the streets
 * confirmed from public municipal pages. Runs only when the database holds no
 * neighbourhood yet, so a second start never seeds twice. Later features extend it;
 * anything invented for the demo must say so in its own text.
 */
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createNeighbourhood, isDatabaseEmpty } from '../modules/neighbourhood/neighbourhood.service.js';

export const STAATSLIEDENBUURT_STREETS = [
  'Groen van Prinstererstraat',
  'Johan de Wittstraat',
  'Troelstrastraat',
  'Van Hoogendorpweg',
  'Van Oldenbarneveldstraat',
] as const;

/** Seeds the demo neighbourhood into an empty database; returns whether it did. */
export async function seedDemoData(db: Db, logger: Logger): Promise<boolean> {
  const seeded = await db.transaction().execute(async (trx) => {
    // Checked inside the write transaction so two processes starting at once cannot both seed.
    if (!(await isDatabaseEmpty(trx))) return false;
    await createNeighbourhood(trx, {
      slug: 'staatsliedenbuurt',
      name: 'Staatsliedenbuurt',
      municipality: 'Alblasserdam',
      streets: STAATSLIEDENBUURT_STREETS.map((name) => ({ name })),
    });
    return true;
  });
  if (seeded) logger.info({ neighbourhood: 'staatsliedenbuurt', streets: STAATSLIEDENBUURT_STREETS.length }, 'demo data seeded');
  return seeded;
}
