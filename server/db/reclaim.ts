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
 *
 * What is owed is kept with the waves (`wave.reclaim_owed`, set by the seal): a pass clears the
 * waves that were owed when it began, once its VACUUM has run. A pass that fails is tried again,
 * after `firstRetryMs` and then at doubling intervals up to half an hour, and a server that stopped
 * before its pass ended runs it when it starts again (`reclaimOwedSoon`).
 */
export function reclaimSoon(db: Db): void {
  const running = reclaiming.get(db);
  if (running) {
    running.again = true;
    return;
  }
  clearTimeout(retries.get(db)?.timer);
  const state = { again: false, done: Promise.resolve() };
  reclaiming.set(db, state);
  state.done = (async () => {
    let failed = false;
    do {
      state.again = false;
      failed = !(await reclaimQuietly(db));
    } while (state.again);
    reclaiming.delete(db);
    if (failed) retryLater(db);
    else retries.delete(db);
  })();
}

/** At start-up: reclaims what a server stopped too early, or a failed VACUUM, left owed. */
export async function reclaimOwedSoon(db: Db): Promise<void> {
  // A pass already asked for (a seal at start-up) clears what is owed too.
  if (reclaiming.has(db)) return;
  const owed = await db.selectFrom('wave').select('id').where('reclaim_owed', '=', true).limit(1).execute();
  if (owed.length > 0) reclaimSoon(db);
}

/**
 * Stops trying again on `db` and waits for a pass that runs: the handle is closing. What is still
 * owed stays marked, for the next start.
 */
export async function stopReclaiming(db: Db): Promise<void> {
  clearTimeout(retries.get(db)?.timer);
  retries.delete(db);
  await reclaimed(db);
  // The pass just waited for may have failed and asked to be tried again.
  clearTimeout(retries.get(db)?.timer);
  retries.delete(db);
}

const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

/** How long after a failed pass the next is tried: doubling from the first, up to the most. */
function nextRetryMs(db: Db) {
  const previous = retries.get(db);
  const first = failureListeners.get(db)?.firstRetryMs ?? RETRY_FIRST_MS;
  return previous ? Math.min(previous.delay * 2, RETRY_MAX_MS) : first;
}

function retryLater(db: Db) {
  const delay = nextRetryMs(db);
  // Unref'd: a retry never keeps a process alive that has nothing else to do.
  const timer = setTimeout(() => reclaimSoon(db), delay);
  timer.unref();
  retries.set(db, { timer, delay });
}

const retries = new WeakMap<Db, { timer: NodeJS.Timeout; delay: number }>();

const reclaiming = new WeakMap<Db, { again: boolean; done: Promise<void> }>();

/**
 * Who hears of a reclaim that failed on `db`, and in how long it is tried again (the app logs a
 * warning): nothing waits for one. It is tried again after `firstRetryMs` (30 s unless given),
 * then at doubling intervals.
 */
export function whenReclaimFails(
  db: Db,
  listener: (error: unknown, retryInMs: number) => void,
  options: { firstRetryMs?: number } = {},
): void {
  failureListeners.set(db, { listener, ...options });
}

const failureListeners = new WeakMap<
  Db,
  { listener: (error: unknown, retryInMs: number) => void; firstRetryMs?: number }
>();

/** Resolves once no reclaim is running or wanted on `db` (`reclaimSoon`). */
export async function reclaimed(db: Db): Promise<void> {
  for (let state = reclaiming.get(db); state; state = reclaiming.get(db)) await state.done;
}

/** One pass; answers whether it ran to its end. */
async function reclaimQuietly(db: Db): Promise<boolean> {
  try {
    // Read before the VACUUM begins: a wave sealed after this read stays owed, for the next pass.
    const owed = (await db.selectFrom('wave').select('id').where('reclaim_owed', '=', true).execute()).map(
      (wave) => wave.id,
    );
    await reclaimSealedRows(db);
    if (owed.length > 0)
      await db.updateTable('wave').set({ reclaim_owed: false }).where('id', 'in', owed).execute();
    return true;
  } catch (error) {
    // The close has committed; this pass is tried again (`retryLater`), and autovacuum on
    // PostgreSQL may reclaim the versions before it.
    failureListeners.get(db)?.listener(error, nextRetryMs(db));
    return false;
  }
}
