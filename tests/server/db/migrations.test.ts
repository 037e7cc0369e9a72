import { sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import {
  FolderMigrationProvider,
  migrateDown,
  migrateToLatest,
  pendingMigrations,
} from '../../../server/db/migrations.ts';
import { testDatabases } from '../../support/databases.ts';

const fixture: Record<string, Migration> = {
  '2026-01-01T0000-first': {
    up: (db) =>
      db.schema
        .createTable('probe')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .execute(),
    down: (db) => db.schema.dropTable('probe').execute(),
  },
  '2026-01-02T0000-second': {
    up: (db) => db.schema.alterTable('probe').addColumn('label', 'text').execute(),
    down: (db) => db.schema.alterTable('probe').dropColumn('label').execute(),
  },
};
const provider: MigrationProvider = { getMigrations: async () => fixture };

describe.each(testDatabases())('migrations on $name', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle?.close());

  it('reports what is pending, applies it once even when two instances start together, and rolls back', async () => {
    expect(await pendingMigrations(handle.db, provider)).toEqual(Object.keys(fixture));
    await Promise.all([migrateToLatest(handle.db, provider), migrateToLatest(handle.db, provider)]);
    expect(await pendingMigrations(handle.db, provider)).toEqual([]);
    await sql`insert into probe (id, label) values (1, 'kept')`.execute(handle.db);

    await migrateDown(handle.db, provider);
    expect(await pendingMigrations(handle.db, provider)).toEqual(['2026-01-02T0000-second']);
    const { rows } = await sql<{ id: number }>`select * from probe`.execute(handle.db);
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('loads the project migrations from their folder, in date order', async () => {
    const names = Object.keys(await new FolderMigrationProvider().getMigrations());
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+$/);
  });
});

describe.each(testDatabases().filter((d) => d.connectAgain))(
  'migrations beside other schemas on $name',
  (database) => {
    it('are not disturbed by another schema renaming columns and dropping tables meanwhile', async () => {
      const mine = await database.open();
      const other = await database.open();
      try {
        await sql`create table churn (a int, b int)`.execute(other.db);
        // Another application (or test file) changes its own schema over and over, while this one
        // asks the migrator what is pending over and over: a scan of every schema's columns would
        // trip over a column renamed or a table dropped between reading it and looking it up.
        let stop = false;
        const churn = (async () => {
          for (let i = 0; i < 400 && !stop; i++) {
            await sql`alter table churn rename column a to c`.execute(other.db);
            await sql`alter table churn rename column c to a`.execute(other.db);
            await sql`drop table if exists gone`.execute(other.db);
            await sql`create table gone (x serial, y int)`.execute(other.db);
          }
        })();
        try {
          for (let i = 0; i < 40; i++)
            expect(await pendingMigrations(mine.db, provider)).toEqual(Object.keys(fixture));
        } finally {
          stop = true;
          await churn;
        }
      } finally {
        await mine.close();
        await other.close();
      }
    });
  },
);
