import type { Kysely } from 'kysely';

// A closed wave's published figures (score and interval of each cell it shows), kept beside its
// sums so a later wave's trends read them instead of rebuilding this wave's report. Null for a
// snapshot taken before this column existed; the first later wave that needs them fills it in.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave_snapshot').addColumn('published', 'jsonb').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave_snapshot').dropColumn('published').execute();
}
