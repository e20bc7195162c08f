/**
 * Every SQL statement of the prizes: the categories chosen per campaign, and the raw counts
 * behind the proposals that the tally and programme modules do not already read (gardens
 * per participant, spots per walker, the participants' names and consent).
 */
import type { DbOrTrx } from '../../db/database.js';
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
import type { RankedPerson } from '../tally/tally-aggregates.service.js';
import type { PrizeCategory } from './prize-categories.js';

export async function chosenCategories(db: DbOrTrx, campaignId: string): Promise<PrizeCategory[]> {
  const rows = await db.selectFrom('campaign_prize').select('category').where('campaign_id', '=', campaignId).execute();
  return rows.map((r) => r.category);
}

/** Makes these the campaign's categories: removes the others, adds the new ones (keeping when each was first chosen). */
export async function replaceCategories(db: DbOrTrx, campaignId: string, categories: readonly PrizeCategory[], now: string): Promise<void> {
  let removal = db.deleteFrom('campaign_prize').where('campaign_id', '=', campaignId);
  if (categories.length > 0) removal = removal.where('category', 'not in', categories);
  await removal.execute();
  if (categories.length === 0) return;
  await db
    .insertInto('campaign_prize')
    .values(categories.map((category) => ({ campaign_id: campaignId, category, chosen_at: now })))
    .onConflict((oc) => oc.columns(['campaign_id', 'category']).doNothing())
    .execute();
}

export async function personalDataErasedAt(db: DbOrTrx, campaignId: string): Promise<string | null> {
  const row = await db.selectFrom('campaign').select('personal_data_erased_at').where('id', '=', campaignId).executeTakeFirst();
  return row?.personal_data_erased_at ?? null;
}

export interface ParticipantAddressRow {
  participant_id: string;
  street_id: string;
  /** As typed; garden-address.ts makes the key. */
  house_number: string;
  origin: TileOrigin | null;
  /** Net area this participant counted here with this origin (corrections included). */
  area_cm2: number;
}

/** Per participant the addresses where they counted, with the net area per origin. */
export async function participantAddresses(db: DbOrTrx, campaignId: string): Promise<ParticipantAddressRow[]> {
  const rows = await db
    .selectFrom('tally_event')
    .select(['participant_id', 'street_id', 'house_number', 'origin', (eb) => eb.fn.sum<number>('area_cm2').as('area')])
    .where('campaign_id', '=', campaignId)
    .where('participant_id', 'is not', null)
    .where('house_number', 'is not', null)
    .groupBy(['participant_id', 'street_id', 'house_number', 'origin'])
    .execute();
  return rows.map((r) => ({ participant_id: r.participant_id!, street_id: r.street_id, house_number: r.house_number!, origin: r.origin, area_cm2: Number(r.area) }));
}

/** Per walker (participant) the number of different spots with a current answer of theirs. */
export async function spotsPerWalker(db: DbOrTrx, campaignId: string): Promise<{ participant_id: string; spots: number }[]> {
  const rows = await db
    .selectFrom('observation')
    .select(['participant_id', (eb) => eb.fn.count<number>('spot_id').distinct().as('spots')])
    .where('campaign_id', '=', campaignId)
    .where('superseded_by', 'is', null)
    .where('participant_id', 'is not', null)
    .groupBy('participant_id')
    .execute();
  return rows.map((r) => ({ participant_id: r.participant_id!, spots: Number(r.spots) }));
}

/** What rankings may show of these participants (see rankingName), by id. */
export async function rankedPeople(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, RankedPerson>> {
  const people = new Map<string, RankedPerson>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('participant')
      .select(['id', 'display_name', 'pseudonym', 'show_name_in_rankings', 'erased_at'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const { id, ...person } of rows) people.set(id, person);
  }
  return people;
}
