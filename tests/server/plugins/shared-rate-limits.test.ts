import { hash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { Config } from '../../../server/config.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { sharedRateLimitSecret } from '../../../server/db/rate-limit-secret.ts';
import type { App } from '../../../server/http/app-types.ts';
import { rateKeys } from '../../../server/plugins/security.ts';
import { ACCOUNT_BUDGET_IN_ADDRESSES } from '../../../server/routes/auth.ts';
import { testConfig } from '../../support/app.ts';
import { setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

const LOGIN_LIMIT = 4;
const ADDRESS_LIMIT = 3;
const LINK_LIMIT = 5;
const limits: Partial<Config> = {
  loginRateLimitPerMinute: LOGIN_LIMIT,
  participationAddressRateLimitPerMinute: ADDRESS_LIMIT,
  participationRateLimitPerMinute: LINK_LIMIT,
  participationOpenAddressRateLimitPerMinute: ADDRESS_LIMIT,
  participationOpenRateLimitPerMinute: LINK_LIMIT,
};

/** Two instances of the app on one database, as behind a load balancer. */
async function twoInstances(redisUrl: string | null) {
  const [database] = testDatabases();
  const handle: DatabaseHandle = await database!.open();
  // Keys of this file's instances only: other files and runs count in the same Redis.
  const redisNameSpace = `${inject('redisNameSpace')}${randomUUID()}:`;
  const build = () =>
    buildApp(testConfig({ ...limits, redisUrl }), {
      database: handle,
      logger: false,
      backgroundTimers: false,
      redisNameSpace,
    });
  const first = await build();
  const second = await build();
  // Signs the consultant in who sets up each survey, so no test depends on sign-in working there.
  const setup = await buildApp(testConfig(), { database: handle, logger: false, backgroundTimers: false });
  return {
    apps: [first, second] as const,
    handle,
    redisNameSpace,
    /** An organization with an open wave, set up through a third instance that counts in memory. */
    assessment: () => setUpAssessment({ app: setup, handle, close: async () => {} }),
    async close() {
      await Promise.all([first.close(), second.close(), setup.close()]);
      await handle.close();
    },
  };
}

type Instances = Awaited<ReturnType<typeof twoInstances>>;

/** `count` requests, sent to the two instances in turn; their status codes in order. */
async function alternately(
  instances: Instances,
  count: number,
  send: (app: App) => Promise<{ statusCode: number }>,
) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await send(instances.apps[i % 2]!)).statusCode);
  return statuses;
}

const submit = (app: App, code: string, address: string) =>
  app.inject({
    method: 'POST',
    url: `/api/participate/${code}/responses`,
    remoteAddress: address,
    payload: { submissionId: randomUUID(), answers: someAnswers() },
  });
const open = (app: App, code: string, address: string) =>
  app.inject({ method: 'GET', url: `/api/participate/${code}`, remoteAddress: address });
const login = (app: App, email: string, address: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: address,
    payload: { email, password: 'wrong password' },
  });

