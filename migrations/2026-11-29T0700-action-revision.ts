import { type Kysely, sql } from 'kysely';

// A count of an action's changes, which a change names to say which state it was made against: a
// leader editing an action another has changed since they opened it is told so, rather than
// overwriting that change unseen.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table action add column revision integer not null default 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table action drop column revision`.execute(db);
}
