import type { Kysely, Transaction } from 'kysely';
import { recordActionOutcomes } from '../actions/record-outcomes.ts';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import { holdHierarchy } from '../db/organizations.ts';
import { reclaimSoon } from '../db/reclaim.ts';
import { loadFrozenTeams } from '../db/wave-aggregates.ts';
import { createInvitations, newCode, type WaveRecord, waveColumns } from '../db/waves.ts';
import { canMove, effectiveStatus } from '../domain/participation/wave-state.ts';
import { type ErrorCode, errorMessage } from '../http/error-codes.ts';
import { queueInvitations } from '../mail/outbox.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { type SecondConnection, type SummedInPlace, sealWave } from './seal-wave.ts';

/**
 * A wave's life, in one place: create, open, close (by a person or by its deadline) and its
 * publication. Each change is one transaction with its audit entry; routes, the demo, the bench
 * and the deadline task all come through here, and nothing else changes a wave's status.
 */

/** Who changed a wave: a signed-in person, or null for the deadline task. */
export type WaveActor = { userId: string; email: string } | null;

/** A change the wave's state does not allow; routes answer 409 with its code. */
export class WaveStateError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(errorMessage(code, params));
  }
}

type Db = Kysely<Database>;

/** Loads a wave and locks its row until the transaction ends, so changes to one wave queue up. */
export async function lockWave(trx: Transaction<Database>, waveId: string): Promise<WaveRecord | undefined> {
  return trx.selectFrom('wave').select(waveColumns).where('id', '=', waveId).forUpdate().executeTakeFirst();
}

/**
 * Refuses a change to an open wave whose deadline has passed: the deadline task closes it within
 * seconds (longer while a close keeps failing), and until then it is closed in all but name, as
 * the survey and `closeWave` already treat it. A later deadline set meanwhile would open its links
 * again, and codes, recipients or reminders added would reach people after the close. Called on
 * the wave's locked row, with the same clock as the deadline task.
 */
export function refuseIfPastDeadline(wave: WaveRecord, now: Date): void {
  if (wave.status === 'open' && effectiveStatus(wave, now) === 'closed')
    throw new WaveStateError('wave.closing-time-passed');
}

export async function createWave(
  db: Db,
  wave: {
    organizationId: string;
    title: string;
    questionnaireKey: string;
    questionnaireVersion: string;
    closesAt: Date | null;
    teamIds: string[];
    opensAt?: Date | null;
    reminderDays?: number[];
    locale?: string | null;
  },
  actor: WaveActor,
): Promise<WaveRecord> {
  return db.transaction().execute(async (trx) => {
    // A wave created while a team import runs waits for it, so the import's check of the teams
    // of waves not yet closed cannot miss one made, and opened, before its removals.
    await holdHierarchy(trx, wave.organizationId);
    const created = await trx
      .insertInto('wave')
      .values({
        organization_id: wave.organizationId,
        title: wave.title,
        questionnaire_key: wave.questionnaireKey,
        questionnaire_version: wave.questionnaireVersion,
        closes_at: wave.closesAt,
        opens_at: wave.opensAt ?? null,
        reminder_days: JSON.stringify(wave.reminderDays ?? []),
        locale: wave.locale ?? null,
      })
      .returning(waveColumns)
      .executeTakeFirstOrThrow();
    if (wave.teamIds.length > 0) {
      await trx
        .insertInto('wave_team')
        .values(wave.teamIds.map((teamId) => ({ wave_id: created.id, team_id: teamId, code: newCode() })))
        .execute()
        .catch((error: unknown) => {
          // A team import removed a chosen team after the caller read the teams (PostgreSQL runs
          // the two side by side): nothing is created, and the consultant can simply try again.
          if ((error as { code?: unknown }).code === '23503') throw new WaveStateError('wave.teams-changed');
          throw error;
        });
    }
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.create',
      detail: { waveId: created.id, title: wave.title },
    });
    return created;
  });
}

