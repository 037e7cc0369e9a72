import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { type RecordOutcome, recordInvitedResponse, recordResponses, type Submission } from './responses.ts';

export interface ResponseIntake {
  /** Stores one submission exactly once and says what happened; safe to call concurrently. */
  record(submission: Submission): Promise<RecordOutcome>;
}

interface Waiting {
  submission: Submission;
  resolve(outcome: RecordOutcome): void;
  reject(error: unknown): void;
}

/** Keeps one statement's parameters, and the time a batch holds the wave's share lock, bounded. */
const MAX_BATCH = 500;

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
 * A submission with an invitation code is checked and stored on its own, since the code's state
 * decides its outcome.
 */
export function createResponseIntake(db: Kysely<Database>): ResponseIntake {
  const queues = new Map<string, Waiting[]>();

  async function drain(waveId: string, queue: Waiting[]) {
    try {
      while (queue.length > 0) await write(waveId, queue.splice(0, MAX_BATCH));
    } catch (error) {
      for (const waiting of queue.splice(0)) waiting.reject(error);
    } finally {
      queues.delete(waveId);
    }
  }

  async function write(waveId: string, batch: Waiting[]): Promise<void> {
    // Copies of one submission in the same batch (a retry racing its original) are stored once:
    // the first hears what happened, the others hear what a retry would.
    const copies = new Map<string, Waiting[]>();
    for (const waiting of batch) {
      const same = copies.get(waiting.submission.submissionId);
      if (same) same.push(waiting);
      else copies.set(waiting.submission.submissionId, [waiting]);
    }
    const groups = [...copies.values()];
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
      if (groups.length === 1) {
        for (const waiting of groups[0]!) waiting.reject(error);
        return;
      }
      // One failing row must not fail everyone who happened to share its statement: try each
      // alone, so each caller gets its own outcome or its own error.
      await Promise.all(groups.map((group) => write(waveId, group)));
    }
  }

  return {
    record(submission) {
      if (submission.invitation !== null) {
        return recordInvitedResponse(db, { ...submission, invitation: submission.invitation });
      }
      return new Promise((resolve, reject) => {
        const waiting = { submission, resolve, reject };
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
