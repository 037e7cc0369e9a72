import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { reclaimed, reclaimOwedSoon, whenReclaimFails } from '../db/reclaim.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    dialect: DatabaseHandle['dialect'];
  }
}

/** The only link between Fastify and the data layer: `app.db`. */
export const databasePlugin = fp<{ handle: DatabaseHandle; closeOnShutdown: boolean }>(
  async (app, { handle, closeOnShutdown }) => {
    app.decorate('db', handle.db);
    app.decorate('dialect', handle.dialect);
    whenReclaimFails(handle.db, (err, retryInMs) =>
      app.log.warn(
        { err, retryInSeconds: Math.round(retryInMs / 1000) },
        'reclaiming the old row versions of a sealed wave failed; they stay in the tables until it is tried again',
      ),
    );
    // A server stopped before its VACUUM after a close ended, or whose VACUUM failed, runs it now,
    // once a failure would be logged.
    await reclaimOwedSoon(handle.db);
    app.addHook('onClose', async () => {
      // The old row versions of a wave sealed just before are reclaimed before the database closes.
      await reclaimed(handle.db);
      if (closeOnShutdown) await handle.close();
    });
  },
  { name: 'database' },
);
