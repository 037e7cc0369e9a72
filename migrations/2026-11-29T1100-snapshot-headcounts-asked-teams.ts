import { type Kysely, sql } from 'kysely';

// A closed wave's frozen headcounts keep only the teams the wave asked: a department kept in its
// tree to hold its teams together, but not asked itself, expected nobody's answer. Snapshots
// frozen before this kept every team of the tree; they are cut to the teams the wave asked: those
// with a place in it now, and every leaf of its frozen tree, which holds only asked teams and
// their ancestors (a team without answers may have been removed since, its place with it).
// A department that was asked itself and has been removed since cannot be told apart; it goes.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update wave_snapshot s set headcounts = (
      select coalesce(json_object_agg(e.key, e.value), '{}'::json)
      from json_each(s.headcounts) e
      where exists (
        select 1 from wave_team wt join team t on t.id = wt.team_id
        where wt.wave_id = s.wave_id and t.key = e.key
      ) or (
        s.teams is not null
        and not exists (select 1 from json_array_elements(s.teams) c where c->>'parentKey' = e.key)
      )
    )
    where s.headcounts is not null`.execute(db);
}

// The teams left out are not known any more; they stay out.
export async function down(): Promise<void> {}
