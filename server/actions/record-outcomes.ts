import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { fromJson } from '../db/json-column.ts';
import { loadFrozenTree } from '../db/wave-aggregates.ts';
import { type WaveRecord, waveColumns } from '../db/waves.ts';
import { type Figure, MEASURED_STATUSES } from '../domain/actions/action-types.ts';
import { cellFigure } from '../domain/actions/cell-figure.ts';
import { measureOutcome } from '../domain/actions/outcome.ts';
import { ORGANIZATION } from '../domain/hierarchy/hierarchy.ts';
import { changedPopulations } from '../domain/report/changed-populations.ts';
import type { PublishedFigures } from '../domain/report/published-figures.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { publishedFiguresWithCounts } from './published-counts.ts';

interface Measured {
  id: string;
  teamKey: string | null;
  dimension: string;
  baseline: Figure;
}

/**
 * Writes each action's outcome in one wave's figures; a dimension that wave did not ask is skipped.
 * A group whose people differ from those of the action's own wave (teams asked by one wave only,
 * or moved) is not measurable there: its change would compare two different sets of people.
 */
async function writeOutcomes(
  trx: Transaction<Database>,
  waveId: string,
  figures: PublishedFigures,
  actions: readonly (Measured & { waveId: string })[],
): Promise<number> {
  const now = await loadFrozenTree(trx, waveId);
  const changedSince = new Map<string, Set<string>>();
  for (const from of new Set(actions.map((action) => action.waveId))) {
    const then = await loadFrozenTree(trx, from);
    // Snapshots from before trees were frozen cannot say, and are measured as before.
    if (now && then) changedSince.set(from, changedPopulations(now, then));
  }
  const rows = actions.flatMap((action) => {
    const moved = changedSince.get(action.waveId)?.has(action.teamKey ?? ORGANIZATION) ?? false;
    const current = moved ? null : cellFigure(figures, action.teamKey, action.dimension);
    // Not asked (another questionnaire without this dimension): nothing to measure.
    if (current === undefined && !Object.hasOwn(figures.organization.dimensions, action.dimension)) return [];
    const outcome = measureOutcome(waveId, action.baseline, current ?? null);
    return [
      {
        action_id: action.id,
        wave_id: waveId,
        current: outcome.current === null ? null : JSON.stringify(outcome.current),
        delta: outcome.delta,
        verdict: outcome.verdict,
      },
    ];
  });
  if (rows.length === 0) return 0;
  await trx
    .insertInto('action_outcome')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['action_id', 'wave_id']).doUpdateSet((eb) => ({
        current: eb.ref('excluded.current'),
        delta: eb.ref('excluded.delta'),
        verdict: eb.ref('excluded.verdict'),
      })),
    )
    .execute();
  return rows.length;
}

/**
 * Measures, inside the transaction that closes `closed`, every open or done action of the
 * organization's earlier waves against the figures this close has just frozen: the outcome is
 * part of the close, so it commits with it or not at all, and no later read computes it.
 */
export async function recordActionOutcomes(
  trx: Transaction<Database>,
  closed: WaveRecord,
  catalog: QuestionnaireCatalog,
): Promise<number> {
  const actions = await trx
    .selectFrom('action')
    .innerJoin('wave', 'wave.id', 'action.wave_id')
    .select([
      'action.id',
      'action.wave_id as waveId',
      'action.team_key as teamKey',
      'action.dimension',
      'action.baseline',
    ])
    .where('action.organization_id', '=', closed.organizationId)
    .where('action.status', 'in', MEASURED_STATUSES)
    // Every action of a wave closed before this one, whenever it was created (a diagnostic made in
    // advance may close last): by closing time, then id, as a report lists them (`loadActions`).
    .where(
      sql<boolean>`(wave.closed_at, wave.id) < (select c.closed_at, c.id from wave c where c.id = ${closed.id})`,
    )
    .execute();
  if (actions.length === 0) return 0;
  const figures = await publishedFiguresWithCounts(trx, closed, catalog);
  return writeOutcomes(
    trx,
    closed.id,
    figures,
    actions.map((a) => ({ ...a, baseline: fromJson<Figure>(a.baseline) })),
  );
}

/**
 * Measures an action against the waves that closed after its own and have not measured it: a new
 * one, so an action recorded late still shows what those waves published, or one taken up again
 * after being dropped, which the closes meanwhile skipped. An outcome already recorded stays as
 * it was recorded (one from before 2026-11-28 keeps its figures, docs/scoring.md).
 */
export async function measureAgainstLaterWaves(
  trx: Transaction<Database>,
  action: Measured & { wave: WaveRecord },
  catalog: QuestionnaireCatalog,
): Promise<void> {
  // Every later wave, whatever its status, under a share lock: a wave closing at this moment
  // holds its row until its close commits, so this waits for it and then reads it closed. Read
  // as open instead, the close (which lists the actions committed before it) and this (which saw
  // the wave open) would each leave the action's outcome to the other, and nothing would measure
  // it. Filtering on the status in SQL would skip that row unread rather than wait for it.
  const later = await trx
    .selectFrom('wave')
    .select(waveColumns)
    .where('organization_id', '=', action.wave.organizationId)
    .where('id', '!=', action.wave.id)
    // Later by the order of closing: still open, or closed after the action's own wave (then by id).
    .where(
      sql<boolean>`(closed_at is null or (closed_at, id) > (select o.closed_at, o.id from wave o where o.id = ${action.wave.id}))`,
    )
    // The order a team import locks the overdue waves it closes in (`closeOverdueWavesOf`).
    .orderBy('closes_at')
    .orderBy('id')
    .forShare()
    .execute();
  const measured = new Set(
    (
      await trx.selectFrom('action_outcome').select('wave_id').where('action_id', '=', action.id).execute()
    ).map((row) => row.wave_id),
  );
  for (const wave of later.filter((w) => w.status === 'closed' && !measured.has(w.id)))
    await writeOutcomes(trx, wave.id, await publishedFiguresWithCounts(trx, wave, catalog), [
      { ...action, waveId: action.wave.id },
    ]);
}
