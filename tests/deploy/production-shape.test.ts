import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * docker-compose.yml is production's shape: PostgreSQL, Redis, two app replicas, a proxy in front.
 * No container can start here, so what would break a real start is checked from the files: each
 * replica reaches the database and the shared Redis, trusts exactly the proxy, is not reachable
 * past it, and is health-checked on /ready; the proxy sends traffic to exactly those replicas.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
  volumes?: string[];
  networks?: Record<string, { ipv4_address?: string }>;
  profiles?: string[];
}

// `merge` resolves the `<<: *app` keys as Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string }[] } }>;
};
const services = compose.services;
const replicas = Object.entries(services).filter(([, service]) => service.build !== undefined);
const proxy = services.proxy!;
const caddyfile = read('deploy/Caddyfile');
/** The Caddyfile without its comments, so a commented-out line counts for nothing. */
const caddyDirectives = caddyfile.replace(/#.*$/gm, '');

describe('docker-compose.yml, the production shape', () => {
  it('runs PostgreSQL 17, Redis and two replicas of the app image', () => {
    expect(services.db?.image).toBe('postgres:17');
    expect(services.redis?.image).toMatch(/^redis:/);
    expect(replicas.map(([name]) => name)).toEqual(['app-1', 'app-2']);
  });

  it.each(replicas)(
    '%s shares the database and the Redis, trusts the proxy, and waits for both',
    (_, app) => {
      const env = app.environment!;
      expect(String(env.DATABASE_URL)).toMatch(/^postgres:\/\/[^@]+@db:5432\//);
      // Without it each replica would count its own budgets: twice every budget.
      expect(String(env.REDIS_URL)).toMatch(/^redis:\/\/redis:6379$/);
      // The key of the budgets' names in Redis comes from the shell, never from this file.
      expect(String(env.RATE_LIMIT_SECRET)).toBe(`\${RATE_LIMIT_SECRET:-}`);
      // The proxy alone, by its fixed address: its X-Forwarded-For entry is the client. Unset, the
      // whole company would share the proxy's address and so one budget; a number of proxies is
      // refused at start-up (config.ts).
      expect(String(env.TRUST_PROXY)).toBe(proxy.networks?.default?.ipv4_address);
      expect(String(env.HOST)).toBe('0.0.0.0');
      expect(app.depends_on).toEqual({
        db: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    },
  );

  it.each(replicas)(
    '%s is reachable only through the proxy, and healthy only when /ready says so',
    (_, app) => {
      // A published port would let anyone send their own X-Forwarded-For to an app that trusts it.
      expect(app.ports).toBeUndefined();
      expect(String(app.healthcheck?.test)).toContain(`127.0.0.1:${app.environment!.PORT}/ready`);
    },
  );

  it('puts the proxy in front of exactly the replicas, each taken only when /ready answers', () => {
    expect(proxy.image).toMatch(/^caddy:/);
    expect(proxy.ports).toEqual(['3000:80']);
    // Its address is fixed inside the network's own range, so the replicas can trust exactly it.
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    const address = proxy.networks?.default?.ipv4_address ?? '';
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    expect(address.split('.').slice(0, 3)).toEqual(subnet.split('.').slice(0, 3));
    expect(Object.keys(proxy.depends_on ?? {}).sort()).toEqual(replicas.map(([name]) => name));
    for (const dependency of Object.values(proxy.depends_on ?? {}))
      expect(dependency.condition).toBe('service_healthy');
    const mounted = proxy.volumes?.map((volume) => volume.split(':')) ?? [];
    expect(mounted).toContainEqual(['./deploy/Caddyfile', '/etc/caddy/Caddyfile', 'ro']);
    expect(existsSync(`${root}deploy/Caddyfile`)).toBe(true);

    const upstreams = /reverse_proxy\s+([^{\n]+)\{/.exec(caddyDirectives)?.[1]?.trim().split(/\s+/);
    expect(upstreams?.sort()).toEqual(replicas.map(([name, app]) => `${name}:${app.environment!.PORT}`));
    expect(caddyDirectives).toMatch(/^\s*health_uri\s+\/ready\s*$/m);
    expect(caddyDirectives).toMatch(/^\s*:80\s*\{/m);
  });

  it('publishes nothing else by default: the mail catcher only with its profile', () => {
    const published = Object.entries(services)
      .filter(([, service]) => service.ports && !service.profiles)
      .map(([name]) => name);
    expect(published).toEqual(['proxy']);
  });
});
