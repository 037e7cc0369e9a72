import type { Kysely } from 'kysely';

// Issue 18: an organization's HR sends the same spreadsheet every time, with its own column names.
// The columns a consultant mapped to team key, name, parent key and headcount are remembered
// (as the headers' text, one JSON object per organization) and offered for the next file.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_column_mapping')
    .addColumn('organization_id', 'uuid', (c) =>
      c.primaryKey().references('organization.id').onDelete('cascade'),
    )
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_column_mapping').execute();
}
