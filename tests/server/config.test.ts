import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: './data',
      adminEmail: null,
      adminPassword: null,
      logLevel: 'info',
    });
  });

  it('reads which proxies to trust, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    // A count of proxies is trusted by nobody in Fastify 5.12; accepting it would be silently void.
    expect(() => loadConfig({ TRUST_PROXY: '2' })).toThrow(
      /TRUST_PROXY: a number of proxies cannot be checked/,
    );
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.1.0/24' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.0.1.0/24',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('takes a RATE_LIMIT_SECRET of 32 characters or more, and never echoes a short one', () => {
    expect(loadConfig({}).rateLimitSecret).toBeNull();
    const secret = 'k'.repeat(32);
    expect(loadConfig({ RATE_LIMIT_SECRET: secret }).rateLimitSecret).toBe(secret);
    expect(() => loadConfig({ RATE_LIMIT_SECRET: 'hunter2-too-short' })).toThrow(
      /^Invalid environment variable RATE_LIMIT_SECRET: must be at least 32 characters[^"]*$/,
    );
  });

  it('counts rate limits in Redis only when REDIS_URL names one, and never echoes it', () => {
    expect(loadConfig({}).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2' }).redisUrl).toBe('redis://cache:6379/2');
    expect(loadConfig({ REDIS_URL: 'rediss://app:secret@cache:6380' }).redisUrl).toBe(
      'rediss://app:secret@cache:6380',
    );
    for (const wrong of ['cache:6379', 'http://app:hunter2@cache:6379', 'redis://']) {
      let thrown: unknown;
      try {
        loadConfig({ REDIS_URL: wrong });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message).toMatch(
        /^Invalid environment variable REDIS_URL: must look like redis:\/\//,
      );
      expect((thrown as Error).message).not.toContain('hunter2');
    }
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: null });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://app@db:5432/trust',
      DATA_DIR: '/var/lib/trust',
      ADMIN_EMAIL: 'admin@example.org',
      ADMIN_PASSWORD: 'a long enough secret',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://app@db:5432/trust',
      dataDir: '/var/lib/trust',
      adminEmail: 'admin@example.org',
      adminPassword: 'a long enough secret',
      logLevel: 'warn',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid environment variable PORT: .*\(got "eighty"\)$/],
    [{ PORT: '70000' }, /^Invalid environment variable PORT:/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid environment variable LOG_LEVEL:/],
    [
      { DATABASE_URL: 'mysql://x' },
      /^Invalid environment variable DATABASE_URL: must start with postgres:\/\//,
    ],
    [
      { ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'a long enough secret' },
      /^Invalid environment variable ADMIN_EMAIL:/,
    ],
    [
      { ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'short' },
      /^Invalid environment variable ADMIN_PASSWORD: must be at least 12/,
    ],
    [
      { ADMIN_EMAIL: 'a@example.org' },
      /^Invalid environment variable ADMIN_PASSWORD: ADMIN_EMAIL and ADMIN_PASSWORD go together/,
    ],
  ])('refuses %o with one line naming the variable', (environment, message) => {
    let thrown: unknown;
    try {
      loadConfig(environment);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a password or database URL back', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).toThrow(/^(?!.*hunter2)/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'hunter2' })).toThrow(
      /^(?!.*hunter2)/,
    );
  });
});
