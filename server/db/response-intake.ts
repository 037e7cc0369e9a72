import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../http/database-unavailable.ts';
import type { Database } from './database.ts';
import { type RecordOutcome, recordResponses, type Submission } from './responses.ts';

export interface ResponseIntake {
  /** Stores one submission exactly once and says what happened; safe to call concurrently. */
  record(submission: Submission): Promise<RecordOutcome>;
}

interface Waiting {
  submission: Submission;
  resolve(outcome: RecordOutcome): void;
  reject(error: unknown): void;
  /** False once its sender has heard back, or was told to try again. */
  waiting(): boolean;
}

/**
 * How long a submission waits for its statement before its sender hears "busy, try again":
 * below the 20 s after which the survey page gives up on a call itself, so the phone reads a
 * clear 503 with Retry-After rather than a dropped request.
 */
export const INTAKE_PATIENCE_MS = 15_000;

/**
 * The database did not store a submission within the intake's patience: it hangs, or a lock
 * holds the wave (a close of a very large wave). The sender is told to try again; whether the
 * statement still stores the answers later or not, the retry carries the same submission id and
 * is answered as stored or stored then (A4), never twice.
 */
export class IntakeStalled extends Error {
  constructor(readonly waveId: string) {
    super('the database did not store the submission in time');
  }
}

/** Keeps one statement's parameters, and the time a batch holds the wave's share lock, bounded. */
const MAX_BATCH = 500;

/** SQLSTATE 23503: a row names a team or wave that is gone, or a team no longer in its wave. */
function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}

/**
 * Stores link submissions that arrive together in one statement per wave.
 *
 * Nothing waits on a timer. A submission for a wave with no write in flight is written on the
 * event loop's next turn, together with whatever arrived in the same turn; submissions that
 * arrive while a write is in flight are written together as soon as it ends. A quiet survey is
 * stored as fast as a single insert, and an office answering at 9 a.m. shares statements and
 * commits instead of queueing for connections and for the wave's lock (on the embedded
 * database, which runs on this thread, one statement per request would serialize them all).
 * Every caller hears back only after its own response is committed.
 *
 * Submissions with an invitation code go through the same statement, so the code is consumed in
 * the transaction that stores every answer of that moment, not in one of its own beside a single
 * answer (A3). A second use of the same code in one batch waits for the next one, where it finds
 * the code used.
 */
export function createResponseIntake(
  db: Kysely<Database>,
  { patienceMs = INTAKE_PATIENCE_MS }: { patienceMs?: number } = {},
): ResponseIntake {
  const queues = new Map<string, Waiting[]>();

  async function drain(waveId: string, queue: Waiting[]) {
    try {
      while (queue.length > 0) {
        // A code's second use waits for the next statement; not if its sender gave up meanwhile.
        const later = await write(waveId, queue.splice(0, MAX_BATCH));
        queue.unshift(...later.filter((waiting) => waiting.waiting()));
      }
    } catch (error) {
      for (const waiting of queue.splice(0)) waiting.reject(error);
    } finally {
      queues.delete(waveId);
    }
  }

  /** Writes a batch and returns what must wait for the next one (a code's second use). */
  async function write(waveId: string, batch: Waiting[]): Promise<Waiting[]> {
    // Copies of one submission in the same batch (a retry racing its original) are stored once:
    // the first hears what happened, the others hear what a retry would.
    const copies = new Map<string, Waiting[]>();
    for (const waiting of batch) {
      const same = copies.get(waiting.submission.submissionId);
      if (same) same.push(waiting);
      else copies.set(waiting.submission.submissionId, [waiting]);
    }
    const groups: Waiting[][] = [];
    const later: Waiting[] = [];
    const codes = new Set<string>();
    for (const group of copies.values()) {
      const code = group[0]!.submission.invitation;
      if (code !== null && codes.has(code)) later.push(...group);
      else {
        if (code !== null) codes.add(code);
        groups.push(group);
      }
    }
    await writeGroups(waveId, groups);
    return later;
  }

  async function writeGroups(waveId: string, groups: Waiting[][]): Promise<void> {
    try {
      const outcomes = await recordResponses(
        db,
        waveId,
        groups.map(([first]) => first!.submission),
      );
      groups.forEach(([first, ...others], i) => {
        first!.resolve(outcomes[i]!);
        for (const other of others)
          other.resolve(outcomes[i] === 'recorded' ? 'already-recorded' : outcomes[i]!);
      });
    } catch (error) {
      // The database cannot serve: everyone in the batch hears it now (503, try again shortly),
      // rather than each after a further attempt of their own, one after another, each waiting
      // up to the pool's timeout.
      if (isDatabaseUnavailable(error)) {
        for (const group of groups) for (const waiting of group) waiting.reject(error);
        return;
      }
      if (groups.length === 1) {
        // Its team left the wave (a hierarchy import removed it) or the wave was deleted after
        // the link was looked up: the link no longer leads anywhere, which is no server error.
        const outcome = isForeignKeyViolation(error) ? 'team-left-wave' : null;
        for (const waiting of groups[0]!) outcome ? waiting.resolve(outcome) : waiting.reject(error);
        return;
      }
      // One failing row must not fail everyone who happened to share its statement: try each
      // alone, so each caller gets its own outcome or its own error. One after another, so each
      // statement counts what the one before it stored (the headcount cap stays exact).
      // Not for those whose senders were told to try again meanwhile: nothing stored for a 503.
      for (const group of groups)
        if (group.some((waiting) => waiting.waiting())) await writeGroups(waveId, [group]);
    }
  }

  return {
    record(submission) {
      return new Promise((resolve, reject) => {
        // A statement that never comes back (a database that hangs rather than refusing) keeps
        // one writer of its wave busy. Everyone waiting on it hears "try again" after the
        // intake's patience: the queue stays one writer per wave (the headcount cap stays exact,
        // and one stuck wave cannot take every connection), and what waited is bounded in time.
        // One still queued is taken out, so nothing is stored for an answer of 503.
        const timer = setTimeout(() => {
          const queue = queues.get(submission.waveId);
          const index = queue ? queue.indexOf(waiting) : -1;
          if (index >= 0) queue!.splice(index, 1);
          settle(() => reject(new IntakeStalled(submission.waveId)));
        }, patienceMs);
        timer.unref();
        let settled = false;
        const settle = (then: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          then();
        };
        const waiting: Waiting = {
          submission,
          resolve: (outcome) => settle(() => resolve(outcome)),
          reject: (error) => settle(() => reject(error)),
          waiting: () => !settled,
        };
        const queue = queues.get(submission.waveId);
        if (queue) {
          queue.push(waiting);
          return;
        }
        const fresh = [waiting];
        queues.set(submission.waveId, fresh);
        // After the current turn, so requests read in the same turn join this batch.
        setImmediate(() => void drain(submission.waveId, fresh));
      });
    },
  };
}
