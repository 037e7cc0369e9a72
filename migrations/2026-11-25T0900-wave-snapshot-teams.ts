import type { Kysely } from 'kysely';

// A closed wave's hierarchy is frozen beside its sums: suppression is decided over one tree per
// wave (R3), so moving teams later must not change what its report publishes. Null for a
// snapshot taken before this column existed; the first report read fills it in.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave_snapshot').addColumn('teams', 'jsonb').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave_snapshot').dropColumn('teams').execute();
}
