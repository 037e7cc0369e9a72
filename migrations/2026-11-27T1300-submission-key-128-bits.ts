import { type Kysely, sql } from 'kysely';
import { up as recordResponsesOfTextKeys } from './2026-11-26T1700-record-responses-function.ts';

// A submission key (A4) keeps 128 bits of its SHA-256 instead of all 256 as 64 hexadecimal
// characters, in a column of PostgreSQL's 16-byte `uuid` type, the narrowest that holds them with
// no length to store.
//
// Every submission writes a key, and the keys' index is written at a random place each time (a
// hash has no order): while a wave is open the keys were the largest thing the intake wrote, as
// large as the answers and their own index together. At about 225,000 submissions in the bench,
// the keys took 25 MB and their index 27 MB, against 30 MB of answers and 9 MB of their index;
// once such an index outgrows the database's page cache, submissions read and write its pages at
// random places. Now a key's row is about half as large and its index entry 24 bytes instead of
// 80: 13 MB and 9 MB in the same bench, and 654 bytes of write-ahead log a submission instead of
// 805 at full speed.
//
// 128 bits keep a retry recognized and two submissions apart: the first 128 bits of SHA-256 of
// two different ids coincide by chance with a probability of about n² / 2¹²⁹ among n keys, below
// 10⁻²⁶ for a million submissions to one wave. Keys written before keep their first 128 bits, which is
// what the server now computes, so a retry of an answer sent before the upgrade is still known.
// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop function record_responses`.execute(db);
  await sql`
    alter table submission_key
      alter column key_hash type uuid using substr(key_hash, 1, 32)::uuid`.execute(db);
  // The intake's function, as before, with keys of the new type.
  await sql`
    create function record_responses(
      p_wave uuid,
      p_key_hashes uuid[],
      p_ids uuid[],
      p_team_ids uuid[],
      p_versions text[],
      p_answers text[],
      p_comments text[],
      p_code_hashes text[],
      p_cap_min_margin integer,
      p_cap_margin_percent integer
    ) returns setof uuid language plpgsql
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

// The earlier code compares whole 64-character hashes, so the keys held now, which keep only
// their first 128 bits, would no longer match: a retry of an answer sent before the rollback would
// be stored a second time. So rolling back refuses while any key is held (while a wave that has
// answers is open, or past its deadline and not yet closed by the server's clock), and says so;
// close those waves first, or upgrade again. The table is locked first, so that no instance still
// running can store a key between the check and the change. Otherwise the column and the function
// go back to their earlier form, the function as the earlier migration defines it.
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`lock table submission_key in access exclusive mode`.execute(db);
  const { rows } = await sql<{ held: boolean }>`
    select exists (select 1 from submission_key) as held`.execute(db);
  if (rows[0]?.held)
    throw new Error(
      'submission keys are held in their 128-bit form, which the earlier code cannot match; close the waves that hold them before rolling back',
    );
  await sql`drop function record_responses`.execute(db);
  await sql`alter table submission_key alter column key_hash type text using key_hash::text`.execute(db);
  await recordResponsesOfTextKeys(db);
}
