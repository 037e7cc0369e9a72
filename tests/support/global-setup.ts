import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL every database suite also runs on, or null when none is configured or reachable. */
    postgresUrl: string | null;
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
  project.provide('postgresUrl', available);
}
