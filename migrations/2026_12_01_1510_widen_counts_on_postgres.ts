/**
 * Running totals as 64-bit integers on PostgreSQL. SQLite's integers are 64-bit already;
 * PostgreSQL's "integer" is 32-bit, and a municipality-wide campaign's total passes
 * 2,147,483,647 cm² (about 21 ha, some 2.4 million tiles of 30×30): the rollup's upsert
 * would then fail and refuse the batch. The change log's seq grows for every change in
 * every campaign and gets the same room. Nothing changes on SQLite.
 */
import type { Kysely } from 'kysely';
import { isPostgres } from './support/dialect.js';

const WIDENED: Record<string, string[]> = {
  tally_rollup: ['area_cm2', 'event_count', 'quantity'],
  tally_event: ['area_cm2'],
  campaign: ['target_area_cm2'],
  campaign_unit: ['target'],
  change_log: ['seq'],
};

async function setType(db: Kysely<any>, type: 'bigint' | 'integer'): Promise<void> {
  if (!isPostgres(db)) return;
  for (const [table, columns] of Object.entries(WIDENED)) {
    for (const column of columns) await db.schema.alterTable(table).alterColumn(column, (c) => c.setDataType(type)).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await setType(db, 'bigint');
}

export async function down(db: Kysely<any>): Promise<void> {
  await setType(db, 'integer');
}
