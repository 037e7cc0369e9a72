import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL every database suite also runs on, or null when none is configured or reachable. */
    postgresUrl: string | null;
    /**
     * Every PostgreSQL schema a suite makes starts with this (and so does a database or a role),
     * and is dropped when the whole run ends, not when its file ends: Kysely's migrator reads the
     * catalog of every schema, and a schema dropped by another file in that moment fails it
     * ("schema … does not exist").
     */
    schemaPrefix: string;
    /** The Redis the shared rate-limit suites count in, or null when none is reachable. */
    redisUrl: string | null;
    /** Every Redis key a suite writes starts with this; the run deletes those keys, and only those. */
    redisNameSpace: string;
  }
}

const DEFAULT_REDIS_TEST_URL = 'redis://127.0.0.1:6379';

/** Decides once per run whether Redis takes part, and says so when it does not. */
async function setUpRedis(project: TestProject) {
  const url = process.env.REDIS_TEST_URL || DEFAULT_REDIS_TEST_URL;
  const nameSpace = `test:${randomBytes(4).toString('hex')}:`;
  project.provide('redisNameSpace', nameSpace);
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    console.info(
      `[redis] no Redis reachable at ${process.env.REDIS_TEST_URL ? 'REDIS_TEST_URL' : url} (${(error as Error).message}): shared rate-limit suites skipped.`,
    );
    project.provide('redisUrl', null);
    return async () => {};
  }
  project.provide('redisUrl', url);
  return async () => {
    try {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${nameSpace}*`, 'COUNT', 1000);
        if (keys.length > 0) await client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      await client.quit();
    }
  };
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
  const tearDownRedis = await setUpRedis(project);
  if (!available) return tearDownRedis;
  return async () => {
    await tearDownRedis();
    const client = new pg.Client({ connectionString: available, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        `select nspname as name from pg_namespace where starts_with(nspname, $1)`,
        [schemaPrefix],
      );
      for (const { name } of rows) await client.query(`drop schema "${name}" cascade`);
      // A suite that needs a database or a role of its own names it with the same prefix.
      const databases = await client.query<{ name: string }>(
        `select datname as name from pg_database where starts_with(datname, $1)`,
        [schemaPrefix],
      );
      for (const { name } of databases.rows) await client.query(`drop database "${name}" with (force)`);
      const roles = await client.query<{ name: string }>(
        `select rolname as name from pg_roles where starts_with(rolname, $1)`,
        [schemaPrefix],
      );
      for (const { name } of roles.rows) await client.query(`drop role "${name}"`);
    } finally {
      await client.end().catch(() => {});
    }
  };
}
