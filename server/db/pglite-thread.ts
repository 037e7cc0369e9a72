import { Worker } from 'node:worker_threads';

/**
 * The embedded database, run on a worker thread and driven from this one by messages.
 *
 * PGlite is PostgreSQL compiled to WebAssembly: on the server's own thread, every statement
 * stops the event loop for as long as it runs, so closing a wave of 100,000 answers stopped the
 * whole server for seconds (no survey loaded, no health probe answered). Here the database has a
 * core of its own and the server keeps answering while it works.
 *
 * This object offers what Kysely's PGlite dialect uses of a PGlite instance (`query`,
 * `transaction`, `waitReady`, `ready`, `closed`, `close`). Kysely already lets one statement or
 * transaction at a time through to it (one connection), so messages never interleave within a
 * transaction. Errors keep PostgreSQL's fields (`code`, `constraint`…), so the data layer and the
 * 503 mapping see the same errors as before. If the thread dies, every call answers "PGlite is
 * closed", which the server turns into 503 with Retry-After.
 */

export type PGliteRequest = { id: number } & (
  | { op: 'ready' }
  | { op: 'query'; sql: string; parameters: readonly unknown[]; transaction: number | null }
  | { op: 'begin' }
  | { op: 'end'; transaction: number; commit: boolean }
  | { op: 'close' }
);
type Op = PGliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export type PGliteReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: Record<string, unknown> };

interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
}

interface Queryable {
  query(sql: string, parameters?: readonly unknown[], options?: unknown): Promise<QueryResult>;
}

export interface ThreadedPGlite extends Queryable {
  readonly waitReady: Promise<void>;
  readonly ready: boolean;
  readonly closed: boolean;
  transaction<T>(callback: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function rebuilt(error: Record<string, unknown>): Error {
  const copy = new Error(String(error.message ?? 'database error'));
  for (const [key, value] of Object.entries(error))
    if (key !== 'message' && key !== 'stack') Object.assign(copy, { [key]: value });
  return copy;
}

export function startPGliteThread(dataDir: string | null): ThreadedPGlite {
  // Plain JavaScript beside this file, from source and from the build alike. No inherited flags:
  // a loader of the parent process (tsx in development) has nothing to do there.
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
    execArgv: [],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;
  let ready = false;

  const failAll = (reason: string) => {
    closed = true;
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
  };
  worker.on('message', (reply: PGliteReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(rebuilt(reply.error));
  });
  worker.on('error', () => failAll('PGlite is closed: its thread failed'));
  worker.on('exit', () => failAll('PGlite is closed'));

  function call<T>(op: Op): Promise<T> {
    if (closed) return Promise.reject(new Error('PGlite is closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...op });
    });
  }

  const query =
    (transaction: number | null) =>
    (sql: string, parameters: readonly unknown[] = []) =>
      call<QueryResult>({ op: 'query', sql, parameters: [...parameters], transaction });

  const waitReady = call<void>({ op: 'ready' }).then(() => {
    ready = true;
  });

  return {
    waitReady,
    get ready() {
      return ready;
    },
    get closed() {
      return closed;
    },
    query: query(null),
    async transaction(callback) {
      const id = await call<number>({ op: 'begin' });
      let result: Awaited<ReturnType<typeof callback>>;
      try {
        result = await callback({ query: query(id) });
      } catch (error) {
        await call({ op: 'end', transaction: id, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', transaction: id, commit: true });
      return result;
    },
    async close() {
      if (closed) return;
      try {
        await call({ op: 'close' });
      } finally {
        closed = true;
        await worker.terminate();
      }
    },
  };
}
