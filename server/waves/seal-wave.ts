import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { computeWaveFigureSums, type SnapshotTeam } from '../db/wave-aggregates.ts';
import type { WaveRecord } from '../db/waves.ts';
import { forgetRecipients } from '../mail/outbox.ts';
import type { QuestionnaireCatalog } from '../questionnaires/catalog.ts';
import { freezePublication, type Summing } from '../reports/wave-report.ts';

/**
 * Seals a closing wave, inside the transaction that closes it, so that nothing in the database
 * orders or pairs its answers any more:
 *
 * - Submission keys are deleted (A4), and so are invitation rows (A3): once nobody can answer,
 *   nothing needs them, and a used flag written in the same transaction as an answer is the one
 *   thing that could pair a code with that answer. The recipient list and the mail queue go too:
 *   no address outlives the wave.
 * - Every response is written again with a new random id, team by team and within a team in the
 *   order of those ids (a random order), and the old rows deleted (A6). The rows then share this
 *   one transaction id, so `xmin` no longer tells which answers arrived together or when, and
 *   their physical place (`ctid`) follows their team, which each row names anyway, and a shuffle
 *   within it instead of their arrival.
 * - The publication is frozen (R3), from the same answers just before they are rewritten.
 *
 * All of it commits with the status change and the audit entry, or none of it does. The dead row
 * versions left behind are reclaimed by `reclaimSealedRows` (server/db/reclaim.ts) after the
 * commit, since VACUUM cannot run inside a transaction. What this cannot erase (WAL, backups,
 * bytes not yet overwritten) is written down in docs/anonymity.md.
 */
export async function sealWave(
  trx: Transaction<Database>,
  wave: WaveRecord,
  catalog: QuestionnaireCatalog,
  keep: { teams: SnapshotTeam[] | null } = { teams: null },
  beside: SecondConnection | null = null,
): Promise<void> {
  await trx.deleteFrom('submission_key').where('wave_id', '=', wave.id).execute();
  await trx.deleteFrom('invitation').where('wave_id', '=', wave.id).execute();
  // Every address the wave held goes with it; the counts of messages sent stay (issue 14).
  await forgetRecipients(trx, wave.id);
  const server = await roomToAggregate(trx);
  // The figures first, from the rows as they are: the same answers the rewrite keeps, read before
  // this transaction has also deleted a copy of each, which every later scan steps over. Paired
  // runs at 100,000 answers: about 10% less time on PostgreSQL and 40% less on PGlite. The report
  // thread, started ahead, works the sums into documents as soon as they are in, and they are
  // stored once the rewrite below is done too. On a server, given the pool, the sums are taken on a
  // connection of their own while this one reads the open answers and rewrites the rows
  // (`sumsBeside`). On a busy machine of two cores, at 100,000 answers, the two paths end close
  // together, sharing both cores: in a trace of the ninth session the documents, about 0.4 s after
  // the sums, ended with the rewrite; in one of the tenth, with the rewrite's check made cheaper,
  // the rewrite ended some 0.15 s before the documents, which the close then waited for
  // (docs/performance.md).
  const publication = await freezePublication(
    trx,
    wave,
    catalog,
    keep,
    server && beside ? sumsBeside(beside.pool, wave.id) : null,
    (error) => beside?.onFallback?.(wave.id, error),
  );
  try {
    // Each response gets a new random id, and the rows go in team by team, each team's in the order
    // of those ids: a shuffle within the team, since the ids are random and drawn here, that also
    // fills the one index, on (wave, team, id), at one place per team instead of at a random place
    // per answer (migrations/2026-11-27T1600-response-key-by-wave-and-team.ts). Which team's
    // answers come first follows the teams' own random ids, and the team is a column of every row
    // anyway. The answers are copied out in that order to a temporary table (a sort of whole rows),
    // deleted, and written back from the copy in the order it was written, on both databases.
    // Alone, at 100,000 answers of 30 items on PostgreSQL (2026-11-27, four runs taken in turn),
    // this took 1.17 to 1.25 s where one statement deleting the rows and inserting them sorted took
    // 1.69 to 1.78 s; on the embedded database it read the wave's pages twice where sorting (id,
    // new id) keys and joining them back read them three times (medians of the rewrite in five
    // closes each, 3.6 and 4.2 s).
    // The copy is a temporary table, kept in memory up to `temp_buffers` and in a file beyond; the
    // file is deleted at commit, its bytes left on disk until reused (docs/anonymity.md). It holds
    // no old id. It is named with its schema, so that no table of the same name elsewhere on the
    // search path is read or dropped instead.
    await sql`create temp table pg_temp.sealing on commit drop as
      select gen_random_uuid() as new_id, wave_id, team_id, questionnaire_version, answers, comment
      from response where wave_id = ${wave.id}
      order by team_id, new_id`.execute(trx);
    await sql`delete from response where wave_id = ${wave.id}`.execute(trx);
    // Read back in the order the copy was written, the shuffle above: one process wrote it page
    // after page, and a temporary table, which has no index here, is scanned from its first page
    // by one process (never in parallel, never joining another scan midway as a shared one may).
    await sql`
      insert into response (id, wave_id, team_id, questionnaire_version, answers, comment)
      select new_id, wave_id, team_id, questionnaire_version, answers, comment
      from pg_temp.sealing`.execute(trx);
    // Several waves can be sealed in one transaction (an import closing overdue waves).
    await sql`drop table pg_temp.sealing`.execute(trx);
    await publication.store();
  } catch (error) {
    // The report thread started for the documents is not left waiting for them.
    publication.abandon();
    throw error;
  }
  // The old row versions stay in the pages until a VACUUM after this commit (reclaim.ts).
  await trx.updateTable('wave').set({ sealed: true, reclaim_owed: true }).where('id', '=', wave.id).execute();
}

