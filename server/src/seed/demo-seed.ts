/**
 * Demo data for a fresh database: the Staatsliedenbuurt in Alblasserdam with the streets
 * confirmed from public municipal pages, the partner organisations named in the plan, and
 * a demo coordinator, last year's schouw and tegelwip action (closed), and a schouw, a
 * tegelwip campaign and a clean-up action (demo-cleanup.ts), each open with a demo invite
 * and open for sign-up, with demo sign-ups for the first walk and action day and the
 * clean-up's first counts.
 * Their days are dated from today (the counter and the walk open on a current day), so
 * someone who just ran `npm start` can try the field app at once. Runs only when the
 * database holds no neighbourhood yet, so a second start never seeds twice. Anything
 * invented for the demo says so in its own text.
 */
import type { AuthSettings } from '../auth/auth-settings.js';
import { inviteCode, randomToken } from '../auth/tokens.js';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Viewer } from '../auth/viewer.js';
import { createStaffAccount, ensureOrganisation } from '../modules/account/account.service.js';
import { changeCampaignStatus, createCampaign } from '../modules/campaign/campaign.service.js';
import { publishChecklistVersion } from '../modules/checklist/checklist.service.js';
import { allStreets } from '../modules/neighbourhood/neighbourhood.repo.js';
import { createNeighbourhood, isDatabaseEmpty } from '../modules/neighbourhood/neighbourhood.service.js';
import { insertInvite } from '../modules/participant/participant.repo.js';
import { createSpot } from '../modules/spot/spot.service.js';
import type { SpotType } from '../modules/spot/spot.table.js';
import { DEMO_CHECKLIST } from './demo-checklist.js';
import { seedLastYearsSchouw } from './demo-history.js';
import { seedLastYearsTegelwippen } from './demo-history-tegelwippen.js';
import { createDemoCleanup, seedDemoCleanupCounts } from './demo-cleanup.js';
import { seedDemoSignups } from './demo-signups.js';

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
/** The label of the invite the seed makes per demo campaign; the start-up text shows its code. */
export const DEMO_INVITE_LABEL = 'Demo-uitnodiging (demodata)';

/** A calendar date (YYYY-MM-DD) `days` after today on this machine's calendar, as the browser beside it counts days. */
export function localDate(days: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** What only the first start may show: the demo coordinator's generated password. */
export interface DemoCredentials {
  email: string;
  password: string;
}

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
export async function seedDemoData(db: Db, auth: Pick<AuthSettings, 'hasher'>, logger: Logger, now = new Date()): Promise<boolean> {
  return (await seedDemo(db, auth, logger, now)) !== null;
}

/**
 * Seeds the demo data into an empty database and returns the demo coordinator's sign-in
 * (to be shown once, outside the structured log), or null when the database was not empty.
 */
export async function seedDemo(db: Db, auth: Pick<AuthSettings, 'hasher'>, logger: Logger, now = new Date()): Promise<DemoCredentials | null> {
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
    const coordinator: Viewer & { kind: 'staff' } = { kind: 'staff', accountId: coordinatorAccount.id, role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [buurt.id], sessionHash: '' };
    const streetIds = new Map((await allStreets(trx, buurt.id)).map((s) => [s.name, s.id]));
    const spots = [];
    for (const spot of DEMO_SPOTS) {
      spots.push(await createSpot(trx, coordinator, buurt.id, { streetId: streetIds.get(spot.street)!, type: spot.type, name: spot.name, description: spot.description, lat: spot.lat, lon: spot.lon }));
    }
    const checklist = await publishChecklistVersion(trx, coordinator, DEMO_CHECKLIST);
    const year = localDate(0, now).slice(0, 4);
    // Last year's walk, 52 weeks ago (the same weekday), before this year's campaigns.
    const lastYearsWalk = localDate(-364, now);
    await seedLastYearsSchouw(trx, coordinator, { neighbourhoodId: buurt.id, checklist, spots, walkDate: lastYearsWalk, year: lastYearsWalk.slice(0, 4) });
    // Last year's action day, three weeks before last year's walk, for the programme's results.
    const lastYearsActionDay = localDate(-385, now);
    await seedLastYearsTegelwippen(trx, coordinator, { neighbourhoodId: buurt.id, streetIds, actionDay: lastYearsActionDay, year: lastYearsActionDay.slice(0, 4) });
    // A walk today and an action day today, so the walk and the counter open on a current day.
    const schouw = await createCampaign(trx, coordinator, {
      neighbourhoodId: buurt.id,
      kind: 'SCHOUW',
      name: `Buurtschouw ${year} (demo)`,
      days: [
        { date: localDate(0, now), label: 'Schouwwandeling' },
        { date: localDate(7, now), label: 'Tweede schouwwandeling' },
      ],
      checklistVersionId: checklist.id,
      requestId: 'demo-seed',
    });
    const tegelwippen = await createCampaign(trx, coordinator, {
      neighbourhoodId: buurt.id,
      kind: 'TEGELWIPPEN',
      name: `Tegelwippen ${year} (demo)`,
      days: [
        { date: localDate(0, now), label: 'Eerste actiedag' },
        { date: localDate(14, now), label: 'Tweede actiedag' },
      ],
      targetAreaM2: 500,
      publicProgress: true,
      requestId: 'demo-seed',
    });
    const opruimen = await createDemoCleanup(trx, coordinator, { neighbourhoodId: buurt.id, streetIds, year, dateIn: (days) => localDate(days, now) });
    for (const campaign of [schouw, tegelwippen, opruimen]) {
      await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'OPEN', requestId: 'demo-seed' });
      await insertInvite(trx, {
        id: uuidv7(),
        campaign_id: campaign.id,
        code: inviteCode(),
        label: DEMO_INVITE_LABEL,
        created_by: coordinatorAccount.id,
        created_at: now.toISOString(),
        expires_at: null,
        max_uses: null,
        use_count: 0,
        revoked_at: null,
      });
    }
    await seedDemoSignups(trx, coordinator, { schouw, tegelwippen, streetIds }, now);
    await seedDemoCleanupCounts(trx, coordinator, opruimen, streetIds, now);
    return true;
  });
  if (!seeded) return null;
  logger.info({ neighbourhood: 'staatsliedenbuurt', streets: STAATSLIEDENBUURT_STREETS.length }, 'demo data seeded');
  // The password goes to the start-up text (main.ts), never into the structured log.
  return { email: DEMO_COORDINATOR_EMAIL, password };
}
