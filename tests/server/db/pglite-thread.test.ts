import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connect.ts';
import { startPGliteThread } from '../../../server/db/pglite-thread.ts';
import { isDatabaseUnavailable } from '../../../server/http/database-unavailable.ts';
import { makeTempDir, removeTempDir } from '../../support/temp-dir.ts';

/** How many turns the event loop takes while `work` runs. */
async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work;
  done = true;
  return turns;
}

describe('the embedded database on its own thread', () => {
  it('keeps the server thread turning while one long statement runs', async () => {
    const handle = await openDatabase({ databaseUrl: null, dataDir: null });
    try {
      // Seconds of work inside the database in one statement; on the server's thread it would
      // allow no turn at all until it ended.
      const turns = await turnsDuring(
        sql`select count(*) from generate_series(1, 600000) as a join generate_series(1, 2) as b on true`.execute(
          handle.db,
        ),
      );
      expect(turns).toBeGreaterThan(50);
    } finally {
      await handle.close();
    }
  });

  it("keeps PostgreSQL's error fields and a transaction's all-or-nothing", async () => {
    const handle = await openDatabase({ databaseUrl: null, dataDir: null });
    try {
      await sql`create table probe (id int primary key, label text)`.execute(handle.db);
      await sql`insert into probe values (1, 'one')`.execute(handle.db);
      const duplicate = await sql`insert into probe values (1, 'again')`.execute(handle.db).catch((e) => e);
      expect(duplicate).toMatchObject({ code: '23505', constraint: 'probe_pkey' });

      const failed = await handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into probe values (2, 'two')`.execute(trx);
          await sql`insert into probe values (1, 'clash')`.execute(trx);
        })
        .catch((e) => e);
      expect(failed).toMatchObject({ code: '23505' });
      await handle.db.transaction().execute(async (trx) => {
        await sql`insert into probe values (3, 'three')`.execute(trx);
      });
      // Work that does not belong to a transaction waits for it instead of joining it.
      await Promise.all([
        handle.db.transaction().execute(async (trx) => {
          await sql`insert into probe values (4, 'four')`.execute(trx);
          await sql`select pg_sleep(0)`.execute(trx);
          throw new Error('changed my mind');
        }),
        sql`insert into probe values (5, 'five')`.execute(handle.db),
      ]).catch(() => undefined);
      const { rows } = await sql<{ id: number }>`select id from probe order by id`.execute(handle.db);
      expect(rows.map((r) => r.id)).toEqual([1, 3, 5]);
    } finally {
      await handle.close();
    }
  });

  it('keeps what it wrote across a restart, and answers "unavailable" once closed', async () => {
    const dir = await makeTempDir('thread');
    try {
      const first = await openDatabase({ databaseUrl: null, dataDir: path.join(dir, 'data') });
      // Created by a thread of its own that has ended, then opened, with the smaller page cache.
      const { rows: settings } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(first.db);
      expect(settings).toEqual([{ shared_buffers: '16MB' }]);
      await sql`create table kept (value text)`.execute(first.db);
      await sql`insert into kept values ('still here')`.execute(first.db);
      await first.close();
      const closedError = await sql`select 1`.execute(first.db).catch((e) => e);
      expect(closedError).toBeInstanceOf(Error);

      const second = await openDatabase({ databaseUrl: null, dataDir: path.join(dir, 'data') });
      const { rows } = await sql<{ value: string }>`select value from kept`.execute(second.db);
      expect(rows).toEqual([{ value: 'still here' }]);
      await second.close();
    } finally {
      await removeTempDir(dir);
    }
  });

  it('finishes work in flight when closed, then answers "PGlite is closed" (a 503) instead of hanging', async () => {
    const pglite = startPGliteThread(null);
    await pglite.waitReady;
    const inFlight = pglite.query('select count(*) as n from generate_series(1, 300000)');
    await pglite.close();
    expect((await inFlight).rows).toEqual([{ n: 300000 }]);
    const after = await pglite.query('select 1').catch((e) => e);
    expect(isDatabaseUnavailable(after)).toBe(true);
    expect(pglite.closed).toBe(true);
  });
});