/** Opens a draft; `scheduled`: by the schedule, which found it due before taking its lock. */
export async function openWave(
  db: Db,
  waveId: string,
  actor: WaveActor,
  now: Date,
  scheduled = false,
): Promise<WaveRecord> {
  return db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (!canMove(wave.status, 'open')) throw new WaveStateError('wave.wrong-step', { status: wave.status });
    if (wave.closesAt && wave.closesAt <= now) throw new WaveStateError('wave.closing-time-passed');
    // The schedule listed it as due before taking this lock: a consultant who has since put the
    // opening off, or cleared it, keeps it a draft, and nobody is emailed.
    if (scheduled && !(wave.opensAt && wave.opensAt <= now))
      throw new WaveStateError('wave.wrong-step', { status: wave.status });
    // An import removed every team of this draft: it would open with no link to answer through.
    // Teams are not added to a wave once created, so it stays a draft for good.
    const team = await trx
      .selectFrom('wave_team')
      .select('team_id')
      .where('wave_id', '=', waveId)
      .limit(1)
      .executeTakeFirst();
    if (!team) throw new WaveStateError('wave.no-teams');
    const opened = await trx
      .updateTable('wave')
      .set({ status: 'open', opened_at: now })
      .where('id', '=', waveId)
      .returning(waveColumns)
      .executeTakeFirstOrThrow();
    const invited = await queueInvitations(trx, waveId);
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.open',
      detail: actor ? { waveId, invited } : { waveId, invited, by: 'schedule' },
    });
    return opened;
  });
}

/**
 * Issues single-use invitation codes (their hashes) for one team of a draft or open wave, with its
 * audit entry. The wave's row is locked so a close cannot slip in between: a closed wave keeps no
 * invitation rows (A3).
 */
export async function issueInvitations(
  db: Db,
  invitation: { waveId: string; teamId: string; teamKey: string; codeHashes: string[] },
  actor: WaveActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, invitation.waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (wave.status === 'closed') throw new WaveStateError('wave.closed');
    refuseIfPastDeadline(wave, now);
    await createInvitations(trx, invitation);
    await audit(trx, {
      organizationId: wave.organizationId,
      actor,
      action: 'wave.invitations',
      detail: { waveId: wave.id, teamKey: invitation.teamKey, count: invitation.codeHashes.length },
    });
  });
}

/**
 * Closes one open wave in one transaction: status, submission keys and invitations deleted,
 * responses rewritten, publication frozen, audit entry (see `sealWave`). A failure anywhere
 * leaves the wave open and intact. The share lock that every submission takes on the wave row
 * makes this wait for submissions in flight, so the publication includes every acknowledged one.
 */
async function closeLocked(
  trx: Transaction<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  closedAt: Date,
  actor: WaveActor,
  beside: SecondConnection | null = null,
): Promise<WaveRecord> {
  const closed = await trx
    .updateTable('wave')
    .set({ status: 'closed', closed_at: closedAt })
    .where('id', '=', wave.id)
    .returning(waveColumns)
    .executeTakeFirstOrThrow();
  await sealWave(trx, closed, catalog, { teams: null }, beside);
  await audit(trx, {
    organizationId: wave.organizationId,
    actor,
    action: 'wave.close',
    detail: actor ? { waveId: wave.id } : { waveId: wave.id, by: 'deadline' },
  });
  await recordActionOutcomes(trx, closed, catalog);
  return closed;
}

export async function closeWave(
  db: Db,
  catalog: QuestionnaireCatalog,
  waveId: string,
  actor: WaveActor,
  now: Date,
  onFallback?: SummedInPlace,
): Promise<WaveRecord> {
  const closed = await db.transaction().execute(async (trx) => {
    const wave = await lockWave(trx, waveId);
    if (!wave) throw new WaveStateError('wave.not-found');
    if (!canMove(wave.status, 'closed')) throw new WaveStateError('wave.wrong-step', { status: wave.status });
    // A wave past its deadline closed then, whoever presses the button later.
    const closedAt = wave.closesAt && wave.closesAt < now ? wave.closesAt : now;
    return closeLocked(trx, wave, catalog, closedAt, actor, { pool: db, onFallback });
  });
  reclaimSoon(db);
  return closed;
}

