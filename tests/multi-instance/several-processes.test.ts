import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaddy, type RunningProxy, startProxy } from '../../scripts/multi-instance/caddy.ts';
import {
  findPgBouncer,
  type RunningPgBouncer,
  startPgBouncer,
} from '../../scripts/multi-instance/pgbouncer.ts';
import { FolderMigrationProvider, migrateToLatest } from '../../server/db/migrations.ts';
import { someAnswers } from '../support/assessment.ts';
import { type AppProcess, startAppProcess } from './app-process.ts';

/**
 * Production's shape, in real processes: two instances of the server on one PostgreSQL reached
 * through PgBouncer in transaction pooling mode, sharing one Redis, with answers sent to both in
 * turn. One instance is killed (SIGKILL) in the middle of the load and its clients retry on the
 * other with the same submission id, as the survey page does. Everything is bounded by counts: how
 * many answers were acknowledged, stored, refused. No step waits on a clock except the overall
 * timeouts.
 */

const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_TEST_URL || 'redis://127.0.0.1:6379';

const ADMIN_EMAIL = 'multi-instance@example.org';
const ADMIN_PASSWORD = 'several processes, one truth';
/** Submissions per minute through one link from one address: the budget both instances share. */
const ADDRESS_BUDGET = 8;
/** Answers in the load, how many run at once, and after how many acknowledged ones B dies. */
const LOAD = 240;
const CONCURRENCY = 16;
const KILL_AFTER = 80;

const databaseName = `trust_multi_${randomBytes(5).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(postgresUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

/** What the run needs, each checked with a plain connection, so a missing piece is named. */
async function missingPrerequisites(): Promise<string[]> {
  const missing: string[] = [];
  if (!findPgBouncer()) missing.push('pgbouncer (Debian: apt-get install pgbouncer)');
  if (!findCaddy()) missing.push('caddy (Debian: apt-get install caddy)');
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    missing.push(`PostgreSQL at TEST_DATABASE_URL (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    missing.push(`Redis at REDIS_TEST_URL (${(error as Error).message})`);
  } finally {
    redis.disconnect();
  }
  return missing;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Reads and writes straight to PostgreSQL, past PgBouncer and both instances. */
async function direct<Row extends pg.QueryResultRow>(query: string, params: unknown[]): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<Row>(query, params)).rows;
  } finally {
    await client.end();
  }
}

const count = async (query: string, params: unknown[]) =>
  Number((await direct<{ n: string }>(query, params))[0]!.n);

interface Answer {
  status: number;
  text: string;
}

