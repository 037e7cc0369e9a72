import { type Kysely, sql } from 'kysely';

// A response's references are checked once per statement instead of once per row.
//
// Sealing a wave writes every response again (A6), and a foreign key checks each row on its own:
// an index lookup and a row lock for the wave and another for the team, per response. At 100,000
// responses that was about 60% of the rewrite on PostgreSQL and 70% on the embedded database.
// The same rules now run as statement triggers over the rows a statement wrote (transition
// tables), as one join each:
//
// - a response names a wave and a team of that wave (`wave_team`) and of its organization:
//   stricter than before, when any team would do. The `wave_team` rows are locked `for key share`, as a foreign key locks its
//   parent, so a team removed at the same moment either waits for the answer or refuses it;
// - deleting a wave deletes its responses (was `on delete cascade`);
// - deleting a team that has responses fails (was `on delete restrict`), with the same SQLSTATE
//   23503 as before, which the team import turns into its "has just received an answer" refusal.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select conname as name from pg_catalog.pg_constraint
    where conrelid = 'response'::regclass and contype = 'f'`.execute(db);
  for (const { name } of rows) {
    await sql`alter table response drop constraint ${sql.id(name)}`.execute(db);
  }

  await sql`
    create function response_rows_belong_to_their_wave() returns trigger language plpgsql as $$
    declare
      pairs bigint;
      held bigint;
    begin
      select count(*) into pairs from (select distinct wave_id, team_id from written) as p;
      -- A team of the wave's own organization: the team check below finds a team's responses
      -- through that organization's waves, so no response may sit outside them.
      select count(*) into held from (
        select 1 from wave_team wt
        join wave w on w.id = wt.wave_id
        join team t on t.id = wt.team_id and t.organization_id = w.organization_id
        where (wt.wave_id, wt.team_id) in (select wave_id, team_id from written)
        for key share of wt
      ) as locked;
      if held < pairs then
        raise exception 'a response names a team that is not part of its wave'
          using errcode = 'foreign_key_violation', table = 'response';
      end if;
      return null;
    end $$`.execute(db);
  // Two triggers, since a trigger with a transition table fires on one kind of event.
  await sql`
    create trigger response_inserted_rows_belong after insert on response
    referencing new table as written
    for each statement execute function response_rows_belong_to_their_wave()`.execute(db);
  await sql`
    create trigger response_updated_rows_belong after update on response
    referencing new table as written
    for each statement execute function response_rows_belong_to_their_wave()`.execute(db);

  await sql`
    create function response_follow_deleted_waves() returns trigger language plpgsql as $$
    begin
      delete from response where wave_id in (select id from removed);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger wave_deleted_takes_responses after delete on wave
    referencing old table as removed
    for each statement execute function response_follow_deleted_waves()`.execute(db);

  await sql`
    create function response_keep_answered_teams() returns trigger language plpgsql as $$
    begin
      -- Through the organization's waves, so the (wave, team) index answers it: no index by team
      -- alone, which every answer and every seal would have to keep up.
      if exists (
        select 1 from removed t
        join wave w on w.organization_id = t.organization_id
        join response r on r.wave_id = w.id and r.team_id = t.id
      ) then
        raise exception 'a team with responses cannot be deleted'
          using errcode = 'foreign_key_violation', table = 'team';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger team_deleted_without_responses after delete on team
    referencing old table as removed
    for each statement execute function response_keep_answered_teams()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger team_deleted_without_responses on team`.execute(db);
  await sql`drop function response_keep_answered_teams()`.execute(db);
  await sql`drop trigger wave_deleted_takes_responses on wave`.execute(db);
  await sql`drop function response_follow_deleted_waves()`.execute(db);
  await sql`drop trigger response_updated_rows_belong on response`.execute(db);
  await sql`drop trigger response_inserted_rows_belong on response`.execute(db);
  await sql`drop function response_rows_belong_to_their_wave()`.execute(db);
  await sql`
    alter table response
      add constraint response_wave_id_fkey foreign key (wave_id) references wave (id) on delete cascade,
      add constraint response_team_id_fkey foreign key (team_id) references team (id) on delete restrict`.execute(
    db,
  );
}
