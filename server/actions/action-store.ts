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
 * or up to and including it. Each team is named as its action's own wave named it (`teamNames`).
 * Four queries whatever the number of actions (five if a wave closed before trees were frozen).
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
  if (options.ids?.length === 0) return [];
  const rows = await actionRows(db, organizationId, options).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const teamName = await teamNames(db, organizationId, rows);

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
    teamName: row.teamKey === null ? null : teamName(row.waveId, row.teamKey),
    createdAt: row.createdAt.toISOString(),
    steps: fromJson<string[]>(row.steps),
    baseline: fromJson<Figure>(row.baseline),
    checkIns: checkInsOf.get(row.id) ?? [],
    outcome: outcomeOf.get(row.id) ?? null,
  }));
}

/**
 * The actions themselves, by due date, each with its wave's title: what `loadActions` completes,
 * and, alone, what a shared results page shows employees (which needs no check-in, outcome or
 * team name, so spends no query on them). `ids`, when given, names at least one.
 */
export function actionRows(
  db: Kysely<Database>,
  organizationId: string,
  options: { madeBefore?: { id: string; inclusive?: boolean }; ids?: string[] } = {},
) {
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
  if (options.ids) query = query.where('action.id', 'in', options.ids);
  return query;
}

/**
 * The names of the actions' teams in the trees their own waves froze at close: what the report
 * the action was made on called the team, which a rename or a move since does not change, and
 * which a later wave that did not ask the team cannot supply. Each wave's tree is read once, in
 * the database, and only the names asked for come back. A wave closed before trees were frozen
 * has today's names standing in, as it has today's tree (`WaveTrees`); a team gone since then too
 * is called by its key.
 */
async function teamNames(
  db: Kysely<Database>,
  organizationId: string,
  actions: readonly { waveId: string; teamKey: string | null }[],
): Promise<(waveId: string, teamKey: string) => string> {
  const onTeams = actions.filter((a): a is { waveId: string; teamKey: string } => a.teamKey !== null);
  if (onTeams.length === 0) return (_, teamKey) => teamKey;
  const waveIds = [...new Set(onTeams.map((a) => a.waveId))];
  const teamKeys = [...new Set(onTeams.map((a) => a.teamKey))];
  const { rows: frozen } = await sql<{ waveId: string; teamKey: string; name: string }>`
    select wave_snapshot.wave_id as "waveId", team->>'key' as "teamKey", team->>'name' as name
    from wave_snapshot
    cross join lateral json_array_elements(
      case when json_typeof(wave_snapshot.teams) = 'array' then wave_snapshot.teams else '[]'::json end
    ) as team
    where wave_snapshot.wave_id in (${sql.join(waveIds)}) and team->>'key' in (${sql.join(teamKeys)})`.execute(
    db,
  );
  const pair = (waveId: string, teamKey: string) => `${waveId} ${teamKey}`;
  const names = new Map(frozen.map((row) => [pair(row.waveId, row.teamKey), row.name]));
  const unnamed = [
    ...new Set(onTeams.filter((a) => !names.has(pair(a.waveId, a.teamKey))).map((a) => a.teamKey)),
  ];
  const today =
    unnamed.length === 0
      ? new Map<string, string>()
      : new Map(
          (
            await db
              .selectFrom('team')
              .select(['key', 'name'])
              .where('organization_id', '=', organizationId)
              .where('key', 'in', unnamed)
              .execute()
          ).map((team) => [team.key, team.name]),
        );
  return (waveId, teamKey) => names.get(pair(waveId, teamKey)) ?? today.get(teamKey) ?? teamKey;
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
