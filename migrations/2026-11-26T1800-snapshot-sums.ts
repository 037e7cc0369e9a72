import { type Kysely, sql } from 'kysely';

// A closing wave's sums are stored as the database computes them (`SumsDocument`, with the
// comments apart) instead of decoded into `WaveAggregates` and written back as JSON. At 10,000
// teams the decoded form was about 24 MB of JSON that the report thread wrote, the event loop
// passed on and the database checked inside the close's transaction; the database's own form is a
// fraction of that, and is written by the close without being decoded first. Snapshots written
// before keep `aggregates` and are read as they are; a new one has `sums` and `comments` and no
// `aggregates`. The report built from either is the same; the integer sums come per team (a team
// of thousands in parts), per team and dimension by how many of its items were answered, and for
// the organization, all of which the wave's response rows give too.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table wave_snapshot add column sums json, add column comments json,
    alter column aggregates drop not null`.execute(db);
  // As for the other documents (2026-11-26T1510): lz4 where the server has it.
  await sql`
    do $$ begin
      alter table wave_snapshot alter column sums set compression lz4,
        alter column comments set compression lz4;
    exception when feature_not_supported then
      null;
    end $$`.execute(db);
  await sql`alter table wave_snapshot add constraint wave_snapshot_one_form
    check ((aggregates is null) = (sums is not null) and (sums is null) = (comments is null))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  // A snapshot in the new form has nothing the old code can read: its wave is marked unsealed, so
  // that the old code's start seals it again, recomputing its sums from the response rows and
  // keeping the hierarchy it froze.
  await sql`update wave set sealed = false
    where id in (select wave_id from wave_snapshot where aggregates is null)`.execute(db);
  await sql`alter table wave_snapshot drop constraint wave_snapshot_one_form`.execute(db);
  await sql`update wave_snapshot set aggregates = 'null' where aggregates is null`.execute(db);
  await sql`alter table wave_snapshot drop column sums, drop column comments,
    alter column aggregates set not null`.execute(db);
}