async function newAccount(instances: Instances) {
  const email = `person-${randomUUID()}@example.org`;
  await createAccount(instances.handle.db, { email, role: 'consultant' });
  return email;
}

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('rate limits shared through Redis by two instances', () => {
  let instances: Instances;
  beforeAll(async () => {
    instances = await twoInstances(redisUrl);
  });
  afterAll(() => instances?.close());

  it('refuses the submission after the address budget, counted across both instances', async () => {
    const { codes } = await instances.assessment();
    const statuses = await alternately(instances, ADDRESS_LIMIT + 2, (app) =>
      submit(app, codes.ops!, '198.51.100.1'),
    );
    expect(statuses).toEqual([...Array(ADDRESS_LIMIT).fill(201), 429, 429]);
  });

  it("refuses at the link's budget from many addresses, and counts openings apart", async () => {
    const { codes } = await instances.assessment();
    let sent = 0;
    const statuses = await alternately(instances, LINK_LIMIT + 2, (app) =>
      submit(app, codes.eng!, `198.51.100.${10 + sent++}`),
    );
    expect(statuses.filter((status) => status === 201)).toHaveLength(LINK_LIMIT);
    expect(statuses.slice(LINK_LIMIT)).toEqual([429, 429]);
    const opened = await alternately(instances, ADDRESS_LIMIT + 1, (app) =>
      open(app, codes.eng!, '198.51.100.2'),
    );
    expect(opened).toEqual([...Array(ADDRESS_LIMIT).fill(200), 429]);
  });

  it('stops sign-in guesses from one address at its budget across both instances', async () => {
    const email = await newAccount(instances);
    const statuses = await alternately(instances, LOGIN_LIMIT + 2, (app) => login(app, email, '203.0.113.1'));
    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429]);
  });

  it('names the budgets in Redis with keys nobody can work out without the secret (A2)', async () => {
    const { codes } = await instances.assessment();
    const email = await newAccount(instances);
    expect((await submit(instances.apps[0], codes.ops!, '198.51.100.77')).statusCode).toBe(201);
    expect((await login(instances.apps[1], email, '198.51.100.77')).statusCode).toBe(401);
    const redis = new Redis(redisUrl!);
    const keys = (await redis.keys(`${instances.redisNameSpace}*`)).join('\n');
    await redis.quit();
    // What anyone reading Redis could compute: plain hashes of an address, a link, an account.
    const plain = (scope: string, value: string) => hash('sha256', `${scope}:${value}`, 'base64url');
    const address = plain('client', '198.51.100.77');
    for (const guessable of [
      address,
      plain('submit-address', `${codes.ops}:${address}`),
      plain('submit', codes.ops!),
      plain('login-account', email),
      '198.51.100.77',
      email,
      codes.ops!,
    ])
      expect(keys).not.toContain(guessable);
    // Every instance keys them alike, with the secret kept in the database.
    const keyed = rateKeys(await sharedRateLimitSecret(instances.handle.db));
    expect(keys).toContain(keyed.key('submit', codes.ops!));
    expect(keys).toContain(keyed.key('login-account', email));
  });

  it("stops guesses at one account from many addresses at the account's budget across both", async () => {
    const email = await newAccount(instances);
    const accountLimit = ACCOUNT_BUDGET_IN_ADDRESSES * LOGIN_LIMIT;
    let address = 0;
    const statuses = await alternately(instances, accountLimit + 2, (app) => {
      address += 1;
      return login(app, email, `203.0.114.${address}`);
    });
    expect(statuses).toEqual([...Array(accountLimit).fill(401), 429, 429]);
  });
});

describe('rate limits without Redis', () => {
  let instances: Instances;
  beforeAll(async () => {
    instances = await twoInstances(null);
  });
  afterAll(() => instances?.close());

  it('count in each instance on its own: two instances admit twice the budget (single instance only)', async () => {
    const { codes } = await instances.assessment();
    const statuses = await alternately(instances, 2 * ADDRESS_LIMIT + 2, (app) =>
      submit(app, codes.ops!, '198.51.100.1'),
    );
    expect(statuses).toEqual([...Array(2 * ADDRESS_LIMIT).fill(201), 429, 429]);
  });
});

describe('rate limits with Redis unreachable', () => {
  let instances: Instances;
  // Port 1 on the loopback: nothing listens, so every count fails at once.
  beforeAll(async () => {
    instances = await twoInstances('redis://127.0.0.1:1');
  });
  afterAll(() => instances?.close());

  it('still stores employees’ answers, uncounted', async () => {
    const { codes } = await instances.assessment();
    const statuses = await alternately(instances, ADDRESS_LIMIT + 2, (app) =>
      submit(app, codes.ops!, '198.51.100.1'),
    );
    expect(statuses).toEqual(Array(ADDRESS_LIMIT + 2).fill(201));
  });

  it('refuses sign-in with 503 and Retry-After rather than allow unlimited guesses', async () => {
    const email = await newAccount(instances);
    const refused = await login(instances.apps[1], email, '203.0.113.1');
    expect(refused.statusCode).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
