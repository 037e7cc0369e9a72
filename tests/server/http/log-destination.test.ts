import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bufferedDestination } from '../../../server/http/log-destination.ts';
import { removeTempDir } from '../../support/temp-dir.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'trust-os-logs-'));
afterAll(() => removeTempDir(dir));

/** The messages in a log file; none while the destination has not yet opened it (it opens it asynchronously). */
const written = (file: string) =>
  (existsSync(file) ? readFileSync(file, 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('the buffered log destination', () => {
  it('keeps lines in memory instead of writing each, and flush writes every one of them', async () => {
    const file = path.join(dir, 'flush.log');
    const destination = bufferedDestination(file);
    const log = pino(destination.stream);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 1; i <= 5; i++) log.info(`line ${i}`);

    expect(written(file)).toEqual([]);
    await destination.flush();
    expect(written(file)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('writes a line of a quiet server within a second or so', async () => {
    const file = path.join(dir, 'quiet.log');
    const log = pino(bufferedDestination(file).stream);
    log.info('alone');
    expect(written(file)).toEqual([]);
    // The destination's timer writes it; a loaded machine may run that timer late, so wait for
    // the line rather than for a fixed time.
    await vi.waitFor(() => expect(written(file)).toEqual(['alone']), { timeout: 60_000, interval: 100 });
  });

  it('writes a busy server’s lines in blocks, all of them, in order', async () => {
    const file = path.join(dir, 'busy.log');
    const destination = bufferedDestination(file);
    const log = pino(destination.stream);
    for (let i = 0; i < 2000; i++) log.info(`line ${i}`);
    await destination.flush();
    const lines = written(file);
    expect(lines).toHaveLength(2000);
    expect(lines.every((line, i) => line === `line ${i}`)).toBe(true);
  });
});
