import { type Kysely, sql } from 'kysely';

// The check that a statement's responses name a team of their wave (2026-11-26T1400) reads the
// rows it wrote once instead of twice.
//
// It counted the distinct (wave, team) pairs of the written rows in one query, and matched the
// rows against the wave's teams in a second, which read them all again. For a close, which writes
// all of a wave's answers again (A6), that was about 125 ms of the rewrite at 100,000 answers in
// `psql` on the bench's wave (2026-11-28, on the slower machine of the README); taking the pairs
// once, in one statement, and matching them took about 40 ms. For the one or few rows of an
// answer, 3,000 inserts in a row took the same time either way (medians 404 and 396 ms of six).
// What it allows, refuses and locks is unchanged.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function response_rows_belong_to_their_wave() returns trigger language plpgsql as $$
    declare
      pairs bigint;
      held bigint;
    begin
      -- A team of the wave's own organization: the team check finds a team's responses through
      -- that organization's waves, so no response may sit outside them.
      with written_pairs as materialized (select distinct wave_id, team_id from written)
      select (select count(*) from written_pairs), (
        select count(*) from (
          select 1 from wave_team wt
          join wave w on w.id = wt.wave_id
          join team t on t.id = wt.team_id and t.organization_id = w.organization_id
          where (wt.wave_id, wt.team_id) in (select wave_id, team_id from written_pairs)
          for key share of wt
        ) as locked)
      into pairs, held;
      if held < pairs then
        raise exception 'a response names a team that is not part of its wave'
          using errcode = 'foreign_key_violation', table = 'response';
      end if;
      return null;
    end $$`.execute(db);
}

// The body as 2026-11-26T1400 wrote it, copied rather than imported: that file stays as it was
// applied.
// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function response_rows_belong_to_their_wave() returns trigger language plpgsql as $$
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
}
