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
import type { Viewer } from '../auth/viewer.js';
import { createStaffAccount, ensureOrganisation } from '../modules/account/account.service.js';
import { changeCampaignStatus, createCampaign } from '../modules/campaign/campaign.service.js';
import { publishChecklistVersion } from '../modules/checklist/checklist.service.js';
import { allStreets } from '../modules/neighbourhood/neighbourhood.repo.js';
import { createNeighbourhood, isDatabaseEmpty } from '../modules/neighbourhood/neighbourhood.service.js';
import { createSpot } from '../modules/spot/spot.service.js';
import type { SpotType } from '../modules/spot/spot.table.js';
import { DEMO_CHECKLIST } from './demo-checklist.js';

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

/**
 * One spot of every type. The Boerenpad playground is real; its street here is a guess,
 * and every other spot is invented for the demo, as its name says. The positions are
 * invented too (a few hundred metres around the middle of Alblasserdam), only so the
 * console's map has something to show.
 */
const DEMO_SPOTS: { street: (typeof STAATSLIEDENBUURT_STREETS)[number]; type: SpotType; name: string; description: string; lat: number; lon: number }[] = [
  { street: 'Van Hoogendorpweg', type: 'SPEELPLEK', name: 'Speeltuin Boerenpad', description: 'Speelplek aan het Boerenpad (straat bij benadering, demodata).', lat: 51.8631, lon: 4.6552 },
  { street: 'Troelstrastraat', type: 'PLANTSOEN', name: 'Plantsoen Troelstrastraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.864, lon: 4.6571 },
  { street: 'Johan de Wittstraat', type: 'BLOEMBAK', name: 'Bloembakken Johan de Wittstraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8622, lon: 4.658 },
  { street: 'Groen van Prinstererstraat', type: 'BOOM', name: 'Bomenrij Groen van Prinstererstraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8615, lon: 4.656 },
  { street: 'Van Oldenbarneveldstraat', type: 'PARK', name: 'Buurtparkje (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8648, lon: 4.6545 },
  { street: 'Van Hoogendorpweg', type: 'WANDELPAD', name: 'Wandelpad langs de Van Hoogendorpweg (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8627, lon: 4.653 },
  { street: 'Troelstrastraat', type: 'ONTMOETINGSPLEK', name: 'Bankje bij de Troelstrastraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8637, lon: 4.659 },
  { street: 'Johan de Wittstraat', type: 'NESTKAST', name: 'Nestkasten Johan de Wittstraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8618, lon: 4.6598 },
  { street: 'Groen van Prinstererstraat', type: 'REGENTON_WADI', name: 'Wadi Groen van Prinstererstraat (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8609, lon: 4.6575 },
  { street: 'Van Oldenbarneveldstraat', type: 'HANGPLEK', name: 'Hangplek bij het trapveldje (demo)', description: 'Voorbeeldplek voor de demo.', lat: 51.8652, lon: 4.6566 },
];

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
    const coordinatorAccount = await createStaffAccount(trx, {
      email: DEMO_COORDINATOR_EMAIL,
      displayName: 'Demo-coördinator (demodata)',
      role: 'COORDINATOR',
      passwordHash,
      neighbourhoodIds: [buurt.id],
    });
    const coordinator: Viewer = { kind: 'staff', accountId: coordinatorAccount.id, role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [buurt.id], sessionHash: '' };
    const streetIds = new Map((await allStreets(trx, buurt.id)).map((s) => [s.name, s.id]));
    for (const spot of DEMO_SPOTS) {
      await createSpot(trx, coordinator, buurt.id, { streetId: streetIds.get(spot.street)!, type: spot.type, name: spot.name, description: spot.description, lat: spot.lat, lon: spot.lon });
    }
    const checklist = await publishChecklistVersion(trx, coordinator, DEMO_CHECKLIST);
    const year = new Date().getUTCFullYear() + 1;
    const schouw = await createCampaign(trx, coordinator, {
      neighbourhoodId: buurt.id,
      kind: 'SCHOUW',
      name: `Buurtschouw ${year} (demo)`,
      days: [{ date: `${year}-05-16`, label: 'Schouwochtend' }],
      checklistVersionId: checklist.id,
      requestId: 'demo-seed',
    });
    const tegelwippen = await createCampaign(trx, coordinator, {
      neighbourhoodId: buurt.id,
      kind: 'TEGELWIPPEN',
      name: `Tegelwippen voorjaar ${year} (demo)`,
      days: [
        { date: `${year}-03-21`, label: 'Eerste actiedag' },
        { date: `${year}-04-18`, label: 'Tweede actiedag' },
      ],
      targetAreaM2: 500,
      publicProgress: true,
      requestId: 'demo-seed',
    });
    for (const campaign of [schouw, tegelwippen]) {
      await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'OPEN', requestId: 'demo-seed' });
    }
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
