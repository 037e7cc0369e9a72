import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { WaveTree } from '../domain/report/changed-populations.ts';
import type { PublishedFigures } from '../domain/report/published-figures.ts';
import type { ScoredDimension, ScoredItem, WaveAggregates } from '../domain/scoring/aggregates.ts';
import {
  aggregatesFromTexts,
  FIELD_BITS,
  FIELD_LIMIT,
  type FrozenSums,
  LOW,
  type SumsTexts,
  scoredItemIndices,
} from '../domain/scoring/sums-document.ts';
import type { Database } from './database.ts';
import { fromJson } from './json-column.ts';

/** How many respondents a chunk is aimed at when teams must be split, well below the limit. */
const CHUNK_TARGET = 1024;

const list = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql`, `);
const name = (prefix: string, index: number) => sql.raw(`${prefix}${index}`);

/** Where each figure sits in the statement: dimensions and scored items by their index. */
interface Layout {
  items: ScoredItem[];
  /** Per dimension, the indices of its items. */
  members: number[][];
  /** The indices of the items that belong to a dimension, ascending: the only ones read. */
  scoredItems: number[];
  dimensionOf: Map<number, number>;
  /** The index of the outcome dimension, or null. */
  outcome: number | null;
}

function layoutOf(items: ScoredItem[], dimensions: ScoredDimension[]): Layout {
  const members = dimensions.map((d) =>
    items.flatMap((item, index) => (item.dimension === d.id ? [index] : [])),
  );
  const dimensionOf = new Map(members.flatMap((indices, d) => indices.map((i) => [i, d] as const)));
  const outcome = dimensions.findIndex((d) => d.outcome);
  return {
    items,
    members,
    scoredItems: scoredItemIndices(items, dimensions),
    dimensionOf,
    outcome: outcome < 0 ? null : outcome,
  };
}

/**
 * The one statement that reads a wave's answers, each once from its row's array (the `offset 0`
 * keeps PostgreSQL from repeating the extraction in every expression that uses it). It first sums per
 * team and per combination of how many items were answered in each dimension (`groups`), then
 * sums those per team, per team × dimension × answered, and per trust dimension × answered pair,
 * and returns all of it as one JSON document: on the embedded database, decoding thousands of rows
 * field by field would cost more than the aggregation itself.
 */
