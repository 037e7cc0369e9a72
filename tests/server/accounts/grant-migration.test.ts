import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../server/db/migrations.ts';
import { testDatabases } from '../../support/databases.ts';

const BEFORE = '2026-11-30T0900-mail-may-have-gone';

describe.each(testDatabases())(
  'grants made before they waited for an active account, on $name',
  (database) => {
    it('takes the right to create organizations back from accounts still waiting, and only from them', async () => {
      const handle = await database.open();
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration.
        const db = handle.db as unknown as Kysely<any>;
        expect((await (await createMigrator(db)).migrateTo(BEFORE)).error).toBeUndefined();
        const account = (email: string, password: boolean, granted: boolean) =>
          db
            .insertInto('app_user')
            .values({ email, password_hash: password ? 'hash' : null, can_create_organizations: granted })
            .execute();
        await account('waiting@example.org', false, true);
        await account('active@example.org', true, true);
        await account('plain@example.org', true, false);
        await migrateToLatest(handle.db);
        const rights = await db
          .selectFrom('app_user')
          .select(['email', 'can_create_organizations as granted'])
          .orderBy('email')
          .execute();
        expect(rights).toEqual([
          { email: 'active@example.org', granted: true },
          { email: 'plain@example.org', granted: false },
          { email: 'waiting@example.org', granted: false },
        ]);
      } finally {
        await handle.close();
      }
    });
  },
);
