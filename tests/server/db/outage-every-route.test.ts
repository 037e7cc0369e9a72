import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../server/db/connect.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { createSchema, type TestDatabase, testDatabases } from '../../support/databases.ts';
import { everyRoute } from '../../support/every-route.ts';

const postgresUrl = inject('postgresUrl');

/** A TCP proxy in front of PostgreSQL; closing it ends every connection and refuses new ones. */
function closableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
      ),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Each kind of database, and how it is lost under a running app: the embedded one closed, and
 * PostgreSQL behind a proxy that ends every connection and then refuses new ones.
 */
function outages(): {
  name: string;
  database: () => Promise<TestDatabase>;
  lose(test: TestApp): Promise<void>;
}[] {
  const [pglite] = testDatabases();
  const kinds = [
    {
      name: 'the embedded database, closed',
      database: async () => pglite!,
      lose: (test: TestApp) => test.handle.close(),
    },
  ];
  if (!postgresUrl) return kinds;
  const proxy = closableProxy(new URL(postgresUrl));
  return [
    ...kinds,
    {
      name: 'PostgreSQL, unreachable',
      async database() {
        const schema = await createSchema(postgresUrl);
        const viaProxy = new URL(postgresUrl);
        viaProxy.host = `127.0.0.1:${await proxy.listen()}`;
        return {
          name: 'postgres',
          open: () => openDatabase({ databaseUrl: viaProxy.href, dataDir: null, schema }),
        };
      },
      lose: () => proxy.close(),
    },
  ];
}

/**
 * With its database lost, every route of the API answers what it can answer without it, or 503
 * with Retry-After so that a client waits and tries again; never a 500. A survey's answer in
 * particular is refused with 503, so the page keeps it and sends it again (never lost).
 */
describe.each(outages())('every route with $name', (outage) => {
  let test: TestApp;
  let walk: Awaited<ReturnType<typeof everyRoute>>;

  beforeAll(async () => {
    test = await startTestApp(await outage.database(), { participationRateLimitPerMinute: 100_000 });
    walk = await everyRoute(test);
    await outage.lose(test);
  });
  afterAll(async () => {
    await test?.app.close();
    await test?.handle.close().catch(() => {});
  });

  it('answers 503 with Retry-After, or what needs no database, and never a 500', async () => {
    const answered: Record<string, number> = {};
    const problems: string[] = [];
    for (const route of walk.routes) {
      const response = await test.app.inject({
        method: route.method.toUpperCase() as 'GET',
        url: walk.validUrl(route),
        headers: { cookie: walk.admin },
        ...(route.method === 'get' ? {} : { payload: walk.examples[route.route] ?? {} }),
      });
      const status = response.statusCode;
      answered[route.route] = status;
      if (status >= 500 && status !== 503) problems.push(`${route.route} → ${status} ${response.body}`);
      if (status === 503 && response.headers['retry-after'] !== '5')
        problems.push(`${route.route} → 503 without Retry-After`);
    }
    expect(problems).toEqual([]);
    // What reads or writes the organization's data waits for the database.
    for (const route of [
      'POST /api/participate/{code}/responses',
      'GET /api/participate/{code}',
      'GET /api/organizations/{orgId}',
      'GET /api/waves/{waveId}/report',
      'POST /api/waves/{waveId}/actions',
      'GET /ready',
    ])
      expect(answered[route], route).toBe(503);
    // Whether the process is alive needs no database.
    expect(answered['GET /health']).toBe(200);
  });
});
