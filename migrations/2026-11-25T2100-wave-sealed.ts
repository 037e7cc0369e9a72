import { type Kysely, sql } from 'kysely';

// A wave is sealed in the transaction that closes it: its responses are written again in random
// order, so they share that one transaction id and their physical order says nothing about
// arrival (A6), and what invitations and submission keys it had are deleted (A3, A4). Waves
// closed before this column existed start unsealed; the start-up task seals each of them once.
// The partial index serves the background task that closes waves at their deadline.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('wave')
    .addColumn('sealed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex('wave_deadline_idx')
    .on('wave')
    .column('closes_at')
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('wave_deadline_idx').execute();
  await db.schema.alterTable('wave').dropColumn('sealed').execute();
}
