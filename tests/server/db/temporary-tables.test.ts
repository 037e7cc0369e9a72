import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { type DatabaseHandle, openDatabase } from '../../../server/db/connect.ts';
import { requireTemporaryTables } from '../../../server/waves/seal-wave.ts';
import { testConfig } from '../../support/app.ts';

const postgresUrl = inject('postgresUrl');

describe('the temporary table every close writes its shuffled copy to', () => {
  it('is always allowed on the embedded database', async () => {
    const handle = await openDatabase({ databaseUrl: null, dataDir: null });
    try {
      await expect(requireTemporaryTables(handle.db)).resolves.toBeUndefined();
    } finally {
      await handle.close();
    }
  });
});

/**
 * Whether the test server's user may make the role and the database this needs, grant and revoke
 * on them: a superuser, as the suite's PostgreSQL in CI is; the suite skips this otherwise.
 */
async function mayCreateRolesAndDatabases(url: string | null): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ may: boolean }>(
      'select rolsuper as may from pg_roles where rolname = current_user',
    );
    return rows[0]?.may === true;
  } finally {
    await client.end();
  }
}

describe.runIf(await mayCreateRolesAndDatabases(postgresUrl))(
  'a PostgreSQL role that may not create temporary tables',
  () => {
    // The run's prefix: the database and the role are dropped at its end should this file stop short.
    const name = `${inject('schemaPrefix')}notemp_${randomBytes(5).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = async (url: string, statements: string[]) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const statement of statements) await client.query(statement);
      } finally {
        await client.end();
      }
    };
    const inDatabase = (user: string | null) => {
      const url = new URL(postgresUrl!);
      url.pathname = `/${name}`;
      if (user) {
        url.username = user;
        url.password = password;
      }
      return url.toString();
    };
    const handles: DatabaseHandle[] = [];
    const open = async () => {
      const handle = await openDatabase({ databaseUrl: inDatabase(name), dataDir: null, schema: 'app' });
      handles.push(handle);
      return handle;
    };

    afterAll(async () => {
      for (const handle of handles) await handle.close().catch(() => {});
      await admin(postgresUrl!, [
        `drop database if exists ${name} with (force)`,
        `drop role if exists ${name}`,
      ]);
    });

    it('stops the server from starting, saying what to grant, and starts it once granted', async () => {
      await admin(postgresUrl!, [
        `create role ${name} login password '${password}'`,
        `create database ${name}`,
        `revoke temporary on database ${name} from public`,
        `grant connect on database ${name} to ${name}`,
      ]);
      await admin(inDatabase(null), [`create schema app authorization ${name}`]);

      await expect(buildApp(testConfig(), { database: await open() })).rejects.toThrow(
        `The database role "${name}" may not create temporary tables in "${name}", which closing a wave needs. ` +
          `Grant it (GRANT TEMPORARY ON DATABASE "${name}" TO "${name}") and start again.`,
      );

      await admin(postgresUrl!, [`grant temporary on database ${name} to ${name}`]);
      const app = await buildApp(testConfig(), { database: await open() });
      await app.close();
    });
  },
);
