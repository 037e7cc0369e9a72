import { type Kysely, sql } from 'kysely';

// Frozen in time: this file describes the schema as it was on this date and imports no app code.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organization')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('anonymity_threshold', 'integer', (c) =>
      c.notNull().defaultTo(5).check(sql`anonymity_threshold >= 3`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('team')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organization_id', 'uuid', (c) =>
      c.notNull().references('organization.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('team.id').onDelete('restrict'))
    .addColumn('headcount', 'integer', (c) => c.check(sql`headcount is null or headcount >= 0`))
    // Position among siblings as imported, so reports keep the order the consultant gave.
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('team_organization_key_unique', ['organization_id', 'key'])
    .execute();
  await db.schema.createIndex('team_parent_idx').on('team').column('parent_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team').execute();
  await db.schema.dropTable('organization').execute();
}
