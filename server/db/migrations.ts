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
 * Brings the schema up to date. Kysely takes a database lock while it migrates, so two
 * instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Kysely<any>, provider?: MigrationProvider) {
  return unwrap(await (await createMigrator(db, provider)).migrateToLatest());
}

export async function migrateDown(db: Kysely<any>, provider?: MigrationProvider) {
  return unwrap(await (await createMigrator(db, provider)).migrateDown());
}

export async function pendingMigrations(db: Kysely<any>, provider?: MigrationProvider): Promise<string[]> {
  const migrations = await (await createMigrator(db, provider)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
