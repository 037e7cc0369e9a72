import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memoryEnvironment,
  memoryOptions,
  startedWithMemorySettings,
} from '../../scripts/memory-settings.mjs';
import { makeTempDir, removeTempDir } from '../support/temp-dir.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const settings = path.join(root, 'scripts', 'memory-settings.mjs');

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('memory-settings');
});
afterAll(() => removeTempDir(dir));

/** Runs a script that applies the settings, then prints what its process runs with. */
function started(env: NodeJS.ProcessEnv, execArgv: string[] = []) {
  const script = path.join(dir, 'probe.mjs');
  writeFileSync(
    script,
    `import { applyMemorySettings } from ${JSON.stringify(settings)};
applyMemorySettings();
console.log(JSON.stringify({ pid: process.pid, arenas: process.env.MALLOC_ARENA_MAX ?? null,
  execArgv: process.execArgv, argv: process.argv.slice(2) }));`,
  );
  const { NODE_OPTIONS: _ignored, MALLOC_ARENA_MAX: _unset, ...inherited } = process.env;
  return JSON.parse(
    execFileSync(process.execPath, [...execArgv, script, 'an-argument'], {
      env: { ...inherited, ...env },
      encoding: 'utf8',
      // A process that kept starting itself again would never answer.
      timeout: 30_000,
    }),
  ) as { pid: number; arenas: string | null; execArgv: string[]; argv: string[] };
}

const canRestart = typeof (process as { execve?: unknown }).execve === 'function';

describe('the memory settings npm start runs the server with', () => {
  it('knows whether a process already has them, keeping values set by the operator', () => {
    expect(startedWithMemorySettings({}, [])).toBe(false);
    expect(startedWithMemorySettings({ ...memoryEnvironment }, [])).toBe(false);
    expect(startedWithMemorySettings({ ...memoryEnvironment }, memoryOptions)).toBe(true);
    // Node.js takes the growth factor on the command line only, not in NODE_OPTIONS.
    expect(
      startedWithMemorySettings({ MALLOC_ARENA_MAX: '4', NODE_OPTIONS: '--max-semi-space-size=8' }, [
        '--heap-growing-percent=100',
      ]),
    ).toBe(true);
    // One of them missing: the process is started again with it.
    expect(
      startedWithMemorySettings({ MALLOC_ARENA_MAX: '4', NODE_OPTIONS: '--max-semi-space-size=8' }, []),
    ).toBe(false);
  });

  it.runIf(canRestart)('starts the process again once with them, keeping its arguments', () => {
    const run = started({});
    expect(run.arenas).toBe(memoryEnvironment.MALLOC_ARENA_MAX);
    for (const option of memoryOptions) expect(run.execArgv).toContain(option);
    expect(run.argv).toEqual(['an-argument']);
    // An option of the operator's own is kept and not given twice.
    const own = started({ MALLOC_ARENA_MAX: '3' }, ['--max-semi-space-size=8']);
    expect(own.arenas).toBe('3');
    expect(own.execArgv.filter((option) => option.startsWith('--max-semi-space-size'))).toEqual([
      '--max-semi-space-size=8',
    ]);
  });

  it.skipIf(canRestart)('runs on without them where Node.js cannot replace its process', () => {
    const run = started({});
    expect(run.arenas).toBeNull();
    expect(run.argv).toEqual(['an-argument']);
  });

  it('is what the Docker image sets', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    for (const [name, value] of Object.entries(memoryEnvironment))
      expect(dockerfile).toMatch(new RegExp(`^ENV ${name}=${value}$`, 'm'));
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(command.slice(1, -1)).toEqual(memoryOptions);
  });
});