/**
 * Closes every open wave whose deadline has passed, each in its own transaction, at its deadline.
 * Several instances may run this at once on one PostgreSQL: `skip locked` hands each wave to one
 * of them, and a wave being closed by a person is skipped here and closed there.
 */
export async function closeOverdueWaves(
  db: Db,
  catalog: QuestionnaireCatalog,
  now: Date,
  onFailure: (waveId: string, error: unknown) => void = () => {},
  onFallback?: SummedInPlace,
): Promise<string[]> {
  const closed: string[] = [];
  // A wave whose close fails is left for the next check, and must not hold back the others.
  const failed: string[] = [];
  for (;;) {
    let candidate: string | null = null;
    try {
      const id = await db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('wave')
          .select(waveColumns)
          .where('status', '=', 'open')
          .where('closes_at', '<=', now)
          .orderBy('closes_at')
          .limit(1)
          .forUpdate()
          .skipLocked();
        if (failed.length > 0) query = query.where('id', 'not in', failed);
        const wave = await query.executeTakeFirst();
        if (!wave) return null;
        candidate = wave.id;
        await closeLocked(trx, wave, catalog, wave.closesAt!, null, { pool: db, onFallback });
        return wave.id;
      });
      if (id === null) break;
      closed.push(id);
    } catch (error) {
      if (candidate === null) throw error;
      failed.push(candidate);
      onFailure(candidate, error);
    }
  }
  if (closed.length > 0) reclaimSoon(db);
  return closed;
}

/**
 * Closes, inside a caller's transaction, every wave of one organization whose deadline has passed:
 * a command that changes what a closing wave would freeze (a new hierarchy) runs this first, so a
 * wave is always frozen over the tree it had at its deadline (R3). Waits for a close in progress
 * elsewhere rather than skipping it. The caller reclaims dead rows after its commit.
 */
export async function closeOverdueWavesOf(
  trx: Transaction<Database>,
  catalog: QuestionnaireCatalog,
  organizationId: string,
  now: Date,
): Promise<number> {
  const overdue = await trx
    .selectFrom('wave')
    .select(waveColumns)
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'open')
    .where('closes_at', '<=', now)
    // In the order `measureAgainstLaterWaves` locks waves in too, so neither waits on the other.
    .orderBy('closes_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const wave of overdue) {
    // Another transaction may have closed it while this one waited for the lock.
    const current = await lockWave(trx, wave.id);
    if (current?.status === 'open') await closeLocked(trx, current, catalog, current.closesAt!, null);
  }
  return overdue.length;
}

/**
 * Seals, once, every wave that was closed before closing sealed waves: their rows are rewritten
 * like a close's, and what their snapshot lacked (or the whole snapshot, for a wave that a read
 * closed at its deadline without freezing it) is frozen now. A hierarchy already frozen is kept,
 * since readers have seen it. Runs at start-up; several instances share the work.
 */
export async function sealClosedWaves(
  db: Db,
  catalog: QuestionnaireCatalog,
  onFailure: (waveId: string, error: unknown) => void = () => {},
  onFallback?: SummedInPlace,
): Promise<number> {
  let sealed = 0;
  // One wave that cannot be sealed (its report then answers 503) must not stop the start.
  const failed: string[] = [];
  for (;;) {
    let candidate: string | null = null;
    const done = await db
      .transaction()
      .execute(async (trx) => {
        let query = trx
          .selectFrom('wave')
          .select(waveColumns)
          .where('status', '=', 'closed')
          .where('sealed', '=', false)
          .orderBy('closed_at')
          .limit(1)
          .forUpdate()
          .skipLocked();
        if (failed.length > 0) query = query.where('id', 'not in', failed);
        const wave = await query.executeTakeFirst();
        if (!wave) return false;
        candidate = wave.id;
        await sealWave(
          trx,
          wave,
          catalog,
          { teams: await loadFrozenTeams(trx, wave.id) },
          { pool: db, onFallback },
        );
        return true;
      })
      .catch((error: unknown) => {
        if (candidate === null) throw error;
        failed.push(candidate);
        onFailure(candidate, error);
        return null;
      });
    if (done === false) break;
    if (done) sealed += 1;
  }
  if (sealed > 0) reclaimSoon(db);
  return sealed;
}