function waveSumsQuery(waveId: string, layout: Layout, split: Split | null) {
  const { items, members, scoredItems, dimensionOf, outcome } = layout;
  const keyed = scoredItems.map((i) => {
    // Positions are 1-based in SQL; the stored answers follow the definition's items (`AnswerValues`).
    const answer = sql`r.answers[${sql.lit(i + 1)}]::int`;
    return sql`${items[i]!.reverse ? sql`6 - ${answer}` : answer} as ${name('k', i)}`;
  });
  const perDimension = members.flatMap((indices, d) => {
    const values = indices.map((i) => name('k', i));
    if (values.length === 0) return [sql`0 as ${name('a', d)}`, sql`0 as ${name('t', d)}`];
    return [
      sql`num_nonnulls(${list(values)}) as ${name('a', d)}`,
      sql`${sql.join(
        values.map((v) => sql`coalesce(${v}, 0)`),
        sql` + `,
      )} as ${name('t', d)}`,
    ];
  });
  const answered = members.map((_, d) => name('a', d));
  // Each group's packed counts leave it as a bigint, so that the sums per team below add 64-bit
  // integers (in 128 bits) instead of the arbitrary-precision numbers a sum of bigints returns: at
  // 100,000 answers, a tenth to a fifth of the statement. Such a sum overflows a bigint from
  // 32,768 answers of 5; a group of more than `FIELD_LIMIT` respondents gives null instead, and
  // its team, at least as large, is summed again in parts, as is every team too large for a field.
  const groupSums = [
    ...scoredItems.map(
      (i) =>
        sql`case when count(*) <= ${sql.lit(FIELD_LIMIT)} then sum(1::bigint << (${sql.lit(FIELD_BITS)} * ${name('k', i)} - ${sql.lit(FIELD_BITS)}))::bigint end as ${name('c', i)}`,
    ),
    ...members.flatMap((_, d) => [
      sql`sum(${name('t', d)}) as ${name('s', d)}`,
      sql`sum(${name('t', d)} * ${name('t', d)}) as ${name('q', d)}`,
      outcome === null
        ? sql`0 as ${name('x', d)}`
        : sql`sum(${name('t', d)} * ${name('t', outcome)}) as ${name('x', d)}`,
    ]),
  ];
  const teamSums = scoredItems.flatMap((i) => {
    const d = dimensionOf.get(i)!;
    return [
      sql`coalesce(sum(${name('c', i)}), 0) as ${name('c', i)}`,
      sql`coalesce(sum(${name('c', i)}) filter (where ${name('a', d)} = ${sql.lit(members[d]!.length)}), 0) as ${name('f', i)}`,
    ];
  });
  const halves = (column: RawBuilder<unknown>) => [
    sql`mod(${column}, ${sql.lit(LOW)})`,
    sql`div(${column}, ${sql.lit(LOW)})`,
  ];
  // Only the teams too large for a packed field are split, so every other team's sums stay whole.
  const chunk = split
    ? sql`case when r.team_id in (${sql.join(split.teams)}) then uuid_hash(r.id) % ${sql.lit(split.chunks)} else 0 end`
    : sql`0`;
  const dimensionRows = members.map(
    (_, d) =>
      sql`(${sql.lit(d)}, g.${name('a', d)}, g.${name('s', d)}, g.${name('q', d)}, g.${name('x', d)})`,
  );
  // The document is returned as text, and so is the largest part a team was summed in, which
  // decides whether the sums must be taken again in chunks (`computeWaveFigureSums`).
  return sql<{ sums: string; largest: number }>`
    with groups as materialized (
      select team_id, chunk, ${list(answered)}, count(*) as respondents, ${list(groupSums)}
      from (
        select team_id, chunk, ${list(scoredItems.map((i) => name('k', i)))}, ${list(perDimension)}
        from (
          select r.team_id, ${chunk} as chunk, ${list(keyed)}
          from response r
          where r.wave_id = ${waveId}
          offset 0
        ) as keyed
      ) as scored
      group by team_id, chunk, ${list(answered)}
    ),
    by_dimension as (
      select g.team_id, g.respondents, d.*${outcome === null ? sql`` : sql`, g.${name('a', outcome)} as b, g.${name('s', outcome)} as so, g.${name('q', outcome)} as qo`}
      from groups g
      cross join lateral (values ${list(dimensionRows)}) as d (dimension, answered, total, total_sq, product)
      where d.answered > 0
    )
    select json_build_object(
      'teams', (
        select json_agg(json_build_array(team.key, t.respondents, array[${list(
          scoredItems.flatMap((i) => [...halves(sql`t.${name('c', i)}`), ...halves(sql`t.${name('f', i)}`)]),
        )}]))
        from (
          select team_id, sum(respondents) as respondents, ${list(teamSums)}
          from groups
          group by team_id, chunk
        ) as t
        join team on team.id = t.team_id
      ),
      'scores', (
        select json_agg(json_build_array(team.key, s.dimension, s.answered, s.respondents, s.total, s.total_sq))
        from (
          select team_id, dimension, answered, sum(respondents) as respondents,
            sum(total) as total, sum(total_sq) as total_sq
          from by_dimension
          group by team_id, dimension, answered
        ) as s
        join team on team.id = s.team_id
      ),
      'pairs', ${
        outcome === null
          ? sql`null`
          : sql`(
        select json_agg(json_build_array(dimension, answered, b, respondents, total, so, product, total_sq, qo))
        from (
          select dimension, answered, b, sum(respondents) as respondents, sum(total) as total,
            sum(so) as so, sum(product) as product, sum(total_sq) as total_sq, sum(qo) as qo
          from by_dimension
          where b > 0 and dimension <> ${sql.lit(outcome)}
          group by dimension, answered, b
        ) as p
      )`
      }
    )::text as sums,
    (select coalesce(max(respondents), 0)::int from (
      select sum(respondents) as respondents from groups group by team_id, chunk
    ) as parts) as largest`;
}

