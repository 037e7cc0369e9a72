import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh folder of its own under the system's temporary directory. */
export const makeTempDir = (name: string): Promise<string> =>
  mkdtemp(path.join(tmpdir(), `trust-os-${name}-`));

/**
 * Removes a test's folder and all it holds. A database, worker thread or child process that has
 * just closed can still be writing its last file while `rm` walks the tree: on a busy machine that
 * failed a run with ENOTEMPTY. Node retries ENOTEMPTY, EBUSY and EPERM itself with `maxRetries`,
 * waiting a little longer each time, so cleanup waits for the writer instead of failing the suite.
 */
export const removeTempDir = (dir: string): Promise<void> =>
  rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
