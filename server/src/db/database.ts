/**
 * The Database interface Kysely types queries with: one entry per table, each defined in
 * its feature module's *.table.ts. Add a module's table here when its migration lands.
 */
import type { Kysely, Transaction } from 'kysely';
import type { NeighbourhoodTable, StreetTable } from '../modules/neighbourhood/neighbourhood.table.js';

export interface Database {
  neighbourhood: NeighbourhoodTable;
  street: StreetTable;
}

export type Db = Kysely<Database>;
/** A connection or an open transaction: repo functions accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