/**
 * Refuses to start on a database whose role may not create temporary tables, which every close
 * needs for the shuffled copy of its answers (`sealWave`): PostgreSQL grants it to every role
 * unless an administrator has revoked it, and the embedded database always allows it. Found at
 * start with what to do, rather than at the first close, which would fail and leave its wave open.
 */
export async function requireTemporaryTables(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ allowed: boolean; role: string; database: string }>`
    select has_database_privilege(current_database(), 'temporary') as allowed,
      current_user as role, current_database() as database`.execute(db);
  const { allowed, role, database } = rows[0]!;
  if (allowed) return;
  throw new Error(
    `The database role "${role}" may not create temporary tables in "${database}", which closing a wave needs. ` +
      `Grant it (GRANT TEMPORARY ON DATABASE "${database}" TO "${role}") and start again.`,
  );
}

/**
 * The pool a close may take its second connection from (`sumsBeside`), and who is told when it
 * summed in its own transaction instead: the same figures, some tenths of a second later, with the
 * wave locked meanwhile. Seen often, the pool (or PgBouncer's) is too small for the load.
 */
export interface SecondConnection {
  pool: Kysely<Database>;
  onFallback?: SummedInPlace;
}

/** Told that a close summed its answers in its own transaction, and why. */
export type SummedInPlace = (waveId: string, error: unknown) => void;

/** Tells `log` of it, as a warning with the wave and the reason: the pool may be too small for the load. */
export const warnSummedInPlace =
  (log: Pick<FastifyBaseLogger, 'warn'>): SummedInPlace =>
  (waveId, err) =>
    log.warn(
      { err, waveId },
      'a close summed its answers in its own transaction: its second database connection did not come in time or failed (a pool too small for the load?)',
    );

/**
 * Sums a closing wave's answers in a read-only transaction of their own, on another connection of
 * the pool, so that the server sums them while the closing transaction rewrites them: two
 * processes of the database working at once, about a third less time for a close. It reads the
 * same answers as the closing transaction: every submission takes a share lock on the wave row
 * and commits before the close can lock it, and none can commit after until the close has, so
 * once the close holds that lock, any snapshot taken sees exactly the wave's answers; the
 * rewrite is the close's own and stays unseen. The connection must reach the primary, as every
 * other does (a pooler that sends reads to replicas is not supported). Taken on a server only:
 * the embedded database has one connection.
 *
 * The close holds the wave's lock meanwhile, so it does not wait long for that connection: one
 * that has not answered within `SECOND_CONNECTION_MS` (a full pool, or a PgBouncer with no server
 * connection free) is given up, and the close sums in its own transaction instead.
 */
function sumsBeside(pool: Kysely<Database>, waveId: string): Summing {
  return (items, dimensions) => {
    let abandoned = false;
    let begin = () => {};
    const begun = new Promise<'begun'>((resolve) => {
      begin = () => resolve('begun');
    });
    const sums = pool
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (reader) => {
        await roomToAggregate(reader);
        if (abandoned) throw new Error('the close summed its answers itself');
        begin();
        return computeWaveFigureSums(reader, waveId, items, dimensions);
      });
    sums.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), SECOND_CONNECTION_MS);
    });
    return Promise.race([begun, late, sums])
      .finally(() => clearTimeout(timer))
      .then((outcome) => {
        if (outcome !== 'late') return sums;
        abandoned = true;
        throw new Error(`no second connection within ${SECOND_CONNECTION_MS} ms`);
      });
  };
}

/** How long a close waits for its second connection before it sums in its own transaction. */
const SECOND_CONNECTION_MS = 500;

/**
 * On a database server (one that can start parallel workers, which the embedded one cannot), the
 * close's transaction gets more memory than the default 4 MB, and parallel workers are costed as
 * free, since the planner otherwise judges them not worth starting for one wave's rows. The sums
 * of 100,000 answers then stay in memory instead of spilling to disk, and the answers are read by
 * three processes: 0.65 s instead of 1.0 s, with statistics as autovacuum keeps them. For this
 * transaction only; a higher `work_mem` set by the operator is kept. The embedded database keeps
 * its defaults: its memory never shrinks. Answers whether it is a server.
 */
async function roomToAggregate(trx: Transaction<Database>): Promise<boolean> {
  const { rows } = await sql`
    select set_config('parallel_setup_cost', '0', true),
      set_config('parallel_tuple_cost', '0', true),
      set_config('work_mem',
        greatest(pg_size_bytes(current_setting('work_mem')), pg_size_bytes('32MB')) / 1024 || 'kB', true)
    where current_setting('max_worker_processes')::int > 0`.execute(trx);
  return rows.length > 0;
}
