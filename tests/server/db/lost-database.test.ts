import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { type DatabaseHandle, openDatabase } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { testConfig } from '../../support/app.ts';
import { createSchema } from '../../support/databases.ts';

const postgresUrl = inject('postgresUrl');

/**
 * A TCP proxy in front of PostgreSQL that can turn into a black hole: connections are
 * accepted and never answered, the way a database behind a failed network link behaves.
 */
function blackHoleProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    if (cut) return;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
      ),
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.runIf(postgresUrl)('a PostgreSQL that goes away', () => {
  const target = new URL(postgresUrl ?? 'postgres://127.0.0.1:5432/test');
  const proxy = blackHoleProxy(target);
  let handle: DatabaseHandle;
  let app: App;

  beforeAll(async () => {
    const schema = await createSchema(postgresUrl!);
    const port = await proxy.listen();
    const viaProxy = new URL(postgresUrl!);
    viaProxy.host = `127.0.0.1:${port}`;
    handle = await openDatabase({
      databaseUrl: viaProxy.href,
      dataDir: null,
      schema,
      connectionTimeoutMs: 1000,
    });
    app = await buildApp(testConfig(), { database: handle, logger: false });
    app.get('/api/test/organizations', { config: { access: { public: true } } }, () =>
      app.db.selectFrom('organization').selectAll().execute(),
    );
    expect((await app.inject('/ready')).statusCode).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await handle?.close().catch(() => {});
    await proxy.close();
  });

  it('answers 503 quickly instead of hanging', async () => {
    proxy.cut();

    const started = Date.now();
    const ready = await app.inject('/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'postgres' });

    const query = await app.inject('/api/test/organizations');
    expect(query.statusCode).toBe(503);
    expect(query.headers['retry-after']).toBe('5');
    expect(query.json().message).toMatch(/database is not reachable/);
    expect(query.body).not.toMatch(/timeout exceeded|ECONN|select/i);

    // Both answers come within the pool's connection timeout plus a margin, not a TCP timeout.
    expect(Date.now() - started).toBeLessThan(8000);
  });
});

describe('a database closed under a running app', () => {
  it('answers 503 with Retry-After, on the embedded database', async () => {
    const handle = await openDatabase({ databaseUrl: null, dataDir: null });
    const app = await buildApp(testConfig(), { database: handle, logger: false });
    app.get('/api/test/organizations', { config: { access: { public: true } } }, () =>
      app.db.selectFrom('organization').selectAll().execute(),
    );
    expect((await app.inject('/api/test/organizations')).statusCode).toBe(200);
    await handle.close();
    const response = await app.inject('/api/test/organizations');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    await app.close();
  });
});

describe.runIf(postgresUrl)('a PostgreSQL that ends connections or refuses them', () => {
  const schema = `${inject('schemaPrefix')}${randomBytes(6).toString('hex')}`;
  const target = new URL(postgresUrl ?? 'postgres://127.0.0.1:5432/test');
  const proxy = blackHoleProxy(target);
  const admin = new pg.Client({ connectionString: postgresUrl ?? undefined });
  let handle: DatabaseHandle;
  let app: App;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const viaProxy = new URL(postgresUrl!);
    viaProxy.host = `127.0.0.1:${await proxy.listen()}`;
    handle = await openDatabase({
      databaseUrl: viaProxy.href,
      dataDir: null,
      schema,
      connectionTimeoutMs: 1000,
    });
    app = await buildApp(testConfig(), { database: handle, logger: false });
    app.get('/api/test/sleep', { config: { access: { public: true } } }, async () => {
      await sql`select pg_sleep(20) as "trust_os_terminate_me"`.execute(app.db);
      return { slept: true };
    });
    app.get('/api/test/organizations', { config: { access: { public: true } } }, () =>
      app.db.selectFrom('organization').selectAll().execute(),
    );
  });

  afterAll(async () => {
    await app?.close();
    await handle?.close().catch(() => {});
    await proxy.close().catch(() => {});
    await admin.end();
  });

  it('answers 503 when the backend serving a request is terminated (57P01)', async () => {
    const sleeping = app.inject('/api/test/sleep');
    let terminated = 0;
    for (let i = 0; i < 200 && terminated === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { rows } = await admin.query(
        `select pg_terminate_backend(pid) as done from pg_stat_activity
         where query like '%trust_os_terminate_me%' and pid <> pg_backend_pid()`,
      );
      terminated = rows.length;
    }
    expect(terminated).toBeGreaterThan(0);
    const response = await sleeping;
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });

  it('answers 503 when new connections are refused', async () => {
    await proxy.close(); // nothing listens on the proxy's port any more
    const response = await app.inject('/api/test/organizations');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
  });
});
