import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { ACCOUNT_BUDGET_IN_ADDRESSES } from '../../../server/routes/auth.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import {
  attemptSignIn,
  deviceCookieOf,
  freshSubscribers,
  newAccount,
  nextMinute,
  useMinuteClock,
} from '../../support/sign-in-limits.ts';

const LIMIT = 5;
const ACCOUNT_LIMIT = ACCOUNT_BUDGET_IN_ADDRESSES * LIMIT;

describe.each(testDatabases())('sign-in from a browser that has signed in before, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: LIMIT });
  });
  afterAll(() => test?.close());
  useMinuteClock();
  const freshSubscriber = freshSubscribers();
  const login = (email: string, password: string, remoteAddress: string, device?: string) =>
    attemptSignIn(test.app, email, password, remoteAddress, device);
  const account = () => newAccount(test.handle.db);
  /** Signs in once, a minute before the test goes on, and keeps the browser's device cookie. */
  async function ownBrowser(email: string) {
    const cookie = deviceCookieOf(await login(email, TEST_PASSWORD, freshSubscriber()))!.value;
    nextMinute();
    return cookie;
  }
  /** Guesses from three /64s (one subscriber's), until the account's budget is spent. */
  async function spendAccountBudget(email: string) {
    const attacker = [freshSubscriber(), freshSubscriber(), freshSubscriber()];
    const statuses = [];
    for (let i = 0; i < ACCOUNT_LIMIT + 6; i++)
      statuses.push((await login(email, 'wrong password', attacker[i % 3]!)).statusCode);
    expect(statuses).toEqual([...Array(ACCOUNT_LIMIT).fill(401), ...Array(6).fill(429)]);
  }

  it('is remembered by an HttpOnly, SameSite=Lax cookie for /api/auth, for 180 days, naming nobody', async () => {
    const email = await account();
    const cookie = deviceCookieOf(await login(email, TEST_PASSWORD, freshSubscriber()))!;
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth',
      maxAge: 180 * 86_400,
    });
    const user = await test.handle.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    for (const part of [email, email.split('@')[0]!, user.id, user.id.replaceAll('-', '')])
      expect(cookie.value.toLowerCase()).not.toContain(part.toLowerCase());
  });

  it('lets the owner in while three /64s of one attacker spend the account budget', async () => {
    const email = await account();
    const device = await ownBrowser(email);
    await spendAccountBudget(email);
    // From the owner's office, with their own browser: in, and again with the cookie it renewed.
    const office = freshSubscriber();
    const first = await login(email, TEST_PASSWORD, office, device);
    expect(first.statusCode).toBe(200);
    expect((await login(email, 'wrong password', freshSubscriber())).statusCode).toBe(429);
    expect((await login(email, TEST_PASSWORD, office, deviceCookieOf(first)!.value)).statusCode).toBe(200);
    // The same person on a browser that never signed in waits for the minute, as a guesser does.
    expect((await login(email, TEST_PASSWORD, office)).statusCode).toBe(429);
  });

  it('gives a forged cookie, or one of another account, no way past the account budget', async () => {
    const email = await account();
    const own = await ownBrowser(email);
    const other = await ownBrowser(await account());
    await spendAccountBudget(email);
    const [nonce, mac] = own.split('.') as [string, string];
    const forgeries = [
      other,
      `${randomBytes(16).toString('base64url')}.${mac}`,
      `${nonce}.${randomBytes(32).toString('base64url')}`,
      `${nonce}.${other.split('.')[1]}`,
      `${other.split('.')[0]}.${mac}`,
      `${nonce}.`,
      nonce,
      `${nonce}.${mac}x`,
    ];
    for (const forged of forgeries)
      expect((await login(email, TEST_PASSWORD, freshSubscriber(), forged)).statusCode, forged).toBe(429);
    expect((await login(email, TEST_PASSWORD, freshSubscriber(), own)).statusCode).toBe(200);
  });

  it('remembers a browser for several accounts, each by its own cookie entry', async () => {
    const first = await account();
    const second = await account();
    const afterFirst = await ownBrowser(first);
    const both = deviceCookieOf(await login(second, TEST_PASSWORD, freshSubscriber(), afterFirst))!.value;
    nextMinute();
    await spendAccountBudget(first);
    await spendAccountBudget(second);
    expect((await login(first, TEST_PASSWORD, freshSubscriber(), both)).statusCode).toBe(200);
    expect((await login(second, TEST_PASSWORD, freshSubscriber(), both)).statusCode).toBe(200);
  });

  it("holds a device to its own budget: a browser's cookie is no licence to guess", async () => {
    const email = await account();
    const device = await ownBrowser(email);
    const statuses = [];
    for (let i = 0; i < LIMIT + 3; i++)
      statuses.push((await login(email, 'wrong password', freshSubscriber(), device)).statusCode);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(3).fill(429)]);
    // It spent none of the account's: the owner's new laptop gets in.
    expect((await login(email, TEST_PASSWORD, freshSubscriber())).statusCode).toBe(200);
  });
});

