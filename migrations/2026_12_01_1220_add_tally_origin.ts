/**
 * Where counted tiles came from: tally_event.origin is 'GARDEN', 'PUBLIC' or null (not
 * said; every event from before this migration). Gardens greened are counted from GARDEN
 * rollups, one row per address (street + normalised house number) with the net area of
 * the tiles that did not come from the public space; this fills them for the events
 * already in the ledger, which all count (their origin is not said). Campaigns whose house
 * numbers were erased get none: their addresses are no longer known. The house number
 * rule is a copy of server/src/modules/tally/garden-address.ts as it was when this ran.
 */
import { sql, type Kysely } from 'kysely';

const houseNumberKey = (houseNumber: string) =>
  houseNumber
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/(\d)-(?=[a-z])/g, '$1');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tally_event').addColumn('origin', 'text').execute();

  // Summed per written house number in SQL; numbers written differently meet here.
  const perNumber = await db
    .selectFrom('tally_event')
    .select(['campaign_id', 'street_id', 'house_number', sql<number>`sum(area_cm2)`.as('area_cm2'), sql<number>`count(*)`.as('event_count')])
    .where('house_number', 'is not', null)
    .groupBy(['campaign_id', 'street_id', 'house_number'])
    .execute();
  const gardens = new Map<string, { campaign_id: string; dimension: string; key: string; area_cm2: number; event_count: number }>();
  for (const row of perNumber) {
    const number = houseNumberKey(String(row.house_number));
    if (!number) continue;
    const key = `${String(row.street_id)}|${number}`;
    const id = `${String(row.campaign_id)} ${key}`;
    const garden = gardens.get(id) ?? { campaign_id: String(row.campaign_id), dimension: 'GARDEN', key, area_cm2: 0, event_count: 0 };
    garden.area_cm2 += Number(row.area_cm2);
    garden.event_count += Number(row.event_count);
    gardens.set(id, garden);
  }
  const rows = [...gardens.values()];
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('tally_rollup').values(rows.slice(i, i + 500)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('tally_rollup').where('dimension', 'in', ['GARDEN', 'ORIGIN']).execute();
  await db.schema.alterTable('tally_event').dropColumn('origin').execute();
}
