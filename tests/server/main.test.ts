import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

describe('the server process', () => {
  let dataDir = '';
  afterAll(() => removeTempDir(dataDir));

  it('writes out the log lines it still holds when it is stopped with SIGTERM', async () => {
    dataDir = await makeTempDir('main');
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', DEMO: 'false' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const listening = output.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
        if (listening) resolve(listening[1]!);
      });
      void exited.then(() => reject(new Error(`the server stopped: ${output}`)));
    });

    // A few lines, far fewer than a block: they are still in memory when the signal comes.
    for (let i = 0; i < 5; i++) expect((await fetch(`${address}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const lines = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const health = lines.filter((line) => line.msg === 'request completed' && line.route === '/health');
    expect(health).toHaveLength(5);
    expect(health[0]).toMatchObject({ method: 'GET', statusCode: 200, level: 30 });
    expect(typeof health[0]!.reqId).toBe('string');
    expect(typeof health[0]!.responseTime).toBe('number');
    expect(lines.at(-1)).toMatchObject({ msg: 'shutting down', signal: 'SIGTERM' });
  });
});
