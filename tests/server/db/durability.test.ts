import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connect.ts';
import { makeTempDir, removeTempDir } from '../../support/temp-dir.ts';

const script = fileURLToPath(new URL('../../support/scripts/write-then-crash.ts', import.meta.url));

describe('the embedded database', () => {
  let dataDir = '';
  afterAll(() => removeTempDir(dataDir));

  it('keeps committed data when the server process is killed outright', async () => {
    dataDir = await makeTempDir('durability');
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DATA_DIR: dataDir, ORG_NAME: 'Northwind Logistics' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal).toBe('SIGKILL');
    expect(output).toContain('committed');

    // The lock left behind by the dead process is taken over, and the row is there.
    const handle = await openDatabase({ databaseUrl: null, dataDir });
    const rows = await handle.db.selectFrom('organization').select('name').execute();
    await handle.close();
    expect(rows).toEqual([{ name: 'Northwind Logistics' }]);
  });
});
