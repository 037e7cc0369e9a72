import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';

type Db = Kysely<Database>;

/**
 * Lets the database reclaim the row versions a seal deleted, so they stop being readable to
 * anyone who inspects the tables' pages. Best effort: a transaction still open elsewhere keeps
 * them until a later VACUUM (autovacuum on PostgreSQL, the next close on the embedded database),
 * and the close has already committed.
 */
export async function reclaimSealedRows(db: Db): Promise<void> {
  // Index entries too: a plain VACUUM may skip cleaning indexes when few pages changed, and the
  // keys of `wave_recipient` and `invitation` are addresses and code hashes.
  await sql`vacuum (index_cleanup on) response, invitation, submission_key, wave_recipient, mail_outbox`.execute(
    db,
  );
}

/**
 * Reclaims, after the close's answer, the row versions that seals deleted (`reclaimSealedRows`).
 * A close answers once it has committed: what it promises (the wave sealed and frozen) is then
 * true, and the VACUUM, whose time grows with the whole tables rather than with the wave (it reads
 * every index of `response` through, all waves of all organizations), runs after it.
 *
 * One runs at a time per Kysely instance (each database handle has one). Seals that commit while
 * one runs get one more pass after it, since a VACUUM that began before their commit cannot remove
 * the versions they deleted. Closing a handle waits for them (`openDatabase`), and so does the
 * app as it shuts down (the database plugin), within the server's limit for shutting down.
 */
export function reclaimSoon(db: Db): void {
  const running = reclaiming.get(db);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false, done: Promise.resolve() };
  reclaiming.set(db, state);
  state.done = (async () => {
    do {
      state.again = false;
      await reclaimQuietly(db);
    } while (state.again);
    reclaiming.delete(db);
  })();
}

const reclaiming = new WeakMap<Db, { again: boolean; done: Promise<void> }>();

/**
 * Who hears of a reclaim that failed on `db` (the app logs a warning): nothing waits for one, and
 * on the embedded database, which has no autovacuum, the old row versions then stay until the
 * next close.
 */
export function whenReclaimFails(db: Db, listener: (error: unknown) => void): void {
  failureListeners.set(db, listener);
}

const failureListeners = new WeakMap<Db, (error: unknown) => void>();

/** Resolves once no reclaim is running or wanted on `db` (`reclaimSoon`). */
export async function reclaimed(db: Db): Promise<void> {
  for (let state = reclaiming.get(db); state; state = reclaiming.get(db)) await state.done;
}

async function reclaimQuietly(db: Db): Promise<void> {
  try {
    await reclaimSealedRows(db);
  } catch (error) {
    // The close has committed; autovacuum (or the next close) reclaims what this could not.
    failureListeners.get(db)?.(error);
  }
}