/**
 * The teams whose respondents are summed in several parts, and into how many (by their response
 * ids, which are random): a team of more than `FIELD_LIMIT` respondents overflows a packed field.
 */
interface Split {
  teams: string[];
  chunks: number;
}

/**
 * A wave's sums and open answers, computed by the database when the wave closes, as the JSON
 * texts it writes (`SumsTexts`): one statement reads every answer once and returns integer sums
 * (`computeWaveFigureSums`), another its open answers (`collectWaveComments`); the domain decodes
 * and divides (`aggregatesFromTexts`).
 */
export async function computeWaveSums(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<SumsTexts> {
  const sums = await computeWaveFigureSums(db, waveId, items, dimensions);
  return { sums, comments: await collectWaveComments(db, waveId) };
}

/** The sums part of `SumsTexts`: every figure's integer sums, from one statement (`waveSumsQuery`). */
export async function computeWaveFigureSums(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<string> {
  const layout = layoutOf(items, dimensions);
  let split: Split | null = null;
  for (;;) {
    const { rows } = await waveSumsQuery(waveId, layout, split).execute(db);
    const { sums, largest } = rows[0]!;
    if (largest <= FIELD_LIMIT) return sums;
    // Only when a team has thousands of answers: sum its respondents in chunks that fit.
    if (!split) {
      const { rows: oversized } = await sql<{ team_id: string }>`
        select team_id from response where wave_id = ${waveId}
        group by team_id having count(*) > ${sql.lit(FIELD_LIMIT)}`.execute(db);
      split = { teams: oversized.map((row) => row.team_id), chunks: 1 };
    }
    split.chunks *= Math.ceil(largest / CHUNK_TARGET);
  }
}

/**
 * The comments part of `SumsTexts`: the wave's open answers per team, in the order of the response
 * ids, which are random and drawn again at seal, so the order says nothing about arrival (A6, R5).
 */
export async function collectWaveComments(db: Kysely<Database>, waveId: string): Promise<string> {
  const { rows } = await sql<{ comments: string }>`
    select coalesce(json_agg(json_build_array(t.key, t.comments)), '[]')::text as comments
    from (
      select team.key, json_agg(r.comment order by r.id) as comments
      from response r join team on team.id = r.team_id
      where r.wave_id = ${waveId} and r.comment <> ''
      group by team.key
    ) as t`.execute(db);
  return rows[0]!.comments;
}

/** A wave's aggregates, worked out here from `computeWaveSums`. */
export async function computeWaveAggregates(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<WaveAggregates> {
  return aggregatesFromTexts(await computeWaveSums(db, waveId, items, dimensions), items, dimensions);
}

/** A team as a closed wave's report shows it: the hierarchy frozen at close (R3). */
export interface SnapshotTeam {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface WaveSnapshot {
  /**
   * The sums as the texts stored, decoded only where a report is built, off the event loop: at
   * 10,000 teams, megabytes of text that decode into some 55 MB of objects.
   */
  frozen: FrozenSums | null;
  /** Null only for a snapshot taken before hierarchies were frozen with it. */
  teams: SnapshotTeam[] | null;
}

/**
 * Stores a closing wave's frozen documents, given as JSON texts: the sums as the database wrote
 * them (`SumsTexts`), the hierarchy (`SnapshotTeam[]`) and the published figures
 * (`PublishedFigures`). A snapshot in the older form (`aggregates`) is replaced whole.
 */
export async function saveWaveSnapshot(
  db: Kysely<Database>,
  waveId: string,
  documents: { sums: SumsTexts; teams: string; published: string; headcounts: string | null },
): Promise<void> {
  const { sums, teams, published, headcounts } = documents;
  await db
    .insertInto('wave_snapshot')
    .values({
      wave_id: waveId,
      sums: sums.sums,
      comments: sums.comments,
      teams,
      published,
      headcounts,
      aggregates: null,
    })
    // `excluded`, so each document travels once: an organization of 10,000 teams freezes
    // megabytes of JSON, and a second copy as the update's own parameters doubled what the
    // database parsed inside the close's transaction.
    .onConflict((oc) =>
      oc.column('wave_id').doUpdateSet((eb) => ({
        sums: eb.ref('excluded.sums'),
        comments: eb.ref('excluded.comments'),
        aggregates: eb.ref('excluded.aggregates'),
        teams: eb.ref('excluded.teams'),
        published: eb.ref('excluded.published'),
        // Frozen again over the tree it kept: the headcounts it kept with it stay.
        headcounts: sql`coalesce(excluded.headcounts, wave_snapshot.headcounts)`,
      })),
    )
    .execute();
}

/**
 * Each team's headcount when a closed wave closed, by key; null for a wave frozen before headcounts
 * were (2026-11-29), whose rates read today's.
 */
export async function loadFrozenHeadcounts(
  db: Kysely<Database>,
  waveId: string,
): Promise<Map<string, number | null> | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select('headcounts')
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  if (!row?.headcounts) return null;
  return new Map(Object.entries(fromJson<Record<string, number | null>>(row.headcounts)));
}

/**
 * A closed wave's frozen tree and headcounts in one read (either null when its snapshot predates
 * them): what its consultant views are read from.
 */
export async function loadFrozenTeamsAndHeadcounts(
  db: Kysely<Database>,
  waveId: string,
): Promise<{ teams: SnapshotTeam[] | null; headcounts: Map<string, number | null> | null }> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select(['teams', 'headcounts'])
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return {
    teams: row?.teams ? fromJson<SnapshotTeam[]>(row.teams) : null,
    headcounts: row?.headcounts
      ? new Map(Object.entries(fromJson<Record<string, number | null>>(row.headcounts)))
      : null,
  };
}

/**
 * A closed wave's frozen tree and the teams it asked, as `changedPopulations` compares them; null
 * for a snapshot from before trees were frozen, which cannot say.
 */
export async function loadFrozenTree(db: Kysely<Database>, waveId: string): Promise<WaveTree | null> {
  const { teams, headcounts } = await loadFrozenTeamsAndHeadcounts(db, waveId);
  return teams ? { teams, asked: headcounts ? new Set(headcounts.keys()) : null } : null;
}

/** What a closed wave's own report is built from; its published figures are read apart. */
export async function loadWaveSnapshot(db: Kysely<Database>, waveId: string): Promise<WaveSnapshot | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select([
      sql<string | null>`sums::text`.as('sums'),
      sql<string | null>`comments::text`.as('comments'),
      sql<string | null>`aggregates::text`.as('aggregates'),
      'teams',
    ])
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  if (!row) return null;
  // One form or the other, never both (the table's `wave_snapshot_one_form`). A JSON null is what
  // rolling back 2026-11-26T1800 leaves of the newer form, for the start-up seal to write again.
  const frozen: FrozenSums | null =
    row.aggregates === null
      ? { sums: row.sums!, comments: row.comments! }
      : row.aggregates === 'null'
        ? null
        : { aggregates: row.aggregates };
  return { frozen, teams: row.teams === null ? null : fromJson<SnapshotTeam[]>(row.teams) };
}

/**
 * The hierarchy a closed wave froze, without its sums: what scoping an action or a shared result
 * reads. Null until the wave is sealed, or for a snapshot taken before hierarchies were frozen.
 */
export async function loadFrozenTeams(db: Kysely<Database>, waveId: string): Promise<SnapshotTeam[] | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select('teams')
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return row?.teams ? fromJson<SnapshotTeam[]>(row.teams) : null;
}

/** A closed wave's published figures alone, without its sums: what a later wave's trends read. */
export async function loadPublishedFigures(
  db: Kysely<Database>,
  waveId: string,
): Promise<PublishedFigures | null> {
  const text = await loadPublishedFiguresText(db, waveId);
  return text === null ? null : (JSON.parse(text) as PublishedFigures);
}

/** The same as the JSON text stored, for a report built off the event loop, which decodes it there. */
export async function loadPublishedFiguresText(db: Kysely<Database>, waveId: string): Promise<string | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select(sql<string | null>`published::text`.as('published'))
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return row?.published ?? null;
}
