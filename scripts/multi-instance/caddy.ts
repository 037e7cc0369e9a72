// The reverse proxy of docker-compose.yml, run outside a container: Caddy with the repository's own
// deploy/Caddyfile, its upstreams (app-1:3000, app-2:3000) replaced by instances on loopback. So
// the test exercises the proxy configuration that ships, not one written for the test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureOutput, freePort, stopChild, waitForPort } from './processes.ts';

const shippedCaddyfile = fileURLToPath(new URL('../../deploy/Caddyfile', import.meta.url));

export interface RunningProxy {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

export function findCaddy(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'caddy');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The shipped Caddyfile, listening on `port` on loopback only, with its admin endpoint off (it
 * would take the same port as any other Caddy on the machine) and `upstreams` in place of the
 * compose services. Throws when the Caddyfile no longer has the lines this replaces, so a change
 * to it cannot silently leave the test running another configuration.
 */
export function localCaddyfile(shipped: string, port: number, upstreams: readonly string[]): string {
  const replacements: [RegExp, string][] = [
    [/^(\s*)auto_https off$/m, '$1auto_https off\n$1admin off'],
    [/^:80 \{$/m, `:${port} {\n\tbind 127.0.0.1`],
    [/^(\s*reverse_proxy) app-1:3000 app-2:3000 \{$/m, `$1 ${upstreams.join(' ')} {`],
  ];
  let text = shipped;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(text)) throw new Error(`deploy/Caddyfile no longer matches ${pattern}`);
    text = text.replace(pattern, replacement);
  }
  return text;
}

/** Starts Caddy in front of `upstreams` (host:port each) and resolves once it accepts connections. */
export async function startProxy(upstreams: readonly string[]): Promise<RunningProxy> {
  const binary = findCaddy();
  if (!binary) throw new Error('caddy is not installed (Debian: apt-get install caddy)');
  const shipped = await readFile(shippedCaddyfile, 'utf8');
  let lastError: unknown;
  // A port found free can be taken before Caddy binds it; a few tries are enough.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'trust-os-caddy-'));
    const port = await freePort();
    const config = path.join(dir, 'Caddyfile');
    await writeFile(config, localCaddyfile(shipped, port, upstreams));
    // Caddy keeps its state under XDG folders; a folder of its own leaves the machine's alone.
    const child = spawn(binary, ['run', '--config', config, '--adapter', 'caddyfile'], {
      env: { ...process.env, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = captureOutput(child);
    const stop = () => stopChild(child).then(() => rm(dir, { recursive: true, force: true }));
    try {
      await waitForPort(port, child, output);
      return { url: `http://127.0.0.1:${port}`, log: output, stop };
    } catch (error) {
      lastError = error;
      await stop();
    }
  }
  throw lastError;
}
