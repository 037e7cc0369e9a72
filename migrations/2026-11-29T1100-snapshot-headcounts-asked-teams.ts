import { type Kysely, sql } from 'kysely';

// A closed wave's frozen headcounts keep only the teams the wave asked: a department kept in its
// tree to hold its teams together, but not asked itself, expected nobody's answer. Snapshots
// frozen before this kept every team of the tree; they are cut to the wave's teams as they stand
// now, which is the last moment that can still be told (a team without answers may be removed
// after its wave closed, and its place in the wave with it).
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update wave_snapshot s set headcounts = (
      select coalesce(json_object_agg(e.key, e.value), '{}'::json)
      from json_each(s.headcounts) e
      where exists (
        select 1 from wave_team wt join team t on t.id = wt.team_id
        where wt.wave_id = s.wave_id and t.key = e.key
      )
    )
    where s.headcounts is not null`.execute(db);
}

// The teams left out are not known any more; they stay out.
export async function down(): Promise<void> {}
