import type { Kysely } from 'kysely';
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

export async function saveWaveSnapshot(
  db: Kysely<Database>,
  waveId: string,
  aggregates: WaveAggregates,
): Promise<void> {
  await db
    .insertInto('wave_snapshot')
    .values({ wave_id: waveId, aggregates: JSON.stringify(aggregates) })
    .onConflict((oc) => oc.column('wave_id').doUpdateSet({ aggregates: JSON.stringify(aggregates) }))
    .execute();
}

export async function loadWaveSnapshot(db: Kysely<Database>, waveId: string): Promise<WaveAggregates | null> {
  const row = await db
    .selectFrom('wave_snapshot')
    .select('aggregates')
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  if (!row) return null;
  return (typeof row.aggregates === 'string' ? JSON.parse(row.aggregates) : row.aggregates) as WaveAggregates;
}
