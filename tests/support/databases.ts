import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, type DialectName, openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrations.ts';

export interface TestDatabase {
  name: DialectName;
  /** A fresh, empty database (not migrated): an in-memory PGlite, or a new PostgreSQL schema. */
  open(): Promise<DatabaseHandle>;
  /**
   * PostgreSQL only: a second connection pool to a database this one opened, as a second
   * instance of the app would have. Closing it leaves the database in place.
   */
  connectAgain?(handle: DatabaseHandle): Promise<DatabaseHandle>;
}

const pglite: TestDatabase = {
  name: 'pglite',
  open: () => openDatabase({ databaseUrl: null, dataDir: null }),
};

/**
 * A new, empty schema in the PostgreSQL at `url`, for one test file: files run in parallel without
 * seeing each other. It is dropped when the whole run ends (see global-setup.ts).
 */
export async function createSchema(url: string): Promise<string> {
  const schema = `${inject('schemaPrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return schema;
}

function postgres(url: string): TestDatabase {
  const schemas = new WeakMap<DatabaseHandle, string>();
  return {
    async connectAgain(handle) {
      const schema = schemas.get(handle);
      if (!schema) throw new Error('connectAgain takes a handle that open() returned');
      return openDatabase({ databaseUrl: url, dataDir: null, schema });
    },
    name: 'postgres',
    async open() {
      const schema = await createSchema(url);
      const handle = await openDatabase({ databaseUrl: url, dataDir: null, schema });
      // The schema itself is dropped when the whole run ends (see global-setup.ts).
      const opened: DatabaseHandle = { ...handle };
      schemas.set(opened, schema);
      return opened;
    },
  };
}

/**
 * Every database a suite must pass on, the way Kysely tests itself: PGlite always,
 * PostgreSQL too when TEST_DATABASE_URL points at a reachable server.
 * Use as `describe.each(testDatabases())('$name', (database) => …)`.
 */
export function testDatabases(): TestDatabase[] {
  const url = inject('postgresUrl');
  return url ? [pglite, postgres(url)] : [pglite];
}

/** A fresh database with every migration applied. */
export async function openMigrated(database: TestDatabase): Promise<DatabaseHandle> {
  const handle = await database.open();
  await migrateToLatest(handle.db);
  return handle;
}
