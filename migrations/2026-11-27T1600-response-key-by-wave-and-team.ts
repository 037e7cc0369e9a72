import { type Kysely, sql } from 'kysely';

// A response is found by one index, on (wave, team, id), instead of two: its primary key on the id
// alone and an index on (wave, team).
//
// Every stored answer wrote an entry into both, and so did every answer a close writes again (A6).
// Nothing looks a response up by its id alone; every read goes through its wave, most through its
// team in that wave (the headcount cap, the reports' sums), which the new key's first two columns
// serve as the old index did. The id stays in the key, so a response is still one row with a
// unique key, as logical replication and tools that rewrite tables online need.
//
// With one index, the close writes each team's answers together, each team's in the order of new
// random ids, so that the index fills at one place per team instead of at a random place per
// answer (`server/waves/seal-wave.ts`). Timed in `psql` on the bench's wave of 100,000 answers
// over 500 teams (2026-11-27, on the slower machine of the README), the close's rewrite took
// 1.13 to 1.31 s against 1.55 to 2.41 s with the two indexes.
//
// Like every column of a response, the key says nothing of when an answer came: the id is random,
// and the wave and team are the response's own columns (docs/anonymity.md).

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table response
      drop constraint response_pkey,
      add constraint response_pkey primary key (wave_id, team_id, id)`.execute(db);
  await sql`drop index response_wave_team_idx`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index response_wave_team_idx on response (wave_id, team_id)`.execute(db);
  await sql`
    alter table response
      drop constraint response_pkey,
      add constraint response_pkey primary key (id)`.execute(db);
}
