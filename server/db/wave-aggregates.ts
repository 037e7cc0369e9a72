import { type Kysely, sql } from 'kysely';
import type { PublishedFigures } from '../domain/report/published-figures.ts';
import type { ScoredDimension, ScoredItem, WaveAggregates } from '../domain/scoring/aggregates.ts';
import { aggregatesFromGroups, type WaveGroups } from '../domain/scoring/aggregates-from-groups.ts';
import type { Database } from './database.ts';

/**
 * A wave's sums, computed by the database in one statement when the wave closes: it expands each
 * response's answers once, keys them (reverse items), and groups them every way a report needs,
 * so no response travels to this process and the close costs one scan instead of a stream of
 * rows through JavaScript. Every sum is an integer (see `WaveGroups`); the domain divides.
 * Groups come in a fixed order, so the same answers always give the same figures (R3).
 */
export async function computeWaveAggregates(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<WaveAggregates> {
  const itemsPerDimension = dimensions.map((d) => items.filter((item) => item.dimension === d.id).length);
  const { rows } = await sql<{
    kind: string;
    team_key: string | null;
    k1: string | null;
    k2: string | null;
    v: number[];
    texts: string[] | null;
  }>`
    with item as (
      select * from unnest(
        ${items.map((i) => i.id)}::text[], ${items.map((i) => i.dimension)}::text[], ${items.map((i) => i.reverse)}::boolean[]
      ) as item (id, dimension, reverse)
    ),
    dimension as (
      select * from unnest(
        ${dimensions.map((d) => d.id)}::text[], ${itemsPerDimension}::int[], ${dimensions.map((d) => d.outcome)}::boolean[]
      ) as dimension (id, item_count, outcome)
    ),
    answer as materialized (
      select r.id as response_id, t.key as team_key, item.id as item, item.dimension,
        case when item.reverse then 6 - (a.value)::int else (a.value)::int end as v
      from response r
      join team t on t.id = r.team_id
      cross join lateral jsonb_each(r.answers) as a (key, value)
      join item on item.id = a.key
      where r.wave_id = ${waveId} and jsonb_typeof(a.value) = 'number'
    ),
    respondent_dimension as materialized (
      select a.response_id, a.team_key, a.dimension, count(*)::int as answered, sum(a.v)::int as total,
        d.item_count, d.outcome,
        -- A score needs at least half the dimension's items answered: answered ≥ ⌈m/2⌉ ⟺ 2·answered ≥ m.
        (2 * count(*) >= d.item_count) as scored
      from answer a join dimension d on d.id = a.dimension
      group by a.response_id, a.team_key, a.dimension, d.item_count, d.outcome
    )
    select 'respondents' as kind, t.key as team_key, null as k1, null as k2,
      array[count(*)]::float8[] as v,
      array_agg(r.comment order by r.id) filter (where r.comment is not null and r.comment <> '') as texts
    from response r join team t on t.id = r.team_id
    where r.wave_id = ${waveId}
    group by t.key
    union all
    select 'item', team_key, item, null,
      array[count(*), sum(v), sum(v * v),
        count(*) filter (where v = 1), count(*) filter (where v = 2), count(*) filter (where v = 3),
        count(*) filter (where v = 4), count(*) filter (where v = 5)]::float8[],
      null
    from answer group by team_key, item
    union all
    select 'dimension-counts', team_key, dimension, null,
      array[count(*) filter (where v = 1), count(*) filter (where v = 2), count(*) filter (where v = 3),
        count(*) filter (where v = 4), count(*) filter (where v = 5)]::float8[],
      null
    from answer group by team_key, dimension
    union all
    select 'dimension-scores', team_key, dimension, answered::text,
      array[count(*), sum(total), sum(total * total)]::float8[], null
    from respondent_dimension where scored group by team_key, dimension, answered
    union all
    select 'reliability', null, dimension, null,
      array[count(*), sum(total), sum(total * total)]::float8[], null
    from respondent_dimension where answered = item_count group by dimension
    union all
    select 'reliability-item', null, a.dimension, a.item, array[sum(a.v), sum(a.v * a.v)]::float8[], null
    from answer a join respondent_dimension rd using (response_id, dimension)
    where rd.answered = rd.item_count group by a.dimension, a.item
    union all
    select 'driver', null, x.dimension, x.answered || ':' || y.answered,
      array[count(*), sum(x.total), sum(y.total), sum(x.total * y.total), sum(x.total * x.total),
        sum(y.total * y.total)]::float8[], null
    from respondent_dimension x
    join respondent_dimension y on y.response_id = x.response_id and y.outcome and y.scored
    where not x.outcome and x.scored
    group by x.dimension, x.answered, y.answered
    order by 1, 2, 3, 4`.execute(db);

  const groups: WaveGroups = {
    respondents: [],
    comments: [],
    items: [],
    dimensionCounts: [],
    dimensionScores: [],
    reliability: [],
    reliabilityItems: [],
    drivers: [],
  };
  for (const row of rows) {
    const v = row.v.map(Number);
    const teamKey = row.team_key ?? '';
    switch (row.kind) {
      case 'respondents':
        groups.respondents.push({ teamKey, n: v[0]! });
        if (row.texts?.length) groups.comments.push({ teamKey, comments: row.texts });
        break;
      case 'item':
        groups.items.push({ teamKey, item: row.k1!, n: v[0]!, sum: v[1]!, sumSq: v[2]!, counts: v.slice(3) });
        break;
      case 'dimension-counts':
        groups.dimensionCounts.push({ teamKey, dimension: row.k1!, counts: v });
        break;
      case 'dimension-scores':
        groups.dimensionScores.push({
          teamKey,
          dimension: row.k1!,
          answered: Number(row.k2),
          n: v[0]!,
          total: v[1]!,
          totalSq: v[2]!,
        });
        break;
      case 'reliability':
        groups.reliability.push({ dimension: row.k1!, n: v[0]!, totalSum: v[1]!, totalSumSq: v[2]! });
        break;
      case 'reliability-item':
        groups.reliabilityItems.push({ dimension: row.k1!, item: row.k2!, sum: v[0]!, sumSq: v[1]! });
        break;
      case 'driver': {
        const [answeredX, answeredY] = row.k2!.split(':').map(Number) as [number, number];
        groups.drivers.push({
          dimension: row.k1!,
          answeredX,
          answeredY,
          n: v[0]!,
          tx: v[1]!,
          ty: v[2]!,
          txy: v[3]!,
          txx: v[4]!,
          tyy: v[5]!,
        });
        break;
      }
    }
  }
  return aggregatesFromGroups(items, dimensions, groups);
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

const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

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
    .onConflict((oc) => oc.column('wave_id').doUpdateSet(values))
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
