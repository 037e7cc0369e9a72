import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/**
 * The embedded database on its own thread (see `pglite-thread.ts`): PostgreSQL compiled to
 * WebAssembly runs here, so a long statement (closing a wave of 100,000 answers, a large import)
 * never stops the server's thread from answering requests.
 *
 * Plain JavaScript, so the same file runs from source (tests, `npm run dev`) and from the build
 * (`tsc` copies it with `allowJs`): a worker thread is a fresh Node.js that does not load
 * TypeScript. The messages are typed on the other side (`PGliteRequest`, `PGliteReply`).
 */

const INT8 = 20;
const NUMERIC = 1700;
const port = parentPort;
/**
 * PostgreSQL's own page cache lives in the WebAssembly memory, which never shrinks: at the default
 * 128 MB it grew that memory to 189 MB and the server to 300 MB before any load. The files it
 * caches are in the operating system's cache anyway; at 32 MB a close of 100,000 answers took no
 * longer (4.5 s against 4.8 s in the same hour) and the memory stays at 128 MB. At 16 MB, in
 * runs of the bench's imports, submissions and closes taken in turn (2026-11-27), the server held
 * 15 MB less from its start on (250 and 253 MB against 265 and 269 MB, and 279 and 283 MB at its
 * peak under load against 291 and 298 MB), with the same answers a second (9,382 and 10,317
 * against 9,723 and 10,295) and the same close (2.41 and 2.46 s against 2.47 and 2.42 s).
 */
const settings = 'shared_buffers=16MB';

/**
 * Creating a database runs initdb in a WebAssembly memory of its own that PGlite keeps for as
 * long as it is open. In a thread of this process, the memory it gave back at the end still
 * counted: a first start peaked at 896 MB and held 460 MB, against a peak of 321 MB for every
 * later start. So a new data directory is created by a short-lived process (this same file, run
 * with a marker and the directory as its arguments), and this thread then opens it like any other.
 */
const CREATE = '--create-data-dir';
if (isMainThread) {
  if (process.argv[2] !== CREATE || !process.argv[3])
    throw new Error(`pglite-worker.mjs runs as the database thread, or as a process with ${CREATE} <folder>`);
  // A server that is killed meanwhile takes this process with it, rather than leave it writing.
  process.on('disconnect', () => process.exit(1));
  const creating = new PGlite({ dataDir: process.argv[3], postgresqlconf: settings });
  await creating.waitReady;
  await creating.close();
  process.exit(0);
}
/** @type {{ dataDir: string | null }} */
const { dataDir } = workerData;
if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) {
  await new Promise((resolve, reject) => {
    // Nothing of the server's own options (an inspector's port, say) applies to this process.
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const creator = fork(fileURLToPath(import.meta.url), [CREATE, dataDir], {
      execArgv: [],
      env,
      stdio: 'inherit',
    });
    creator.on('error', reject);
    creator.on('exit', (code, signal) =>
      code === 0
        ? resolve(undefined)
        : reject(
            new Error(`creating the database failed (${signal ? `signal ${signal}` : `exit code ${code}`})`),
          ),
    );
  });
}

const pglite = new PGlite({
  ...(dataDir ? { dataDir } : {}),
  parsers: { [INT8]: (value) => Number(value), [NUMERIC]: (value) => Number(value) },
  postgresqlconf: settings,
});

/** Open transactions by id: how to query inside one, how to end it, and its outcome. */
const transactions = new Map();
let nextTransaction = 1;

/** What the other side needs of an error: PostgreSQL's fields (code, constraint…) survive. */
function serializable(error) {
  const plain = { message: error instanceof Error ? error.message : String(error) };
  if (error && typeof error === 'object')
    for (const [key, value] of Object.entries(error))
      if (typeof value === 'string' || typeof value === 'number') plain[key] = value;
  return plain;
}

const rollback = Symbol('rollback');

async function handle(request) {
  switch (request.op) {
    case 'ready':
      await pglite.waitReady;
      return null;
    case 'query': {
      const target = request.transaction
        ? transactions.get(request.transaction)?.query
        : pglite.query.bind(pglite);
      if (!target) throw new Error('The transaction has ended.');
      const { rows, affectedRows } = await target(request.sql, [...request.parameters], {
        rowMode: 'object',
      });
      return { rows, affectedRows };
    }
    case 'begin': {
      const id = nextTransaction++;
      let started;
      const begun = new Promise((resolve) => {
        started = resolve;
      });
      let finish;
      const decided = new Promise((resolve) => {
        finish = resolve;
      });
      const done = pglite
        .transaction(async (tx) => {
          transactions.set(id, { query: tx.query.bind(tx), finish, done: decided });
          started();
          if (!(await decided)) throw rollback;
        })
        .finally(() => transactions.delete(id));
      // A transaction that fails to begin rejects `done` before it starts.
      await Promise.race([begun, done]);
      transactions.get(id).done = done;
      return id;
    }
    case 'end': {
      const open = transactions.get(request.transaction);
      if (!open) throw new Error('The transaction has ended.');
      open.finish(request.commit);
      try {
        await open.done;
      } catch (error) {
        if (error !== rollback) throw error;
      }
      return null;
    }
    case 'close':
      if (!pglite.closed) await pglite.close();
      return null;
  }
}

port.on('message', (request) => {
  handle(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result }),
    (error) => port.postMessage({ id: request.id, ok: false, error: serializable(error) }),
  );
});
