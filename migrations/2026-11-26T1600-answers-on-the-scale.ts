import { type Kysely, sql } from 'kysely';

// Every stored answer is a point of the five-point scale, or null for an item left out, in a
// one-dimensional array that starts at position 1 (the item order of its version).
//
// The intake checks this before it writes (`validateAnswers`), and the sums at close rely on it:
// each answer becomes a bit field (`1 << 12 × (value − 1)` in `waveSumsQuery`), so a 6 or a 0
// written by any other path (a script, a repair by hand, a bug) would not fail there but add
// silently to another value's count. The database now refuses such a row, whoever writes it.
// An empty array or one of nulls only passes, as a response with nothing answered would.

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table response add constraint response_answers_on_the_scale check (
      array_ndims(answers) = 1 and array_lower(answers, 1) = 1
      and 1 <= all (answers) and 5 >= all (answers)
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table response drop constraint response_answers_on_the_scale`.execute(db);
}
