import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../support/app.ts';

describe('graceful shutdown', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('finishes a request in flight, then refuses new ones and releases the embedded database', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trust-os-shutdown-'));
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

  it('refuses a second process on the same embedded data directory', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'trust-os-lock-'));
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
  });
});
