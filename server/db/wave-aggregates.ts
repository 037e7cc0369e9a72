import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PublishedFigures } from '../domain/report/published-figures.ts';
import type { ScoredDimension, ScoredItem, WaveAggregates } from '../domain/scoring/aggregates.ts';
import { aggregatesFromSums, type WaveSums } from '../domain/scoring/wave-sums.ts';
import type { Database } from './database.ts';

/**
 * How many of an item's keyed answers were 1, 2, 3, 4 and 5 is summed as one bigint with 12 bits
 * for each, 2^(12·(answer − 1)) per answer: one sum per item instead of five counts, which would be
 * most of what the statement costs. A field holds 4,095, so when a team has more respondents than
 * that its rows are summed in several chunks (see `computeWaveAggregates`).
 */
const FIELD_BITS = 12;
const FIELD_LIMIT = 2 ** FIELD_BITS - 1;
/** How many respondents a chunk is aimed at when teams must be split, well below the limit. */
const CHUNK_TARGET = 1024;
/** A packed sum travels as two JSON numbers below 2^53: the low two fields and the high three. */
const LOW = 2 ** (2 * FIELD_BITS);

interface SumsDocument {
  /** [team key, respondents, per item: low and high part of its counts, then of its complete counts]. */
  teams: [string, number, number[]][] | null;
  /** [team key, dimension index, answered, respondents, Σ total, Σ total²]. */
  scores: [string, number, number, number, number, number][] | null;
  /** [dimension index, answered, outcome answered, respondents, Σ total, Σ outcome total, Σ product, Σ total², Σ outcome total²]. */
  pairs: [number, number, number, number, number, number, number, number, number][] | null;
}

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
    scoredItems: [...dimensionOf.keys()].sort((a, b) => a - b),
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
function waveSumsQuery(waveId: string, layout: Layout, chunks: number) {
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
  const groupSums = [
    ...scoredItems.map(
      (i) =>
        sql`sum(1::bigint << (${sql.lit(FIELD_BITS)} * ${name('k', i)} - ${sql.lit(FIELD_BITS)})) as ${name('c', i)}`,
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
  const chunk = chunks > 1 ? sql`uuid_hash(r.id) % ${sql.lit(chunks)}` : sql`0`;
  const dimensionRows = members.map(
    (_, d) =>
      sql`(${sql.lit(d)}, g.${name('a', d)}, g.${name('s', d)}, g.${name('q', d)}, g.${name('x', d)})`,
  );
  return sql<{ sums: SumsDocument | string }>`
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
    ) as sums`;
}

const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** The five counts of a packed sum sent as its low and high part. */
function unpack(parts: number[], at: number): number[] {
  const counts: number[] = [];
  let rest = parts[at]!;
  for (let k = 0; k < 5; k++) {
    if (k === 2) rest = parts[at + 1]!;
    counts.push(rest % (FIELD_LIMIT + 1));
    rest = Math.floor(rest / (FIELD_LIMIT + 1));
  }
  return counts;
}

/**
 * A wave's sums, computed by the database when the wave closes: one statement reads every answer
 * once and returns integer sums (see `waveSumsQuery`); the domain divides (`aggregatesFromSums`).
 * Reports then read the stored sums. Comments are read apart, per team, in the order of the
 * response ids: random, and drawn again at seal, so the order says nothing about arrival (A6, R5).
 */
export async function computeWaveAggregates(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<WaveAggregates> {
  const layout = layoutOf(items, dimensions);
  let chunks = 1;
  let document: SumsDocument;
  for (;;) {
    const { rows } = await waveSumsQuery(waveId, layout, chunks).execute(db);
    document = fromJson<SumsDocument>(rows[0]!.sums);
    let largest = 0;
    for (const [, respondents] of document.teams ?? []) largest = Math.max(largest, respondents);
    if (largest <= FIELD_LIMIT) break;
    // Only when a team has thousands of answers: sum its respondents in chunks that fit.
    chunks *= Math.ceil(largest / CHUNK_TARGET);
  }
  const sums: WaveSums = {
    teams: (document.teams ?? []).map(([teamKey, respondents, packed]) => ({
      teamKey,
      respondents,
      counts: Object.fromEntries(layout.scoredItems.map((i, at) => [items[i]!.id, unpack(packed, 4 * at)])),
      completeCounts: Object.fromEntries(
        layout.scoredItems.map((i, at) => [items[i]!.id, unpack(packed, 4 * at + 2)]),
      ),
    })),
    scores: (document.scores ?? []).map(([teamKey, d, answered, respondents, total, totalSq]) => ({
      teamKey,
      dimension: dimensions[d]!.id,
      answered,
      respondents,
      total,
      totalSq,
    })),
    pairs: (document.pairs ?? []).map(
      ([
        d,
        answered,
        outcomeAnswered,
        respondents,
        total,
        outcomeTotal,
        product,
        totalSq,
        outcomeTotalSq,
      ]) => ({
        dimension: dimensions[d]!.id,
        answered,
        outcomeAnswered,
        respondents,
        total,
        outcomeTotal,
        product,
        totalSq,
        outcomeTotalSq,
      }),
    ),
  };
  const { rows: comments } = await sql<{ team_key: string; comments: string[] | string }>`
    select team.key as team_key, json_agg(r.comment order by r.id) as comments
    from response r join team on team.id = r.team_id
    where r.wave_id = ${waveId} and r.comment <> ''
    group by team.key`.execute(db);
  return aggregatesFromSums(
    items,
    dimensions,
    sums,
    comments.flatMap((row) =>
      fromJson<string[]>(row.comments).map((comment) => ({ teamKey: row.team_key, comment })),
    ),
  );
}

/** A team as a closed wave's report shows it: the hierarchy frozen at close (R3). */
export interface SnapshotTeam {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface WaveSnapshot {
  aggregates: WaveAggregates;
  /** Null only for a snapshot taken before hierarchies were frozen with it. */
  teams: SnapshotTeam[] | null;
}

export async function saveWaveSnapshot(
  db: Kysely<Database>,
  waveId: string,
  snapshot: { aggregates: WaveAggregates; teams: SnapshotTeam[]; published: PublishedFigures },
): Promise<void> {
  const values = {
    aggregates: JSON.stringify(snapshot.aggregates),
    teams: JSON.stringify(snapshot.teams),
    published: JSON.stringify(snapshot.published),
  };
  await db
    .insertInto('wave_snapshot')
    .values({ wave_id: waveId, ...values })
    // `excluded`, so each document travels once: a report of 10,000 teams freezes tens of
    // megabytes of JSON, and a second copy as the update's own parameters doubled what the
    // database parsed inside the close's transaction.
    .onConflict((oc) =>
      oc.column('wave_id').doUpdateSet((eb) => ({
        aggregates: eb.ref('excluded.aggregates'),
        teams: eb.ref('excluded.teams'),
        published: eb.ref('excluded.published'),
      })),
    )
    .execute();
}

/** What a closed wave's own report is built from; its published figures are read apart. */
export async function loadWaveSnapshot(db: Kysely<Database>, waveId: string): Promise<WaveSnapshot | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select(['aggregates', 'teams'])
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    aggregates: fromJson<WaveAggregates>(row.aggregates),
    teams: row.teams === null ? null : fromJson<SnapshotTeam[]>(row.teams),
  };
}

/** A closed wave's published figures alone, without its sums: what a later wave's trends read. */
export async function loadPublishedFigures(
  db: Kysely<Database>,
  waveId: string,
): Promise<PublishedFigures | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select('published')
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  return row?.published ? fromJson<PublishedFigures>(row.published) : null;
}
