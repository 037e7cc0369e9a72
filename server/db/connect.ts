import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { startPGliteThread } from './pglite-thread.ts';
import { stopReclaiming } from './reclaim.ts';

export type DialectName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL, or null for the embedded database. */
  databaseUrl: string | null;
  /** Folder for the embedded database; null keeps it in memory (tests). */
  dataDir: string | null;
  /**
   * PostgreSQL only: run every connection inside this schema (isolated test runs). Sent as the
   * `options` startup parameter, which PgBouncer does not pass on: never set behind one.
   */
  schema?: string;
  /** PostgreSQL only: how long to wait for a connection before failing. */
  connectionTimeoutMs?: number;
}

// Counts and sums come back as int8/numeric; both dialects hand them to us as numbers so the
// data layer never sees strings for figures (PGlite's parsers are set in pglite-worker.ts).
// Counts here stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.databaseUrl
    ? openPostgres(options.databaseUrl, options)
    : await openEmbedded(options.dataDir);
  return {
    ...handle,
    async close() {
      // The old row versions of a wave sealed just before are reclaimed first, and a pass waiting
      // to be tried again is left to the next start (reclaim.ts).
      await stopReclaiming(handle.db);
      await handle.close();
    },
  };
}

/**
 * A client that never turns a dropped connection into an uncaught exception. When a connection
 * attempt times out, the pool lets go of the client; if its socket ends later, pg emits 'error'
 * on a client nobody listens to, which would crash the server. Queries still get their errors.
 */
class GuardedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {});
  }
}

/**
 * Safe behind PgBouncer in transaction pooling mode, where consecutive transactions of one client
 * may run on different server connections: node-postgres sends unnamed statements only (no named
 * prepared statements), and the server keeps no session state across transactions: no `SET` or
 * session `set_config`, no session advisory lock (the migrations' lock is transaction-scoped, see
 * migrations.ts), no LISTEN, no cursor WITH HOLD, and its one temporary table is dropped at commit.
 */
function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    Client: GuardedClient,
    connectionString: url,
    max: 10,
    // A lost database must answer 503 quickly rather than hang requests.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
    // A database lost behind a network that drops packets without a reset never answers a query
    // already sent: TCP keepalive probes notice the silent peer (after about 10 minutes with
    // Linux's default probe interval), the connection errors and the pool lets it go, instead of
    // keeping it, and the request on it, forever. Survey submissions do not wait that long
    // (response-intake.ts).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 || oid === NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server emits 'error'; unhandled, that would crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

async function openEmbedded(dataDir: string | null): Promise<DatabaseHandle> {
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    // On its own thread, so a long statement never stops the server answering (pglite-thread.ts).
    const pglite = startPGliteThread(dataDir);
    try {
      await pglite.waitReady;
    } catch (error) {
      await pglite.close().catch(() => {});
      throw error;
    }
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: pglite as unknown as PGlite }) });
    return {
      db,
      dialect: 'pglite',
      async close() {
        // Closing PGlite checkpoints and flushes its files; only then may another process open them.
        await db.destroy();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}
