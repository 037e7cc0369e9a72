import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL every database suite also runs on, or null when none is configured or reachable. */
    postgresUrl: string | null;
    /**
     * Every PostgreSQL schema a suite makes starts with this, and is dropped when the whole run
     * ends, not when its file ends: Kysely's migrator reads the catalog of every schema, and a
     * schema dropped by another file in that moment fails it ("schema … does not exist").
     */
    schemaPrefix: string;
  }
}

/** Decides once per run whether PostgreSQL takes part, and says so when it does not. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL || null;
  let available: string | null = null;
  if (!url) {
    console.info('[databases] TEST_DATABASE_URL is not set: PostgreSQL skipped, suites run on PGlite only.');
  } else {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      available = url;
      console.info('[databases] suites run on PGlite and PostgreSQL.');
    } catch (error) {
      console.info(
        `[databases] PostgreSQL at TEST_DATABASE_URL is not reachable (${(error as Error).message}): PostgreSQL skipped.`,
      );
    } finally {
      await client.end().catch(() => {});
    }
  }
  const schemaPrefix = `test_${randomBytes(4).toString('hex')}_`;
  project.provide('postgresUrl', available);
  project.provide('schemaPrefix', schemaPrefix);
  if (!available) return;
  return async () => {
    const client = new pg.Client({ connectionString: available, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        `select nspname as name from pg_namespace where starts_with(nspname, $1)`,
        [schemaPrefix],
      );
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
    } finally {
      await client.end().catch(() => {});
    }
  };
}
