// What the helpers that start PgBouncer, Caddy and the app have in common: a free port on
// loopback, waiting for a child to listen on it, and stopping it.
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * Resolves once `child` accepts connections on `port`. Bounded by attempts, each a connection try,
 * not by a clock; a child that exits first fails at once, with what it wrote.
 */
export async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const name = child.spawnfile;
  for (let attempt = 0; attempt < 200; attempt++) {
    if (!isRunning(child)) throw new Error(`${name} exited before accepting connections:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not accept connections on port ${port}:\n${output()}`);
}

/** Sends `signal` unless the child has already exited, and waits for it to exit. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Collects what a child writes on stdout and stderr, for a failure message. */
export function captureOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}
