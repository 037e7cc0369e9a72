import { type Kysely, sql } from 'kysely';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import { fromJson } from '../db/json-column.ts';
import { findWave, type WaveRecord } from '../db/waves.ts';
import { type ActionStatus, type Figure, MEASURED_STATUSES } from '../domain/actions/action-types.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { measureAgainstLaterWaves } from './record-outcomes.ts';

/** Who made a change: a signed-in person, or null for the demo; `author` is the name kept with it. */
type Actor = { userId: string; email: string } | null;

/**
 * Records an action on a published cell with its baseline, the outcomes of waves that closed
 * since, and its audit entry, in one transaction. The caller has checked the cell is published.
 */
export async function createAction(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  input: {
    wave: WaveRecord;
    teamKey: string | null;
    dimension: string;
    title: string;
    owner: string;
    dueDate: string;
    steps: string[];
    baseline: Figure;
    author: string;
  },
  actor: Actor,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('action')
      .values({
        organization_id: input.wave.organizationId,
        wave_id: input.wave.id,
        team_key: input.teamKey,
        dimension: input.dimension,
        title: input.title,
        owner: input.owner,
        steps: JSON.stringify(input.steps),
        due_date: input.dueDate,
        baseline: JSON.stringify(input.baseline),
        created_by: input.author,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await measureAgainstLaterWaves(trx, { id, ...input }, catalog);
    await audit(trx, {
      organizationId: input.wave.organizationId,
      actor,
      action: 'action.create',
      detail: { actionId: id, waveId: input.wave.id, teamKey: input.teamKey, dimension: input.dimension },
    });
    return id;
  });
}

export interface ActionChange {
  status?: ActionStatus;
  note?: string;
  dueDate?: string;
  owner?: string;
  title?: string;
  /** The revision the change was made against: a change made against an older one is refused. */
  revision?: number;
}

/**
 * Changes an action and keeps the record: a status change or a note becomes a dated check-in by
 * its author, and every change is audited, all in one transaction. The row is locked so two
 * check-ins at once both see the status they change, and a change made against a revision the
 * action has left behind changes nothing (`'stale'`): its author is shown the action as it is.
 * A change that would leave the action as it is changes nothing, its revision included
 * (`'unchanged'`). An action taken up again after being dropped is measured against the waves that
 * closed after its own and have not measured it, as a new one is: the closes meanwhile skipped it.
 */
export async function updateAction(
  db: Kysely<Database>,
  catalog: QuestionnaireCatalog,
  actionId: string,
  change: ActionChange,
  by: { actor: Actor; author: string },
  now: Date,
): Promise<'updated' | 'unchanged' | 'stale'> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('action')
      .select([
        'organization_id',
        'status',
        'revision',
        'wave_id',
        'team_key',
        'dimension',
        'baseline',
        'owner',
        'title',
        sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date'),
      ])
      .where('id', '=', actionId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (change.revision !== undefined && change.revision !== before.revision) return 'stale';
    // Only what differs is a change: the status it already has, sent again, changes nothing, and
    // moves the revision no one else then has to catch up with.
    const differs = <T>(value: T | undefined, was: T): value is T => value !== undefined && value !== was;
    const fields = {
      ...(differs(change.status, before.status) ? { status: change.status } : {}),
      ...(differs(change.dueDate, before.due_date) ? { due_date: change.dueDate } : {}),
      ...(differs(change.owner, before.owner) ? { owner: change.owner } : {}),
      ...(differs(change.title, before.title) ? { title: change.title } : {}),
    };
    const statusChanged = fields.status !== undefined;
    if (Object.keys(fields).length === 0 && change.note === undefined) return 'unchanged';
    await trx
      .updateTable('action')
      .set({ ...fields, revision: before.revision + 1 })
      .where('id', '=', actionId)
      .execute();
    if (statusChanged && before.status === 'dropped' && MEASURED_STATUSES.includes(change.status!)) {
      const wave = (await findWave(trx, before.wave_id))!;
      const baseline = fromJson<Figure>(before.baseline);
      await measureAgainstLaterWaves(
        trx,
        { id: actionId, wave, teamKey: before.team_key, dimension: before.dimension, baseline },
        catalog,
      );
    }
    if (statusChanged || change.note !== undefined)
      await trx
        .insertInto('action_check_in')
        .values({
          action_id: actionId,
          at: now,
          author: by.author,
          status: statusChanged ? change.status! : null,
          note: change.note ?? null,
        })
        .execute();
    await audit(trx, {
      organizationId: before.organization_id,
      actor: by.actor,
      action: 'action.update',
      detail: {
        actionId,
        ...(statusChanged ? { from: before.status, to: change.status } : {}),
        ...(fields.due_date !== undefined ? { dueDate: fields.due_date } : {}),
        ...(fields.owner !== undefined ? { owner: fields.owner } : {}),
        ...(fields.title !== undefined ? { title: true } : {}),
        ...(change.note !== undefined ? { note: true } : {}),
      },
    });
    return 'updated';
  });
}
