// A PgBouncer of its own in transaction pooling mode, on loopback, in front of a PostgreSQL: the
// way most production databases are reached. Used by the multi-instance test; run by hand to try
// the app through one:
//
//   npx tsx scripts/multi-instance/pgbouncer.ts postgres://postgres@127.0.0.1:5432/trust
//
// prints the URL to give the app as DATABASE_URL and runs until interrupted.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { captureOutput, freePort, stopChild, waitForPort } from './processes.ts';

export interface RunningPgBouncer {
  /** The target URL with its host and port replaced by PgBouncer's. */
  url: string;
  port: number;
  /** What PgBouncer wrote, for a failure message. */
  log(): string;
  stop(): Promise<void>;
}

/** Where Debian's package puts it (`/usr/sbin`, often not on a non-root PATH), or null. */
export function findPgBouncer(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = path.join(dir, 'pgbouncer');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Starts PgBouncer in front of `target` (a postgres:// URL whose user needs no password, as on a
 * CI machine's loopback), with every database name passed through, and resolves once it accepts
 * connections.
 */
export async function startPgBouncer(
  target: string,
  options: { poolSize?: number } = {},
): Promise<RunningPgBouncer> {
  const binary = findPgBouncer();
  if (!binary) throw new Error('pgbouncer is not installed (Debian: apt-get install pgbouncer)');
  const upstream = new URL(target);
  const user = decodeURIComponent(upstream.username || 'postgres');
  const dir = await mkdtemp(path.join(tmpdir(), 'trust-os-pgbouncer-'));
  // PgBouncer refuses to run as root; as root it is told to switch to the database's own user,
  // which must then be able to read its configuration.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(dir, 0o755);
  let lastError: unknown;
  // A port found free can be taken before PgBouncer binds it; a few tries are enough.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = [
      '[databases]',
      `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'users.txt')}`,
      // What the app is meant to survive: a server connection goes back to the pool after every
      // transaction, so nothing set in one session can be counted on in the next statement.
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'max_client_conn = 500',
      // node-postgres sends none of the parameters PgBouncer does not track, except `options`
      // when asked for a schema, which PgBouncer would refuse; this setup does not use it.
      'ignore_startup_parameters = extra_float_digits',
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n');
    const configFile = path.join(dir, 'pgbouncer.ini');
    await writeFile(configFile, config, { mode: 0o644 });
    await writeFile(path.join(dir, 'users.txt'), `"${user}" ""\n`, { mode: 0o644 });
    const args = asRoot ? ['-u', databaseOsUser(), configFile] : [configFile];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = captureOutput(child);
    // SIGTERM is PgBouncer's immediate shutdown (SIGINT its safe one), which is all a test needs.
    const stop = () => stopChild(child).then(() => rm(dir, { recursive: true, force: true }));
    try {
      await waitForPort(port, child, output);
    } catch (error) {
      lastError = error;
      await stopChild(child);
      continue;
    }
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return { url: url.toString(), port, log: output, stop };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}

/** The system user PgBouncer runs as when started by root: the one the database runs as. */
function databaseOsUser(): string {
  for (const candidate of ['postgres', 'nobody']) {
    try {
      execFileSync('id', ['-u', candidate], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not on this machine
    }
  }
  throw new Error('PgBouncer will not run as root, and there is no postgres or nobody user to run it as');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npx tsx scripts/multi-instance/pgbouncer.ts postgres://user@host:5432/database');
    process.exit(2);
  }
  const bouncer = await startPgBouncer(target);
  console.log(`PgBouncer (transaction pooling) for ${new URL(target).pathname.slice(1)}: ${bouncer.url}`);
  const stop = () => void bouncer.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
