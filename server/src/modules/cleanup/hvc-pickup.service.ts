/**
 * The pickup list for HVC per clean-up day: where the things HVC takes away (PICKUP_UNITS:
 * bulky items) were put out, per address (street, and house number when the counter gave
 * one), with what is left after corrections, read from the ledger. Addresses match as
 * gardens do ("12 A" and "12a" are one, garden-address.ts). House numbers are personal
 * data: only the campaign's coordinators (and admins) may have the list, reading it is
 * audited, and a campaign or day that is not theirs looks like one that does not exist.
 * After retention the ledger keeps no house numbers: the list then has a row per street.
 */
import { PICKUP_UNITS, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { managesNeighbourhood, type Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDay } from '../campaign/campaign.repo.js';
import { loadCampaign, toCampaignDay, type Campaign, type CampaignDay } from '../campaign/campaign.service.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import { houseNumberKey } from '../tally/garden-address.js';
import * as repo from './hvc-pickup.repo.js';

export interface HvcPickupItem {
  unit: UnitCode;
  quantity: number;
}

export interface HvcPickupRow {
  streetId: string;
  streetName: string;
  /** As first typed at this address; null for things counted in the street without one (and after retention). */
  houseNumber: string | null;
  /** Per pickup unit with something left, in the order of PICKUP_UNITS. */
  items: HvcPickupItem[];
}

export interface HvcPickupList {
  campaign: Campaign;
  day: CampaignDay;
  /** By street name, then house number (rows without one last in their street); only rows with something to pick up. */
  rows: HvcPickupRow[];
}

/** The day of a clean-up action the viewer manages; NOT_FOUND for anything else, whether it exists or not. */
async function managedCleanupDay(db: DbOrTrx, viewer: Viewer, campaignId: string, dayId: string): Promise<{ campaign: Campaign; day: CampaignDay }> {
  const [day, campaign] = await Promise.all([findDay(db, dayId), loadCampaign(db, campaignId)]);
  if (!day || !campaign || day.campaign_id !== campaign.id || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Deze dag');
  if (campaign.kind !== 'OPRUIMEN') throw badInput('Een ophaallijst voor HVC hoort bij een opruimactie.');
  return { campaign, day: toCampaignDay(day) };
}

export async function hvcPickupList(db: DbOrTrx, viewer: Viewer, campaignId: string, dayId: string): Promise<HvcPickupList> {
  const { campaign, day } = await managedCleanupDay(db, viewer, campaignId, dayId);
  const sums = await repo.pickupSums(db, campaign.id, day.id, PICKUP_UNITS);
  const addresses = new Map<string, { streetId: string; houseNumber: string | null; firstSeen: string; quantities: Map<UnitCode, number> }>();
  for (const sum of sums) {
    const number = sum.house_number === null ? '' : houseNumberKey(sum.house_number);
    const key = `${sum.street_id}|${number}`;
    let address = addresses.get(key);
    if (!address) addresses.set(key, (address = { streetId: sum.street_id, houseNumber: number ? sum.house_number : null, firstSeen: sum.first_seen, quantities: new Map() }));
    else if (number && sum.first_seen < address.firstSeen) Object.assign(address, { houseNumber: sum.house_number, firstSeen: sum.first_seen });
    address.quantities.set(sum.unit_code, (address.quantities.get(sum.unit_code) ?? 0) + sum.quantity);
  }
  const streets = new Map((await streetsByIds(db, [...new Set(sums.map((s) => s.street_id))])).map((s) => [s.id, s.name]));
  const rows = [...addresses.values()].flatMap((a): HvcPickupRow[] => {
    const items = PICKUP_UNITS.flatMap((unit) => ((a.quantities.get(unit) ?? 0) > 0 ? [{ unit, quantity: a.quantities.get(unit)! }] : []));
    return items.length > 0 ? [{ streetId: a.streetId, streetName: streets.get(a.streetId) ?? '', houseNumber: a.houseNumber, items }] : [];
  });
  rows.sort(
    (a, b) =>
      a.streetName.localeCompare(b.streetName, 'nl') ||
      a.streetId.localeCompare(b.streetId) ||
      (a.houseNumber === null ? 1 : 0) - (b.houseNumber === null ? 1 : 0) ||
      (a.houseNumber ?? '').localeCompare(b.houseNumber ?? '', 'nl', { numeric: true }),
  );
  return { campaign, day, rows };
}

/** Reading house numbers from the ledger is recorded, as reading sign-ups' addresses is. `db` is the write connection. */
export async function recordHvcAddressesViewed(db: Db, viewer: Viewer, dayId: string, requestId: string): Promise<void> {
  await recordAudit(db, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'tally.addresses_viewed', subjectType: 'campaign_day', subjectId: dayId, detail: { list: 'hvc' }, requestId });
}
