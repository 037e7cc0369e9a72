// biome-ignore-all lint/suspicious/noExplicitAny: migrations work on the schema of their own day.
import { type Kysely, sql } from 'kysely';
import { surveyDefinitionsDir } from '../server/paths.ts';
import { loadDefinitions } from '../server/questionnaires/load-definitions.ts';

// A response's answers are stored as `smallint[]`, one per item of its questionnaire version in
// the order of the definition's items, null where skipped, instead of a `jsonb` object keyed by
// item id.
//
// Every answer is read when its wave closes (the sums) and written again when it is sealed (A6).
// As jsonb, the 30 answers of the diagnostic took about 700 bytes a row, with the item ids
// repeated in every row, and each sum looked its item up by name in each row. As an array they
// take 84 bytes: at 100,000 responses the table shrinks from about 130 MB to 19 MB, and the
// seal's rewrite, its deletion and the sums each read and write that much less.
//
// A position means the same item for as long as the answer is kept, because a published version
// never changes: start-up refuses a definition file whose content differs from what was
// published (docs/questionnaires.md). That is also why this migration may read the definition
// files: it converts the rows of each published version by that version's item order, and first
// checks that each file still hashes to what was published, so a file edited since cannot put an
// answer under another item. Skipped (`null`) and left out (absent) both become null, which is
// what the sums made of them before.

const published = async (db: Kysely<any>) => {
  const { rows } = await sql<{ version: string }>`
    select distinct questionnaire_version as version from response`.execute(db);
  return rows.map((row) => row.version);
};

/** For each `key@version` that responses name, its items in order, from the checked files. */
async function itemOrders(db: Kysely<any>, versions: string[]): Promise<Map<string, string[]>> {
  const orders = new Map<string, string[]>();
  if (versions.length === 0) return orders;
  const { definitions } = await loadDefinitions(surveyDefinitionsDir);
  const { rows } = await sql<{ key: string; version: string; content_hash: string }>`
    select key, version, content_hash from questionnaire_version`.execute(db);
  for (const name of versions) {
    const row = rows.find((r) => `${r.key}@${r.version}` === name);
    const file = definitions.find((d) => `${d.definition.key}@${d.definition.version}` === name);
    if (!row || !file || file.contentHash !== row.content_hash) {
      throw new Error(
        `responses of ${name} cannot be converted: its definition file in survey-definitions/ is missing or no longer what was published. Restore it and run the migration again.`,
      );
    }
    orders.set(
      name,
      file.definition.items.map((item) => item.id),
    );
  }
  return orders;
}

/** `case questionnaire_version when … then array[…] end`: each row's item order, by its version. */
function orderOf(orders: Map<string, string[]>) {
  if (orders.size === 0) return sql`null::text[]`;
  const arms = [...orders].map(
    ([version, ids]) =>
      sql`when ${sql.lit(version)} then array[${sql.join(ids.map((id) => sql.lit(id)))}]::text[]`,
  );
  return sql`case questionnaire_version ${sql.join(arms, sql` `)} end`;
}

export async function up(db: Kysely<any>): Promise<void> {
  // Instances still running the older code may be storing answers meanwhile: none may add a row,
  // perhaps of a version not listed yet, between the listing and the rewrite.
  await sql`lock table response in share mode`.execute(db);
  const orders = await itemOrders(db, await published(db));
  // A table rewrite may not run a subquery itself; a function may. A row whose version has no
  // item order stops the migration rather than losing its answers.
  await sql`
    create function answers_in_item_order(answers jsonb, ids text[]) returns smallint[]
    language plpgsql immutable as $$
    begin
      if ids is null then
        raise exception 'a response names a questionnaire version whose item order was not read';
      end if;
      return array(select (answers ->> id)::smallint from unnest(ids) with ordinality as u (id, n) order by n);
    end $$`.execute(db);
  await sql`
    alter table response alter column answers type smallint[]
    using answers_in_item_order(answers, ${orderOf(orders)})`.execute(db);
  await sql`drop function answers_in_item_order(jsonb, text[])`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`lock table response in share mode`.execute(db);
  const orders = await itemOrders(db, await published(db));
  await sql`
    create function answers_by_item_id(answers smallint[], ids text[]) returns jsonb
    language plpgsql immutable as $$
    begin
      if ids is null then
        raise exception 'a response names a questionnaire version whose item order was not read';
      end if;
      return (select coalesce(jsonb_object_agg(id, answers[n]), '{}'::jsonb)
        from unnest(ids) with ordinality as u (id, n));
    end $$`.execute(db);
  await sql`
    alter table response alter column answers type jsonb
    using answers_by_item_id(answers, ${orderOf(orders)})`.execute(db);
  await sql`drop function answers_by_item_id(smallint[], text[])`.execute(db);
}