describe('two instances through PgBouncer and one Redis, one killed mid-load', () => {
  let bouncer: RunningPgBouncer | null = null;
  let proxy: RunningProxy | null = null;
  let created = false;
  const instances: AppProcess[] = [];
  let env: Record<string, string>;
  let cookie = '';
  let waveId = '';
  /** A second wave, left to close at its deadline. */
  let deadlineWaveId = '';
  const links: Record<string, string> = {};

  async function call(app: AppProcess, method: string, path: string, body?: unknown, headers = {}) {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  async function ok(app: AppProcess, method: string, path: string, body?: unknown) {
    const response = await call(app, method, path, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path} on ${app.name} → ${response.status} ${response.text}`);
    return response.text ? JSON.parse(response.text) : undefined;
  }

  /**
   * One submission to one instance, from the client address the proxy in front would forward.
   * A connection that fails (refused, reset by the kill) is `null`: the answer may or may not have
   * been stored, which is exactly what a retry with the same submission id settles.
   */
  async function submit(
    app: AppProcess,
    team: string,
    submission: { submissionId: string; answers: Record<string, number> },
    address: string,
  ): Promise<Answer | null> {
    try {
      const response = await call(app, 'POST', `/api/participate/${links[team]}/responses`, submission, {
        'x-forwarded-for': address,
      });
      return { status: response.status, text: response.text };
    } catch {
      return null;
    }
  }

  beforeAll(async () => {
    const missing = await missingPrerequisites();
    if (missing.length > 0)
      throw new Error(`The multi-instance test needs, and could not find: ${missing.join('; ')}`);
    await admin((client) => client.query(`create database ${databaseName}`));
    created = true;
    bouncer = await startPgBouncer(databaseUrl);
    env = {
      DATABASE_URL: bouncer.url,
      REDIS_URL: redisUrl,
      // As in docker-compose.yml: the proxy's own address, here loopback, where Caddy runs below.
      // The load plays that proxy itself, forwarding each simulated employee's address.
      TRUST_PROXY: '127.0.0.1',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      PARTICIPATION_ADDRESS_RATE_LIMIT_PER_MINUTE: String(ADDRESS_BUDGET),
      PARTICIPATION_RATE_LIMIT_PER_MINUTE: '100000',
      // Both instances look for waves past their deadline every second.
      WAVE_DEADLINE_CHECK_SECONDS: '1',
    };
  });

  afterAll(async () => {
    await Promise.all(instances.map((app) => app.kill()));
    await proxy?.stop();
    await bouncer?.stop();
    if (created)
      await admin((client) => client.query(`drop database if exists ${databaseName} with (force)`));
  });

  it('applies the migrations once from two instances at once, with no lock left behind in the pool', async () => {
    const statements: string[] = [];
    const connect = () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: bouncer!.url, max: 4 }) }),
        log: (event) => void statements.push(event.query.sql),
      });
    const [first, second] = [connect(), connect()];
    try {
      await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
    // A session-level lock, taken and released in statements of their own, can be taken on one
    // pooled server connection and "released" on another, and then blocks the next start.
    expect(statements.filter((s) => /pg_advisory_(un)?lock\s*\(/.test(s))).toEqual([]);
    expect(statements.some((s) => /pg_advisory_xact_lock\s*\(/.test(s))).toBe(true);
    const migrations = Object.keys(await new FolderMigrationProvider().getMigrations()).length;
    expect(await count('select count(*) as n from kysely_migration', [])).toBe(migrations);
    expect(
      await count(
        `select count(*) as n from pg_locks l join pg_database d on d.oid = l.database
         where l.locktype = 'advisory' and d.datname = $1`,
        [databaseName],
      ),
    ).toBe(0);
  });

  it('starts two instances and sets up a wave through either', async () => {
    // Each one that started is kept for the clean-up, even when the other failed.
    const started = await Promise.allSettled([startAppProcess('A', env), startAppProcess('B', env)]);
    for (const result of started) if (result.status === 'fulfilled') instances.push(result.value);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    const [a, b] = instances as [AppProcess, AppProcess];
    const login = await call(a, 'POST', '/api/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // A session opened on one instance is good on the other: sessions live in the database.
    const org = await ok(b, 'POST', '/api/organizations', { name: 'Two instances', anonymityThreshold: 3 });
    const teams = await fetch(`${a.url}/api/organizations/${org.id}/teams`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'text/csv' },
      body: 'key,name,parent_key,headcount\nfloor,Floor,,1000\nbudget,Budget,,100\nproxied,Proxied,,100\n',
    });
    expect(teams.status).toBeLessThan(300);
    const wave = await ok(b, 'POST', `/api/organizations/${org.id}/waves`, {
      title: 'Several instances',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    waveId = wave.id;
    await ok(a, 'POST', `/api/waves/${waveId}/open`);
    const details = await ok(b, 'GET', `/api/waves/${waveId}`);
    for (const link of details.links as { teamKey: string; code: string }[]) links[link.teamKey] = link.code;
    expect(Object.keys(links).sort()).toEqual(['budget', 'floor', 'proxied']);

    const deadline = await ok(a, 'POST', `/api/organizations/${org.id}/waves`, {
      title: 'Closes at its deadline',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    deadlineWaveId = deadline.id;
    await ok(b, 'POST', `/api/waves/${deadlineWaveId}/open`);
    const deadlineDetails = await ok(a, 'GET', `/api/waves/${deadlineWaveId}`);
    links.deadline = (deadlineDetails.links as { teamKey: string; code: string }[]).find(
      (link) => link.teamKey === 'floor',
    )!.code;
  });

  it('stores every acknowledged answer exactly once, though B is killed while answering', async () => {
    const [a, b] = instances as [AppProcess, AppProcess];
    const inFlight = new Map<AppProcess, number>([
      [a, 0],
      [b, 0],
    ]);
    let next = 0;
    let acknowledged = 0;
    let retried = 0;
    let alreadyRecorded = 0;
    let inFlightOnBWhenKilled = -1;
    let killed: Promise<void> | null = null;

    async function answer(i: number) {
      // The answers differ by submission, so a lost answer and a doubled one cannot hide each other.
      const submission = { submissionId: randomUUID(), answers: someAnswers(1 + (i % 5)) };
      const address = `10.0.${i >> 8}.${i & 255}`;
      let target = i % 2 === 0 ? a : b;
      for (let attempt = 0; attempt < 6; attempt++) {
        inFlight.set(target, inFlight.get(target)! + 1);
        const outcome = await submit(target, 'floor', submission, address);
        inFlight.set(target, inFlight.get(target)! - 1);
        if (outcome === null) {
          // What the survey page does: the same submission again, here on the instance still up.
          retried += 1;
          target = target === a ? b : a;
          continue;
        }
        if (outcome.status !== 201 && outcome.status !== 200)
          throw new Error(`answer ${i} on ${target.name}: ${outcome.status} ${outcome.text}`);
        if (outcome.status === 200) alreadyRecorded += 1;
        acknowledged += 1;
        if (!killed && acknowledged >= KILL_AFTER && inFlight.get(b)! >= 2) {
          inFlightOnBWhenKilled = inFlight.get(b)!;
          killed = b.kill();
        }
        return;
      }
      throw new Error(`answer ${i} was never acknowledged`);
    }

    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < LOAD) await answer(next++);
      }),
    );
    await killed;
    console.info(
      `[multi-instance] ${LOAD} answers acknowledged; B killed with ${inFlightOnBWhenKilled} in flight; ` +
        `${retried} sent to it failed (cut off by the kill, or refused after it) and were sent again to A, ` +
        `${alreadyRecorded} of them found already stored`,
    );
    expect(killed, 'B was never killed: the load ended before it had answers in flight').not.toBeNull();
    expect(acknowledged).toBe(LOAD);
    // The kill cut at least one request off, and its client went on to the other instance.
    expect(retried).toBeGreaterThan(0);

    const stored = await count(
      `select count(*) as n from response r join team t on t.id = r.team_id where r.wave_id = $1 and t.key = 'floor'`,
      [waveId],
    );
    expect(stored).toBe(LOAD);
    expect(await count('select count(*) as n from submission_key where wave_id = $1', [waveId])).toBe(LOAD);
    for (let value = 1; value <= 5; value++) {
      const withValue = await count(
        // The first item of the pulse is its first stored answer.
        `select count(*) as n from response where wave_id = $1 and answers[1] = $2`,
        [waveId, value],
      );
      expect(withValue, `answers of ${value}`).toBe(LOAD / 5);
    }

    // B comes back, as a supervisor would restart it, beside A still serving.
    instances[1] = await startAppProcess('B (restarted)', env);
  });

  it('refuses a participation budget at its configured total across both instances, not twice it', async () => {
    const statuses: { instance: string; status: number }[] = [];
    for (let i = 0; i < 2 * ADDRESS_BUDGET + 2; i++) {
      const app = instances[i % 2]!;
      const outcome = await submit(
        app,
        'budget',
        { submissionId: randomUUID(), answers: someAnswers(3) },
        '198.51.100.7',
      );
      if (!outcome) throw new Error(`submission ${i} to ${app.name} got no answer`);
      statuses.push({ instance: app.name, status: outcome.status });
    }
    const accepted = statuses.filter((s) => s.status === 201);
    expect(accepted).toHaveLength(ADDRESS_BUDGET);
    // The first ones in, then refusals only, from whichever instance was asked.
    expect(statuses.slice(0, ADDRESS_BUDGET).every((s) => s.status === 201)).toBe(true);
    const refused = statuses.slice(ADDRESS_BUDGET);
    expect(refused.every((s) => s.status === 429)).toBe(true);
    expect(new Set(refused.map((s) => s.instance)).size).toBe(2);
    expect(
      await count(
        `select count(*) as n from response r join team t on t.id = r.team_id where r.wave_id = $1 and t.key = 'budget'`,
        [waveId],
      ),
    ).toBe(ADDRESS_BUDGET);
  });

  it('behind the shipped Caddyfile, refuses the same budget to a client that makes up its own address', async () => {
    proxy = await startProxy(instances.map((app) => new URL(app.url).host));
    const statuses: number[] = [];
    for (let i = 0; i < 2 * ADDRESS_BUDGET + 2; i++) {
      // Were this header passed on, every request would count against a different address.
      const response = await fetch(`${proxy.url}/api/participate/${links.proxied}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: JSON.stringify({ submissionId: randomUUID(), answers: someAnswers(4) }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([
      ...Array<number>(ADDRESS_BUDGET).fill(201),
      ...Array<number>(ADDRESS_BUDGET + 2).fill(429),
    ]);
  });

  it('refuses on B, at once, an answer to the wave A has just closed', async () => {
    const [a, b] = instances as [AppProcess, AppProcess];
    // B opens the survey and takes an answer, so it holds the link as open in its cache.
    expect((await call(b, 'GET', `/api/participate/${links.floor}`)).status).toBe(200);
    const before = await submit(
      b,
      'floor',
      { submissionId: randomUUID(), answers: someAnswers(2) },
      '10.9.9.9',
    );
    expect(before?.status).toBe(201);

    await ok(a, 'POST', `/api/waves/${waveId}/close`);

    const late = await submit(
      b,
      'floor',
      { submissionId: randomUUID(), answers: someAnswers(2) },
      '10.9.9.10',
    );
    expect(late?.status).toBe(410);
    expect(JSON.parse(late!.text).reason).toBe('wave-closed');
    expect(await count('select count(*) as n from response where wave_id = $1', [waveId])).toBe(
      LOAD + 2 * ADDRESS_BUDGET + 1,
    );
  });

  it('serves byte-identical reports of the closed wave from both instances', async () => {
    const reports: string[] = [];
    for (const app of instances) {
      let response = await call(app, 'GET', `/api/waves/${waveId}/report`);
      // A report still being built answers 503; asked again a bounded number of times.
      for (let attempt = 0; response.status === 503 && attempt < 120; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        response = await call(app, 'GET', `/api/waves/${waveId}/report`);
      }
      expect(response.status, `${app.name}: ${response.text.slice(0, 300)}`).toBe(200);
      reports.push(response.text);
    }
    expect(JSON.parse(reports[0]!).wave.status).toBe('closed');
    expect(reports[1]).toBe(reports[0]);
  });

  it('closes a wave at its deadline once, though both instances watch the clock through PgBouncer', async () => {
    for (let i = 0; i < 3; i++) {
      const stored = await submit(
        instances[i % 2]!,
        'deadline',
        { submissionId: randomUUID(), answers: someAnswers(5) },
        `10.8.0.${i + 1}`,
      );
      expect(stored?.status).toBe(201);
    }
    // The deadline passes now, as if its time had come; both instances' clocks race to close it.
    await direct('update wave set closes_at = now() where id = $1', [deadlineWaveId]);
    let status = 'open';
    for (let attempt = 0; status !== 'closed' && attempt < 240; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      [{ status }] = (await direct<{ status: string }>('select status from wave where id = $1', [
        deadlineWaveId,
      ])) as [{ status: string }];
    }
    expect(status).toBe('closed');
    const closes = await direct<{ by: string | null }>(
      `select detail->>'by' as by from audit_event where action = 'wave.close' and detail->>'waveId' = $1`,
      [deadlineWaveId],
    );
    expect(closes).toEqual([{ by: 'deadline' }]);
    // Sealed once: the three answers, rewritten once, and no submission key left.
    expect(await count('select count(*) as n from response where wave_id = $1', [deadlineWaveId])).toBe(3);
    expect(await count('select count(*) as n from submission_key where wave_id = $1', [deadlineWaveId])).toBe(
      0,
    );
    for (const app of instances) {
      const late = await submit(
        app,
        'deadline',
        { submissionId: randomUUID(), answers: someAnswers(5) },
        '10.8.1.1',
      );
      expect(late?.status, app.name).toBe(410);
    }
  });
});
