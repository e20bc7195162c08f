/** Neighbourhoods (buurten) and their streets: the places every campaign works in. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('neighbourhood')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('street')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('neighbourhood_id', 'text', (c) => c.notNull().references('neighbourhood.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Unknown for most streets; when known it allows a per-household ranking.
    .addColumn('household_count', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('street_neighbourhood_name_unique', ['neighbourhood_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('street').execute();
  await db.schema.dropTable('neighbourhood').execute();
}
