import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reclaimed, reclaimSoon, whenReclaimFails } from '../../../server/db/reclaim.ts';
import { openMigrated, testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('reclaiming sealed rows on $name', (database) => {
  it('closing the database waits for the reclaims asked for, the second pass included', async () => {
    const handle = await openMigrated(database);
    // PostgreSQL: another pool reads what the closed one did.
    const other = database.connectAgain ? await database.connectAgain(handle) : null;
    try {
      let finished = false;
      reclaimSoon(handle.db);
      // Asked while the first runs: one more pass after it.
      reclaimSoon(handle.db);
      void reclaimed(handle.db).then(() => {
        finished = true;
      });
      await handle.close();
      expect(finished).toBe(true);
      if (other) {
        const { rows } = await sql<{ vacuums: number }>`
          select vacuum_count::int as vacuums from pg_stat_user_tables
          where schemaname = current_schema() and relname = 'response'`.execute(other.db);
        // Both passes ran to their end before the pool closed, not the second against a closed pool.
        expect(rows[0]!.vacuums).toBe(2);
      }
    } finally {
      await other?.close();
    }
  });

  it('tells who asked when a reclaim fails, and carries on', async () => {
    const handle = await openMigrated(database);
    try {
      const failures: unknown[] = [];
      whenReclaimFails(handle.db, (error) => failures.push(error));
      // A table the VACUUM names is gone for a moment.
      await sql`alter table mail_outbox rename to mail_outbox_away`.execute(handle.db);
      reclaimSoon(handle.db);
      await reclaimed(handle.db);
      expect(failures).toHaveLength(1);
      expect(String(failures[0])).toContain('mail_outbox');
      await sql`alter table mail_outbox_away rename to mail_outbox`.execute(handle.db);
      reclaimSoon(handle.db);
      await reclaimed(handle.db);
      expect(failures).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });
});
