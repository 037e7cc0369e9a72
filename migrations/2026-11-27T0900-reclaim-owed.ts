import { type Kysely, sql } from 'kysely';

// A seal leaves the old row versions of a wave's answers in the tables' pages until a VACUUM that
// begins after the close's commit removes them (server/db/reclaim.ts). That VACUUM runs after the
// close has answered, so whether it has run is now kept with the wave: a server stopped before it
// ended, or a VACUUM that failed, is made good at the next start, and a failed one is tried again.
// Waves sealed before count as owed once, since nothing recorded whether their VACUUM finished.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table wave add column reclaim_owed boolean not null default false`.execute(db);
  await sql`update wave set reclaim_owed = true where sealed`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table wave drop column reclaim_owed`.execute(db);
}
