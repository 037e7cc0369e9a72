// biome-ignore-all lint/suspicious/noExplicitAny: the migrator works on any schema, as migrations do.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type DatabaseIntrospector, type Kysely, sql, type TableMetadata } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

/**
 * Finds migrations beside this module's place in the tree: `migrations/*.ts` when running
 * from source, `dist/migrations/*.js` from a compiled build. Names sort by their date prefix.
 */
export const migrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url));

export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = migrationsFolder) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder))
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = module;
    }
    return migrations;
  }
}

/**
 * Kysely looks for its bookkeeping tables in any schema unless told which; with several schemas
 * in one database (test runs, or another application) it would find someone else's. So the
 * migrator always works in the connection's current schema.
 *
 * It also looks for them by introspecting every column of every table in the database, calling
 * `pg_get_serial_sequence` on each: when another schema renames a column or is dropped during
 * that scan, the scan itself fails ("column … does not exist", "schema … does not exist"). The
 * migrator gets an introspection that lists only the tables of its own schema, by name.
 */
export async function createMigrator(
  db: Kysely<any>,
  provider: MigrationProvider = new FolderMigrationProvider(),
) {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  const tables = async (): Promise<TableMetadata[]> => {
    const found = await sql<{ name: string }>`
      select c.relname as name from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v', 'f')`.execute(db);
    return found.rows.map(({ name }) => ({ name, schema, isView: false, isForeign: false, columns: [] }));
  };
  const introspection: DatabaseIntrospector = {
    getSchemas: () => db.introspection.getSchemas(),
    getTables: tables,
  };
  const scoped = new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Migrator({ db: scoped, provider, migrationTableSchema: schema });
}

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationFailedError(`Migration ${failed ?? '(unknown)'} failed: ${cause}`);
  }
  return result;
}

/**
 * An arbitrary key for the migration lock, the same in every instance and every version.
 */
const MIGRATION_LOCK_KEY = 7_304_120_965_331_218;

/**
 * Runs the migrator inside one transaction that holds a transaction-level advisory lock, so two
 * instances starting at once apply each migration exactly once, and the lock goes with the commit
 * or the rollback whatever happens.
 *
 * Kysely's own lock is a session-level `pg_advisory_lock`, taken and released in statements of
 * their own around the migration's transaction. Behind PgBouncer in transaction pooling mode each
 * of those statements may run on a different server connection: the unlock then misses, the lock
 * stays held by a pooled connection nobody owns, and the next instance to start waits on it (an
 * hour, Kysely's timeout). And a migration that fails leaves the transaction aborted, so the
 * unlock could not run in it either. The migrator is therefore handed the transaction itself,
 * which makes it skip its own lock on PGlite and PostgreSQL alike (`lockFree` below).
 */
async function inMigrationTransaction(
  db: Kysely<any>,
  provider: MigrationProvider | undefined,
  step: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(trx);
    // Thrown inside, so a failed migration rolls back everything this run did.
    return unwrap(await step(await createMigrator(lockFree(trx), provider)));
  });
}

/**
 * The same database, but the migrator finds an adapter whose lock does nothing: the caller holds
 * a transaction-level lock already. Only what the migrator asks of `getExecutor()` changes; every
 * query still runs in the caller's transaction.
 */
function lockFree(trx: Kysely<any>): Kysely<any> {
  return new Proxy(trx, {
    get(target, property) {
      if (property !== 'getExecutor') {
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return () => {
        const executor = target.getExecutor();
        const adapter = Object.create(executor.adapter, {
          acquireMigrationLock: { value: async () => {} },
          releaseMigrationLock: { value: async () => {} },
        });
        return new Proxy(executor, {
          get(inner, name) {
            if (name === 'adapter') return adapter;
            const value = Reflect.get(inner, name, inner);
            return typeof value === 'function' ? value.bind(inner) : value;
          },
        });
      };
    },
  });
}

/** Brings the schema up to date; safe with several instances starting at once (see above). */
export async function migrateToLatest(db: Kysely<any>, provider?: MigrationProvider) {
  return inMigrationTransaction(db, provider, (migrator) => migrator.migrateToLatest());
}

export async function migrateDown(db: Kysely<any>, provider?: MigrationProvider) {
  return inMigrationTransaction(db, provider, (migrator) => migrator.migrateDown());
}

export async function pendingMigrations(db: Kysely<any>, provider?: MigrationProvider): Promise<string[]> {
  const migrations = await (await createMigrator(db, provider)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
