import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { bufferedDestination } from '../../../server/http/log-destination.ts';
import { testConfig } from '../../support/app.ts';
import { testDatabases } from '../../support/databases.ts';
import { removeTempDir } from '../../support/temp-dir.ts';

const [pglite] = testDatabases();
const dir = mkdtempSync(path.join(tmpdir(), 'trust-os-request-log-'));
afterAll(() => removeTempDir(dir));

describe('request log lines, as the server writes them by default', () => {
  it('says one line per request when its answer has gone, and has every line on disk once closed', async () => {
    const file = path.join(dir, 'server.log');
    const handle = await pglite!.open();
    const app = await buildApp(testConfig({ logLevel: 'info' }), {
      database: handle,
      logDestination: bufferedDestination(file),
      backgroundTimers: false,
      // No built client here: a survey page path is a 404, whatever the checkout holds.
      clientDir: dir,
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/slow', async () => {
      await released;
      return {};
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const code = 'Zx8c4kL2pQ9rT6vW1yB3dE';

    await fetch(`${address}/health`);
    await fetch(`${address}/api/participate/${code}`);
    await fetch(`${address}/s/${code}`);
    // A client that gives up: its request never completes, and the log says so.
    const gaveUp = httpRequest(`${address}/slow`);
    gaveUp.on('error', () => {});
    gaveUp.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    gaveUp.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await app.close();
    await handle.close();

    // Read as soon as close resolves: lines still held in memory would be missing here.
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.reqId !== undefined);
    expect(requests.map(({ msg, method, route, statusCode }) => [msg, method, route, statusCode])).toEqual([
      ['request completed', 'GET', '/health', 200],
      ['request completed', 'GET', '/api/participate/:code', 404],
      ['request completed', 'GET', '/s/:redacted', 404],
      ['request aborted', 'GET', '/slow', undefined],
    ]);
    for (const line of requests.slice(0, 3)) {
      expect(line).toMatchObject({ level: 30, reqId: expect.any(String), responseTime: expect.any(Number) });
      expect(Object.keys(line).sort()).toEqual(
        [
          'hostname',
          'level',
          'method',
          'msg',
          'pid',
          'reqId',
          'responseTime',
          'route',
          'statusCode',
          'time',
        ].sort(),
      );
    }
    expect(readFileSync(file, 'utf8')).not.toContain(code);
  });

  it('keeps LOG_LEVEL: at warn, a request that went well writes nothing', async () => {
    const file = path.join(dir, 'warn.log');
    const handle = await pglite!.open();
    const app = await buildApp(testConfig({ logLevel: 'warn' }), {
      database: handle,
      logDestination: bufferedDestination(file),
      backgroundTimers: false,
    });
    expect((await app.inject('/health')).statusCode).toBe(200);
    await app.close();
    await handle.close();
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
