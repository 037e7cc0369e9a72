import { type Kysely, sql } from 'kysely';

// A closed wave's frozen documents are compressed with lz4 where the server has it, instead of
// the default pglz. At 10,000 teams a close writes some 37 MB of JSON in its transaction; on
// PostgreSQL, storing 22 MB took 0.77 s with pglz and 0.35 s with lz4 (the same as storing it
// uncompressed), and reading it back was a fifth faster, for about half again the bytes on disk.
// A server built without lz4 (the embedded database is one) refuses the setting as not
// supported and keeps pglz. Only documents written afterwards change.
const columns = ['aggregates', 'teams', 'published'];

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await compression(db, 'lz4');
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await compression(db, 'default');
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
async function compression(db: Kysely<any>, method: 'lz4' | 'default') {
  const settings = columns.map((c) => `alter column ${c} set compression ${method}`).join(', ');
  await sql`
    do $$ begin
      execute ${sql.lit(`alter table wave_snapshot ${settings}`)};
    exception when feature_not_supported then
      null;
    end $$`.execute(db);
}
