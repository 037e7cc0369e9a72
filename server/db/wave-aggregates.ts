import type { Kysely } from 'kysely';
import type { PublishedFigures } from '../domain/report/published-figures.ts';
import {
  createAccumulator,
  type ScoredDimension,
  type ScoredItem,
  type WaveAggregates,
} from '../domain/scoring/aggregates.ts';
import type { Database } from './database.ts';

const PAGE = 5000;

/**
 * Reads a wave's responses in pages (by id, which is random, so no order leaks) and keeps
 * only their sums. Run once when a wave closes; reports then read the stored sums.
 */
export async function computeWaveAggregates(
  db: Kysely<Database>,
  waveId: string,
  items: ScoredItem[],
  dimensions: ScoredDimension[],
): Promise<WaveAggregates> {
  const accumulator = createAccumulator(items, dimensions);
  let after: string | null = null;
  for (;;) {
    let query = db
      .selectFrom('response')
      .innerJoin('team', 'team.id', 'response.team_id')
      .select(['response.id', 'team.key as teamKey', 'response.answers', 'response.comment'])
      .where('response.wave_id', '=', waveId)
      .orderBy('response.id')
      .limit(PAGE);
    if (after !== null) query = query.where('response.id', '>', after);
    const rows = await query.execute();
    for (const row of rows)
      accumulator.add({ teamKey: row.teamKey, answers: row.answers, comment: row.comment });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  return accumulator.result();
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
