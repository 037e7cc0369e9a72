import { type Kysely, sql } from 'kysely';

// The intake's statement (`recordResponses` in server/db/responses.ts) becomes a function of the
// database, unchanged in what it does, so that each session plans it once.
//
// Sent as text, the statement was parsed and planned again for every batch: about 0.55 ms of the
// database's time, a quarter of a batch of 40 answers and half of a batch of one. A PL/pgSQL
// function keeps the plans of its statements for the life of the session, and needs nothing of
// the session that a pooler in transaction mode would lose (a prepared statement survives one
// only from PgBouncer 1.21 on, and only where `max_prepared_statements` is set).
//
// Left to choose, PostgreSQL went on planning the statement for each batch's own arguments,
// since a plan for 40 known rows is costed below one for any number; it is the same plan.
// Always the generic one: 1.58 ms instead of 2.02 for a batch of 40, 0.71 instead of 0.75 for
// one, against 2.09 and 1.15 as text.
//
// The headcount cap's margins come as arguments, so the code keeps them in one place
// (server/domain/participation/answer-cap.ts).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function record_responses(
      p_wave uuid,
      p_key_hashes text[],
      p_ids uuid[],
      p_team_ids uuid[],
      p_versions text[],
      p_answers text[],
      p_comments text[],
      p_code_hashes text[],
      p_cap_min_margin integer,
      p_cap_margin_percent integer
    ) returns setof text language plpgsql
    set plan_cache_mode = force_generic_plan
    as $$
    begin
      return query
      with input as (
        select * from unnest(p_key_hashes, p_ids, p_team_ids, p_versions, p_answers, p_comments, p_code_hashes)
          as submitted (key_hash, id, team_id, questionnaire_version, answers, comment, code_hash)
      ),
      open_wave as (
        select id from wave
        where id = p_wave and status = 'open' and (closes_at is null or closes_at > now())
        for share
      ),
      consumed as (
        update invitation set used = true
        from input
        where invitation.code_hash = input.code_hash
          and invitation.wave_id = p_wave
          and invitation.team_id = input.team_id
          and not invitation.used
          and exists (select 1 from open_wave)
          and not exists (select 1 from submission_key where submission_key.key_hash = input.key_hash)
        returning invitation.code_hash
      ),
      team_room as (
        select team.id as team_id,
          team.headcount + greatest(p_cap_min_margin, (team.headcount * p_cap_margin_percent + 99) / 100)
            - (select count(*) from response where response.wave_id = p_wave and response.team_id = team.id)
            as room
        from team
        where team.headcount is not null
          and team.id in (select input.team_id from input where input.code_hash is null)
      ),
      within_cap as (
        select candidate.key_hash
        from (
          select input.key_hash, input.team_id,
            row_number() over (partition by input.team_id order by input.key_hash) as place
          from input
          where input.code_hash is null
            and not exists (select 1 from submission_key where submission_key.key_hash = input.key_hash)
        ) as candidate
        left join team_room using (team_id)
        where team_room.room is null or candidate.place <= team_room.room
      ),
      fresh_key as (
        insert into submission_key (key_hash, wave_id)
        select input.key_hash, p_wave from input
        where exists (select 1 from open_wave)
        and (
          (input.code_hash is null
            and not exists (
              select 1 from wave_team
              where wave_team.wave_id = p_wave and wave_team.team_id = input.team_id and wave_team.personal_codes
            )
            and input.key_hash in (select within_cap.key_hash from within_cap))
          or input.code_hash in (select consumed.code_hash from consumed)
        )
        on conflict do nothing
        returning submission_key.key_hash
      ),
      stored as (
        insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
        select input.id, p_wave, input.team_id, input.questionnaire_version, input.answers::smallint[], input.comment
        from input join fresh_key using (key_hash)
      )
      select fresh_key.key_hash from fresh_key;
    end $$`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function record_responses`.execute(db);
}
