import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../support/app.ts';
import { testDatabases } from '../support/databases.ts';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

describe('graceful shutdown', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await removeTempDir(dir);
  });

  // Opens and migrates an on-disk database twice: twice the default backstop (vitest.config.ts).
  it('finishes a request in flight, then refuses new ones and releases the embedded database', {
    timeout: 240_000,
  }, async () => {
    const dataDir = await makeTempDir('shutdown');
    dirs.push(dataDir);
    const app = await buildApp(testConfig({ dataDir, databaseUrl: null }), { logger: false });
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    app.get('/slow', async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { finished: true };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });

    const inFlight = fetch(`${address}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await requestStarted;
    const closing = app.close();

    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await closing;
    await expect(fetch(`${address}/health`)).rejects.toThrow();

    // The data directory is free again: a new instance opens it.
    const again = await buildApp(testConfig({ dataDir, databaseUrl: null }), { logger: false });
    expect((await again.inject('/ready')).statusCode).toBe(200);
    await again.close();
  });

  it('answers requests that arrive after the signal with 503 and Connection: close while one finishes', async () => {
    const [pglite] = testDatabases();
    const handle = await pglite!.open();
    const app = await buildApp(testConfig(), { database: handle, logger: false });
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/slow', { config: { access: { public: true } } }, async () => {
      started();
      await released;
      return { finished: true };
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await requestStarted;

    const stopped = app.shutdown();
    // The listener is still open, so a request that arrives now gets an answer, not a reset.
    for (const url of ['/health', '/ready', '/api/questionnaires']) {
      const late = await fetch(`${address}${url}`);
      expect(late.status, await late.clone().text()).toBe(503);
      expect(late.headers.get('connection')).toBe('close');
      expect(late.headers.get('retry-after')).toBe('5');
      const body = (await late.json()) as { message?: string };
      if (url === '/ready') expect(body).toMatchObject({ status: 'unavailable', reason: 'shutting down' });
      else expect(body.message).toMatch(/restarting/);
    }

    release();
    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await stopped;
    await expect(fetch(`${address}/health`)).rejects.toThrow();
    await handle.close();
  });

  it('refuses a second process on the same embedded data directory', async () => {
    const dataDir = await makeTempDir('lock');
    dirs.push(dataDir);
    const { lockDataDir } = await import('../../server/db/data-dir-lock.ts');
    const { writeFile } = await import('node:fs/promises');
    // A lock held by another live process (this test's parent stands in for it).
    const lock = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.lock`);
    await writeFile(lock, String(process.ppid));
    await expect(lockDataDir(dataDir)).rejects.toThrow(/in use by process \d+.*PostgreSQL/);
    // A lock left by a process that is gone is taken over.
    await writeFile(lock, '2147483646');
    const release = await lockDataDir(dataDir);
    await release();
    // The lock sits beside the folder, not in it.
    await removeTempDir(lock);
  });
});
