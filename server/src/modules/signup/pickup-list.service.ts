/**
 * The pickup list (ophaallijst) for the groenbedrijf: per action day, the confirmed
 * tegelwip sign-ups with an address, by street and house number, with the estimate, the
 * area counted at that address on that day once counting started there (addresses match
 * as gardens do, garden-address.ts), and whether the tiles should be picked up. As a
 * page (GraphQL) and as CSV for Dutch Excel.
 */
import { CM2_PER_M2, NK_TILES_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDay } from '../campaign/campaign.repo.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import { managesNeighbourhood } from '../../auth/viewer.js';
import { streetsByIds, type Street } from '../neighbourhood/neighbourhood.service.js';
import { Fixed, toCsv } from '../export/csv.js';
import { houseNumberKey } from '../tally/garden-address.js';
import { countedAreaOnDay } from './signup-planning.repo.js';
import * as repo from './signup.repo.js';

export interface PickupRow {
  street: Street;
  houseNumber: string;
  estimatedM2: number | null;
  countedM2: number | null;
  wantsPickup: boolean;
}

async function managedDay(db: DbOrTrx, viewer: Viewer, dayId: string) {
  const day = await findDay(db, dayId);
  const campaign = day && (await loadCampaign(db, day.campaign_id));
  if (!day || !campaign || !managesNeighbourhood(viewer, campaign.neighbourhoodId)) throw notFound('Deze dag');
  return { day, campaign };
}

/** An estimate in tiles is shown in m² by the NK convention. */
const estimateOf = (areaCm2: number | null, tiles: number | null) =>
  areaCm2 !== null ? areaCm2 / CM2_PER_M2 : tiles !== null ? Math.round((tiles / NK_TILES_PER_M2) * 100) / 100 : null;

export async function pickupList(db: DbOrTrx, viewer: Viewer, dayId: string): Promise<PickupRow[]> {
  const { day } = await managedDay(db, viewer, dayId);
  const confirmed = await repo.signupDaysOfDay(db, day.id, 'CONFIRMED');
  const signups = (await repo.findSignupsByIds(db, confirmed.map((c) => c.signup_id))).filter((s) => s.street_id && s.house_number);
  const [streets, counted] = await Promise.all([streetsByIds(db, [...new Set(signups.map((s) => s.street_id!))]), countedAreaOnDay(db, day.id)]);
  const countedAt = new Map<string, number>();
  for (const c of counted) {
    const key = `${c.street_id}|${houseNumberKey(c.house_number)}`;
    countedAt.set(key, (countedAt.get(key) ?? 0) + c.area_cm2);
  }
  const streetOf = new Map(streets.map((s) => [s.id, s]));
  return signups
    .map((s) => {
      const area = countedAt.get(`${s.street_id}|${houseNumberKey(s.house_number!)}`);
      return {
        street: streetOf.get(s.street_id!)!,
        houseNumber: s.house_number!,
        estimatedM2: estimateOf(s.estimate_area_cm2, s.estimate_tiles),
        countedM2: area === undefined ? null : area / CM2_PER_M2,
        wantsPickup: s.wants_pickup === 1,
      };
    })
    .sort((a, b) => a.street.name.localeCompare(b.street.name, 'nl') || a.houseNumber.localeCompare(b.houseNumber, 'nl', { numeric: true }));
}

/** The pickup list as CSV for Dutch Excel (`;`, decimal commas, BOM, formulas neutralised); exporting addresses is audited. */
export async function pickupListCsv(db: Db, viewer: Viewer, dayId: string, requestId: string): Promise<{ csv: string; date: string }> {
  const { day, campaign } = await managedDay(db, viewer, dayId);
  const rows = await pickupList(db, viewer, dayId);
  if (viewer.kind === 'staff') {
    await recordAudit(db, { actorAccountId: viewer.accountId, action: 'campaign.exported', subjectType: 'campaign', subjectId: campaign.id, detail: { kind: 'ophaallijst.csv', dayId: day.id }, requestId });
  }
  const m2 = (value: number | null) => (value === null ? null : new Fixed(value, 2));
  const csv = toCsv(
    ['Straat', 'Huisnummer', 'Geschat (m²)', 'Geteld (m²)', 'Ophalen'],
    rows.map((r) => [r.street.name, r.houseNumber, m2(r.estimatedM2), m2(r.countedM2), r.wantsPickup ? 'ja' : 'nee']),
    ';',
    true,
  );
  return { csv, date: day.date };
}
