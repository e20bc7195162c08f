/**
 * This year's clean-up action (opruimactie) for the demo, beside the schouw and the
 * tegelwip action: three days from today, each for one or two streets ("iedere dag een
 * andere straat"), counting bags of litter and garden waste, bulky items for HVC and
 * gardens helped, each with a target, and its public progress page on. The first day
 * (today) already has some counts, recorded through the ledger service as the app records
 * them, with one typing mistake taken back, so the dashboard, the public page and the HVC
 * pickup list have something to show. Every house number is invented; the streets are the
 * neighbourhood's.
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../auth/viewer.js';
import type { DbOrTrx } from '../db/database.js';
import { createCampaign, daysOfCampaigns, type Campaign } from '../modules/campaign/campaign.service.js';
import { setCampaignDayStreets } from '../modules/campaign/campaign-units.service.js';
import { setDayCapacity } from '../modules/signup/signup-planning.repo.js';
import { setSignupOpen } from '../modules/signup/signup-planning.service.js';
import { correctTallyEvent, recordTallyEvent } from '../modules/tally/tally.service.js';

/** The days, from today, and the streets each is for. */
const DAYS: { inDays: number; label: string; streets: string[] }[] = [
  { inDays: 0, label: 'Eerste opruimdag', streets: ['Troelstrastraat', 'Johan de Wittstraat'] },
  { inDays: 7, label: 'Tweede opruimdag', streets: ['Van Hoogendorpweg'] },
  { inDays: 14, label: 'Derde opruimdag', streets: ['Groen van Prinstererstraat', 'Van Oldenbarneveldstraat'] },
];

const UNITS: { code: UnitCode; target: number }[] = [
  { code: 'ZAK_ZWERFVUIL', target: 60 },
  { code: 'ZAK_TUINAFVAL', target: 80 },
  { code: 'GROFVUIL', target: 40 },
  { code: 'TUIN_GEHOLPEN', target: 25 },
];

/** What was counted on the first day so far, in order. */
const ENTRIES: { street: string; houseNumber: string | null; unitCode: UnitCode; count: number }[] = [
  { street: 'Troelstrastraat', houseNumber: null, unitCode: 'ZAK_ZWERFVUIL', count: 4 },
  { street: 'Troelstrastraat', houseNumber: '8', unitCode: 'ZAK_TUINAFVAL', count: 3 },
  { street: 'Troelstrastraat', houseNumber: '8', unitCode: 'GROFVUIL', count: 2 },
  { street: 'Troelstrastraat', houseNumber: '8', unitCode: 'TUIN_GEHOLPEN', count: 1 },
  { street: 'Johan de Wittstraat', houseNumber: '14', unitCode: 'ZAK_TUINAFVAL', count: 2 },
  { street: 'Johan de Wittstraat', houseNumber: '14', unitCode: 'GROFVUIL', count: 1 },
  { street: 'Johan de Wittstraat', houseNumber: '14', unitCode: 'TUIN_GEHOLPEN', count: 1 },
  { street: 'Johan de Wittstraat', houseNumber: null, unitCode: 'ZAK_ZWERFVUIL', count: 2 },
];

/** The clean-up action as a draft with its units and its days' streets; the seed opens it with the others. */
export async function createDemoCleanup(
  trx: DbOrTrx,
  coordinator: Viewer & { kind: 'staff' },
  at: { neighbourhoodId: string; streetIds: Map<string, string>; year: string; dateIn: (days: number) => string },
): Promise<Campaign> {
  const campaign = await createCampaign(trx, coordinator, {
    neighbourhoodId: at.neighbourhoodId,
    kind: 'OPRUIMEN',
    name: `Opruimactie ${at.year} (demo)`,
    days: DAYS.map((d) => ({ date: at.dateIn(d.inDays), label: d.label })),
    units: UNITS,
    publicProgress: true,
    requestId: 'demo-seed',
  });
  const days = await daysOfCampaigns(trx, [campaign.id]);
  for (const [index, day] of days.entries()) {
    await setCampaignDayStreets(trx, coordinator, { dayId: day.id, streetIds: DAYS[index]!.streets.map((name) => at.streetIds.get(name)!), requestId: 'demo-seed' });
  }
  return campaign;
}

/** Once it is open: sign-up with places per day, and the first day's counts so far. */
export async function seedDemoCleanupCounts(trx: DbOrTrx, coordinator: Viewer & { kind: 'staff' }, campaign: Campaign, streetIds: Map<string, string>, now: Date): Promise<void> {
  await setSignupOpen(trx, coordinator, { campaignId: campaign.id, open: true, requestId: 'demo-seed' }, now);
  const days = await daysOfCampaigns(trx, [campaign.id]);
  for (const day of days) await setDayCapacity(trx, day.id, 15);
  // Entered a few minutes apart during the last hour.
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const record = (entry: (typeof ENTRIES)[number], minutes: number) =>
    recordTallyEvent(
      trx,
      coordinator,
      { id: uuidv7(), campaignId: campaign.id, actionDayId: days[0]!.id, streetId: streetIds.get(entry.street)!, houseNumber: entry.houseNumber, unitCode: entry.unitCode, count: entry.count },
      minutesAgo(minutes),
    );
  for (const [i, entry] of ENTRIES.entries()) await record(entry, 60 - i * 6);
  // Three bulky items typed at number 31 where there was one: two taken back.
  const mistake = await record({ street: 'Johan de Wittstraat', houseNumber: '31', unitCode: 'GROFVUIL', count: 3 }, 10);
  await correctTallyEvent(trx, coordinator, { id: uuidv7(), correctsEventId: mistake.id, count: 2 }, minutesAgo(8));
}
