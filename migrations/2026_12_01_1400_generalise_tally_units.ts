/**
 * One ledger for every counting activity (issue 19): the tegelwip ledger becomes a ledger
 * of units, so a clean-up action (opruimactie, campaign kind OPRUIMEN) counts bags,
 * bulky items and gardens helped on the same events, rollups and sync commands.
 *
 * - tally_event.size_code is renamed unit_code: a tile size is one kind of unit.
 * - tally_rollup gets quantity, the net sum of the counts, on every dimension but GARDEN (a
 *   clean-up ranks streets and people by everything counted; a garden is greened by area).
 *   The rows already there (TOTAL, STREET, DAY, PARTICIPANT, ORIGIN) get theirs from the
 *   events, one grouped statement per dimension. New dimensions, filled from the events
 *   already recorded: UNIT, STREET_UNIT, DAY_UNIT (per unit) and DAY_STREET (which streets
 *   were counted on which day). What each holds is what rollupDeltasOf
 *   (server/src/modules/tally/tally-rollups.ts) writes for new events; the upgrade test
 *   (tests/server/migrations-units.test.ts) compares the two.
 * - campaign_unit: the units a campaign counts, in the order the counter offers them, with
 *   an optional target each. Every tegelwip campaign gets the tile sizes, the set the
 *   counter offered until now (a copy of SIZE_CODES in protocol/src/tile-sizes.ts as it
 *   was when this ran: migrations import no app code).
 * - campaign_day_street: the streets a day is for ("iedere dag een andere straat").
 *
 * down() refuses once clean-up actions or clean-up units exist: the code from before this
 * migration knows neither, and would fail on them (or drop what they counted).
 */
import { sql, type Kysely } from 'kysely';

const TILE_UNITS = ['TEGEL_30X30', 'TEGEL_40X40', 'TEGEL_50X50', 'TEGEL_40X60', 'TEGEL_60X60', 'KLINKER_20X10', 'KLINKER_20X5', 'AREA'];
/** The clean-up units as this migration introduced them (protocol/src/tally-units.ts then). */
const CLEANUP_UNITS = ['ZAK_ZWERFVUIL', 'ZAK_TUINAFVAL', 'GROFVUIL', 'TUIN_GEHOLPEN'];

/**
 * The rollup dimensions that existed before, with the event column that is their key. Every
 * event before this migration counted tiles, so ORIGIN needs no unit filter here.
 */
const EXISTING_DIMENSIONS = [
  { dimension: 'TOTAL', key: sql`''` },
  { dimension: 'STREET', key: sql.ref('street_id') },
  { dimension: 'DAY', key: sql.ref('action_day_id') },
  { dimension: 'PARTICIPANT', key: sql.ref('participant_id') },
  { dimension: 'ORIGIN', key: sql.ref('origin') },
];

interface Delta {
  campaign_id: string;
  dimension: string;
  key: string;
  area_cm2: number;
  event_count: number;
  quantity: number;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tally_event').renameColumn('size_code', 'unit_code').execute();
  await db.schema.alterTable('tally_rollup').addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('campaign_unit')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id'))
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target', 'integer')
    .addPrimaryKeyConstraint('campaign_unit_pk', ['campaign_id', 'unit_code'])
    .execute();

  await db.schema
    .createTable('campaign_day_street')
    .addColumn('day_id', 'text', (c) => c.notNull().references('campaign_day.id'))
    .addColumn('street_id', 'text', (c) => c.notNull().references('street.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_day_street_pk', ['day_id', 'street_id'])
    .execute();

  const tegelwip = await db.selectFrom('campaign').select('id').where('kind', '=', 'TEGELWIPPEN').execute();
  const units = tegelwip.flatMap(({ id }) => TILE_UNITS.map((unit_code, position) => ({ campaign_id: id, unit_code, position, target: null })));
  for (let i = 0; i < units.length; i += 500) await db.insertInto('campaign_unit').values(units.slice(i, i + 500)).execute();

  for (const { dimension, key } of EXISTING_DIMENSIONS) {
    // A null key (no participant, no origin said) has no rollup row of its own. TOTAL's
    // key is a constant, which PostgreSQL refuses in a group by.
    await sql`
      update tally_rollup set quantity = s.quantity
      from (select campaign_id, ${key} as key, sum(count) as quantity from tally_event where ${key} is not null group by campaign_id${dimension === 'TOTAL' ? sql`` : sql`, ${key}`}) as s
      where tally_rollup.dimension = ${dimension} and tally_rollup.campaign_id = s.campaign_id and tally_rollup.key = s.key
    `.execute(db);
  }

  const sums = await db
    .selectFrom('tally_event')
    .select(['campaign_id', 'action_day_id', 'street_id', 'unit_code'])
    .select([sql<number>`sum(area_cm2)`.as('area_cm2'), sql<number>`count(*)`.as('event_count'), sql<number>`sum(count)`.as('quantity')])
    .groupBy(['campaign_id', 'action_day_id', 'street_id', 'unit_code'])
    .execute();
  const deltas = new Map<string, Delta>();
  const add = (campaign_id: string, dimension: string, key: string, s: { area_cm2: number; event_count: number; quantity: number }) => {
    const id = `${campaign_id}\n${dimension}\n${key}`;
    let d = deltas.get(id);
    if (!d) deltas.set(id, (d = { campaign_id, dimension, key, area_cm2: 0, event_count: 0, quantity: 0 }));
    d.area_cm2 += Number(s.area_cm2);
    d.event_count += Number(s.event_count);
    d.quantity += Number(s.quantity);
  };
  for (const s of sums) {
    add(s.campaign_id, 'UNIT', s.unit_code, s);
    add(s.campaign_id, 'STREET_UNIT', `${s.street_id}|${s.unit_code}`, s);
    add(s.campaign_id, 'DAY_UNIT', `${s.action_day_id}|${s.unit_code}`, s);
    add(s.campaign_id, 'DAY_STREET', `${s.action_day_id}|${s.street_id}`, s);
  }
  const rows = [...deltas.values()];
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('tally_rollup').values(rows.slice(i, i + 500)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await query.executeTakeFirstOrThrow()).n);
  const cleanups = await count(db.selectFrom('campaign').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'OPRUIMEN'));
  const cleanupEvents = await count(db.selectFrom('tally_event').select((eb) => eb.fn.countAll().as('n')).where('unit_code', 'in', CLEANUP_UNITS));
  if (cleanups > 0 || cleanupEvents > 0) {
    throw new Error(
      `Cannot undo 2026_12_01_1400_generalise_tally_units: the database holds ${cleanups} clean-up campaign(s) (kind OPRUIMEN) and ${cleanupEvents} tally event(s) in clean-up units, ` +
        'which the code from before this migration cannot read. Restore a backup made before it instead.',
    );
  }
  await db.deleteFrom('tally_rollup').where('dimension', 'in', ['UNIT', 'STREET_UNIT', 'DAY_UNIT', 'DAY_STREET']).execute();
  await db.schema.dropTable('campaign_day_street').execute();
  await db.schema.dropTable('campaign_unit').execute();
  await db.schema.alterTable('tally_rollup').dropColumn('quantity').execute();
  await db.schema.alterTable('tally_event').renameColumn('unit_code', 'size_code').execute();
}
