import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { captureOutput, freePort, isRunning, stopChild } from '../../scripts/multi-instance/processes.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface AppProcess {
  name: string;
  url: string;
  /** Everything the process wrote, for a failure message. */
  output(): string;
  /** Ends it at once, as a crash or an out-of-memory kill would: nothing is flushed or finished. */
  kill(): Promise<void>;
  /** Asks it to stop as a supervisor would, and waits. */
  stop(): Promise<void>;
}

/**
 * One instance of the server in a process of its own, the way production starts it: `server/main.ts`
 * with its configuration from the environment only. It runs from the sources through tsx's loader,
 * in this one process (no wrapper process a signal would stop at), so the test covers the code as it
 * is now rather than the last build. Resolves once `/ready` answers 200.
 */
export async function startAppProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  // A port found free can be taken by another program before the server binds it; a new one then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, env);
    } catch (error) {
      if (attempt === 3 || !(error instanceof PortTakenError)) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(name: string, env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const app: AppProcess = {
    name,
    url,
    output,
    kill: () => stopChild(child, 'SIGKILL'),
    stop: () => stopChild(child, 'SIGTERM'),
  };
  // Bounded by attempts, not by a clock: a start on a busy machine takes as long as it takes,
  // and a process that died says so at once.
  for (let attempt = 0; attempt < 600; attempt++) {
    if (!isRunning(child)) {
      const message = `instance ${name} exited while starting:\n${output()}`;
      throw output().includes('EADDRINUSE') ? new PortTakenError(message) : new Error(message);
    }
    try {
      if ((await fetch(`${url}/ready`)).ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.kill();
  throw new Error(`instance ${name} never became ready:\n${output()}`);
}
