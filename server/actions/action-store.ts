import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { actionSchema } from '../../shared/contract/actions.ts';
import type { Database } from '../db/database.ts';
import { fromJson } from '../db/json-column.ts';
import type { Figure } from '../domain/actions/action-types.ts';

/** An action as the API answers it, with its check-ins and its outcome (see `loadActions`). */
export type ActionView = z.output<typeof actionSchema>;

/**
 * An organization's actions, by due date, with their check-ins in order and one outcome each:
 * the one measured by `outcomeIn` when given (a report shows its own wave's), otherwise the
 * latest. `madeBefore` keeps the actions of waves closed before that closed wave (a report's),
 * or up to and including it.
 * Three queries whatever the number of actions.
 */
export async function loadActions(
  db: Kysely<Database>,
  organizationId: string,
  options: {
    madeBefore?: { id: string; inclusive?: boolean };
    outcomeIn?: string;
    ids?: string[];
  } = {},
): Promise<ActionView[]> {
  let query = db
    .selectFrom('action')
    .innerJoin('wave', 'wave.id', 'action.wave_id')
    .select([
      'action.id',
      'action.organization_id as organizationId',
      'action.wave_id as waveId',
      'wave.title as waveTitle',
      'action.team_key as teamKey',
      'action.dimension',
      'action.title',
      'action.owner',
      'action.steps',
      sql<string>`to_char(action.due_date, 'YYYY-MM-DD')`.as('dueDate'),
      'action.status',
      'action.baseline',
      'action.created_at as createdAt',
      'action.created_by as createdBy',
      'action.revision',
    ])
    .where('action.organization_id', '=', organizationId)
    .orderBy('action.due_date')
    .orderBy('action.created_at')
    .orderBy('action.id');
  if (options.madeBefore) {
    const { id, inclusive } = options.madeBefore;
    // Compared in SQL: a JavaScript Date drops the microseconds the column keeps. By closing time,
    // then id; a wave not closed yet (a consultant's preview) comes after every closed one.
    const before = sql<boolean>`(wave.closed_at, wave.id) < (select coalesce(r.closed_at, 'infinity'::timestamptz), r.id from wave r where r.id = ${id})`;
    query = query.where((eb) => (inclusive ? eb.or([before, eb('wave.id', '=', id)]) : before));
  }
  if (options.ids) {
    if (options.ids.length === 0) return [];
    query = query.where('action.id', 'in', options.ids);
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const checkIns = await db
    .selectFrom('action_check_in')
    .select(['action_id', 'at', 'author', 'status', 'note'])
    .where('action_id', 'in', ids)
    .orderBy('at')
    .orderBy('id')
    .execute();
  let outcomes = db
    .selectFrom('action_outcome')
    .innerJoin('wave', 'wave.id', 'action_outcome.wave_id')
    .select([
      'action_outcome.action_id',
      'action_outcome.wave_id',
      'action_outcome.current',
      'action_outcome.delta',
      'action_outcome.verdict',
      'wave.title as waveTitle',
    ])
    .where('action_outcome.action_id', 'in', ids)
    .orderBy('wave.closed_at')
    .orderBy('wave.id');
  if (options.outcomeIn) outcomes = outcomes.where('action_outcome.wave_id', '=', options.outcomeIn);
  // Ordered by wave, so the last one kept per action is its latest.
  const outcomeOf = new Map<string, NonNullable<ActionView['outcome']>>();
  for (const row of await outcomes.execute())
    outcomeOf.set(row.action_id, {
      waveId: row.wave_id,
      waveTitle: row.waveTitle,
      current: fromJson<Figure | null>(row.current),
      delta: row.delta,
      verdict: row.verdict,
    });

  const checkInsOf = new Map<string, ActionView['checkIns']>();
  for (const { action_id, at, author, status, note } of checkIns) {
    const list = checkInsOf.get(action_id) ?? [];
    list.push({ at: at.toISOString(), author, status, note });
    checkInsOf.set(action_id, list);
  }

  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    steps: fromJson<string[]>(row.steps),
    baseline: fromJson<Figure>(row.baseline),
    checkIns: checkInsOf.get(row.id) ?? [],
    outcome: outcomeOf.get(row.id) ?? null,
  }));
}

/** The organization an action belongs to, its team and its wave: what the access check needs. */
export async function actionOwnership(
  db: Kysely<Database>,
  actionId: string,
): Promise<{ organizationId: string; teamKey: string | null; waveId: string } | undefined> {
  return db
    .selectFrom('action')
    .select(['organization_id as organizationId', 'team_key as teamKey', 'wave_id as waveId'])
    .where('id', '=', actionId)
    .executeTakeFirst();
}
