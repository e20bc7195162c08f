/**
 * Last year's tegelwip action for the demo, beside last year's schouw (demo-history.ts):
 * one action day, a handful of invented gardens that signed up and were counted, some tiles
 * from the public space and one typing mistake taken back, then closed. It gives the
 * programme's results (/beheer/resultaten) a year to compare this year's action with. The
 * retention run at start-up erases its house numbers as for any campaign closed that long
 * ago; the counts stay. Deterministic: the same entries every time.
 */
import { v7 as uuidv7 } from 'uuid';
import { hashSecret, randomToken } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import type { DbOrTrx } from '../db/database.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns } from '../modules/campaign/campaign.service.js';
import { blankSignupRow, insertSignup } from '../modules/signup/signup.repo.js';
import { correctTallyEvent, recordTallyEvent, type RecordTallyInput } from '../modules/tally/tally.service.js';

type Entry = Pick<RecordTallyInput, 'unitCode' | 'count' | 'origin'> & { street: string; houseNumber: string | null };

/** What was counted that day, in order; street names are the neighbourhood's. */
const ENTRIES: Entry[] = [
  { street: 'Troelstrastraat', houseNumber: '8', unitCode: 'TEGEL_30X30', count: 96, origin: 'GARDEN' },
  { street: 'Troelstrastraat', houseNumber: '15', unitCode: 'TEGEL_30X30', count: 120, origin: 'GARDEN' },
  { street: 'Johan de Wittstraat', houseNumber: '22', unitCode: 'TEGEL_50X50', count: 48, origin: 'GARDEN' },
  { street: 'Van Hoogendorpweg', houseNumber: '57', unitCode: 'TEGEL_60X60', count: 40, origin: 'GARDEN' },
  { street: 'Groen van Prinstererstraat', houseNumber: '3', unitCode: 'TEGEL_30X30', count: 150, origin: null },
  { street: 'Van Oldenbarneveldstraat', houseNumber: null, unitCode: 'TEGEL_30X30', count: 220, origin: 'PUBLIC' },
  { street: 'Van Oldenbarneveldstraat', houseNumber: '41', unitCode: 'KLINKER_20X10', count: 350, origin: 'GARDEN' },
];

/** The gardens that signed up beforehand (one more than were counted: it rained for them). */
const SIGNUPS: { street: string; houseNumber: string; name: string }[] = [
  { street: 'Troelstrastraat', houseNumber: '8', name: 'Ria (demo)' },
  { street: 'Troelstrastraat', houseNumber: '15', name: 'Jeroen (demo)' },
  { street: 'Johan de Wittstraat', houseNumber: '22', name: 'Samira (demo)' },
  { street: 'Van Hoogendorpweg', houseNumber: '57', name: 'Wim (demo)' },
  { street: 'Van Oldenbarneveldstraat', houseNumber: '41', name: 'Nadia (demo)' },
  { street: 'Van Oldenbarneveldstraat', houseNumber: '60', name: 'Gert (demo)' },
];

export async function seedLastYearsTegelwippen(
  trx: DbOrTrx,
  coordinator: Viewer & { kind: 'staff' },
  at: { neighbourhoodId: string; streetIds: Map<string, string>; actionDay: string; year: string },
): Promise<void> {
  const dayStart = new Date(`${at.actionDay}T09:00:00Z`);
  const daysBefore = (days: number) => new Date(dayStart.getTime() - days * 86_400_000);
  const campaign = await createCampaign(
    trx,
    coordinator,
    { neighbourhoodId: at.neighbourhoodId, kind: 'TEGELWIPPEN', name: `Tegelwippen ${at.year} (demo)`, days: [{ date: at.actionDay, label: 'Actiedag' }], targetAreaM2: 100, requestId: 'demo-seed' },
    daysBefore(45),
  );
  await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'OPEN', requestId: 'demo-seed' }, daysBefore(30));
  for (const [i, s] of SIGNUPS.entries()) {
    const signedUp = daysBefore(20 - i).toISOString();
    await insertSignup(trx, blankSignupRow(signedUp, { campaign_id: campaign.id, token_hash: hashSecret(randomToken(32)), display_name: s.name, street_id: at.streetIds.get(s.street)!, house_number: s.houseNumber }));
  }
  const [day] = await daysOfCampaigns(trx, [campaign.id]);
  let minute = 0;
  const record = (entry: Entry) =>
    recordTallyEvent(
      trx,
      coordinator,
      { id: uuidv7(), campaignId: campaign.id, actionDayId: day!.id, streetId: at.streetIds.get(entry.street)!, houseNumber: entry.houseNumber, unitCode: entry.unitCode, count: entry.count, origin: entry.origin },
      new Date(dayStart.getTime() + ++minute * 9 * 60_000),
    );
  for (const entry of ENTRIES) await record(entry);
  // 60 tiles typed as 600 at number 3: the 540 too many were taken back the same day.
  const mistake = await record({ street: 'Groen van Prinstererstraat', houseNumber: '3', unitCode: 'TEGEL_30X30', count: 600, origin: null });
  await correctTallyEvent(trx, coordinator, { id: uuidv7(), correctsEventId: mistake.id, count: 540 }, new Date(dayStart.getTime() + ++minute * 9 * 60_000));
  await changeCampaignStatus(trx, coordinator, { campaignId: campaign.id, status: 'CLOSED', requestId: 'demo-seed' }, new Date(dayStart.getTime() + 14 * 86_400_000));
}