describe('a device cookie behind a TLS-terminating proxy (COOKIE_SECURE=true)', () => {
  it('is Secure, as the session cookie is', async () => {
    const [pglite] = testDatabases();
    const test = await startTestApp(pglite!, { cookieSecure: 'true' });
    try {
      const email = await newAccount(test.handle.db);
      const response = await attemptSignIn(test.app, email, TEST_PASSWORD, '127.0.0.1');
      const secure = (name: string) => response.cookies.find((cookie) => cookie.name === name)!.secure;
      expect([secure('trust_os_session'), secure('trust_os_device')]).toEqual([true, true]);
    } finally {
      await test.close();
    }
  });
});

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('a device cookie across two instances sharing Redis', () => {
  let handle: DatabaseHandle;
  let apps: App[];
  beforeAll(async () => {
    const [database] = testDatabases();
    handle = await database!.open();
    // Keys of this file's instances only: other files and runs count in the same Redis.
    const redisNameSpace = `${inject('redisNameSpace')}${randomUUID()}:`;
    const build = () =>
      buildApp(testConfig({ loginRateLimitPerMinute: LIMIT, redisUrl }), {
        database: handle,
        logger: false,
        backgroundTimers: false,
        redisNameSpace,
      });
    apps = [await build(), await build()];
  });
  afterAll(async () => {
    await Promise.all((apps ?? []).map((app) => app.close()));
    await handle?.close();
  });

  it('is recognized by the instance that did not issue it', async () => {
    const email = await newAccount(handle.db);
    const login = (app: App, password: string, remoteAddress: string, device?: string) =>
      attemptSignIn(app, email, password, remoteAddress, device);
    const device = deviceCookieOf(await login(apps[0]!, TEST_PASSWORD, '2001:db8:aaaa:1::1'))!.value;
    for (let i = 0; i < ACCOUNT_LIMIT; i++)
      await login(apps[i % 2]!, 'wrong password', `2001:db8:aaaa:${(i % 3) + 2}::1`);
    expect((await login(apps[1]!, TEST_PASSWORD, '2001:db8:aaaa:9::1')).statusCode).toBe(429);
    expect((await login(apps[1]!, TEST_PASSWORD, '2001:db8:aaaa:9::1', device)).statusCode).toBe(200);
  });
});

describe('a device cookie across a restart of a single instance without Redis or RATE_LIMIT_SECRET', () => {
  it('is recognized by the process that starts after the one that issued it', async () => {
    const [database] = testDatabases();
    const handle = await database!.open();
    const start = () =>
      buildApp(testConfig({ loginRateLimitPerMinute: LIMIT, redisUrl: null, rateLimitSecret: null }), {
        database: handle,
        logger: false,
        backgroundTimers: false,
      });
    let app = await start();
    try {
      const email = await newAccount(handle.db);
      const login = (password: string, remoteAddress: string, device?: string) =>
        attemptSignIn(app, email, password, remoteAddress, device);
      const device = deviceCookieOf(await login(TEST_PASSWORD, '2001:db8:bbbb:1::1'))!.value;
      await app.close();
      app = await start();
      for (let i = 0; i < ACCOUNT_LIMIT; i++)
        await login('wrong password', `2001:db8:bbbb:${(i % 3) + 2}::1`);
      expect((await login(TEST_PASSWORD, '2001:db8:bbbb:9::1')).statusCode).toBe(429);
      expect((await login(TEST_PASSWORD, '2001:db8:bbbb:9::1', device)).statusCode).toBe(200);
    } finally {
      await app.close();
      await handle.close();
    }
  });
});
