import { type Kysely, sql } from 'kysely';

// Each team's headcount as it stood when its wave closed, so that a closed wave's response rates
// stay those of its close when the organization edits headcounts later. Null in a snapshot
// frozen before this column: those waves read today's headcounts, as they always did.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table wave_snapshot add column headcounts json`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table wave_snapshot drop column headcounts`.execute(db);
}
