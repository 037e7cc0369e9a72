import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { App } from '../../../server/http/app-types.ts';
import { ACCOUNT_BUDGET_IN_ADDRESSES } from '../../../server/routes/auth.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import {
  attemptSignIn,
  freshAddresses,
  newAccount,
  nextMinute,
  useMinuteClock,
} from '../../support/sign-in-limits.ts';

const LIMIT = 5;
const ACCOUNT_LIMIT = ACCOUNT_BUDGET_IN_ADDRESSES * LIMIT;
const NEW_PASSWORD = 'a brand new passphrase';

interface Browser {
  session: string;
  device: string;
}

async function signInFrom(app: App, email: string, remoteAddress: string): Promise<Browser> {
  const response = await attemptSignIn(app, email, TEST_PASSWORD, remoteAddress);
  expect(response.statusCode).toBe(200);
  const cookie = (name: string) => response.cookies.find((c) => c.name === name)!.value;
  return { session: cookie('trust_os_session'), device: cookie('trust_os_device') };
}

const changePassword = (
  app: App,
  cookies: Record<string, string>,
  currentPassword: string,
  remoteAddress: string,
) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/password',
    remoteAddress,
    cookies,
    payload: { currentPassword, newPassword: NEW_PASSWORD },
  });

describe.each(testDatabases())('password change limits on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: LIMIT });
  });
  afterAll(() => test?.close());
  useMinuteClock();
  const freshAddress = freshAddresses('10.7');
  const login = (email: string, password: string) => attemptSignIn(test.app, email, password, freshAddress());

  /** An account signed in a minute ago, its budgets untouched since. */
  async function signedIn() {
    const email = await newAccount(test.handle.db);
    const browser = await signInFrom(test.app, email, freshAddress());
    nextMinute();
    return { email, browser };
  }

  it("holds someone with a session to the account's budget, spread over addresses or not", async () => {
    const { email, browser } = await signedIn();
    const statuses = [];
    // The session alone, as someone who took it over would send it: no device cookie.
    for (let i = 0; i < ACCOUNT_LIMIT + 3; i++)
      statuses.push(
        (await changePassword(test.app, { trust_os_session: browser.session }, 'a guess', freshAddress()))
          .statusCode,
      );
    expect(statuses).toEqual([...Array(ACCOUNT_LIMIT).fill(400), ...Array(3).fill(429)]);
    // One budget with sign-in: guessing here left no room to guess there.
    expect((await login(email, 'another guess')).statusCode).toBe(429);
    nextMinute();
    expect((await login(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("spends the budget sign-in's failures spent", async () => {
    const { email, browser } = await signedIn();
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await login(email, 'a guess')).statusCode).toBe(401);
    const refused = await changePassword(
      test.app,
      { trust_os_session: browser.session },
      TEST_PASSWORD,
      freshAddress(),
    );
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBe(60);
  });

  it("lets the owner change it from their own browser while the account's budget is spent", async () => {
    const { email, browser } = await signedIn();
    for (let i = 0; i < ACCOUNT_LIMIT + 1; i++) await login(email, 'a guess');
    const cookies = { trust_os_session: browser.session, trust_os_device: browser.device };
    // That browser's own budget is one person's, and its guesses spend it.
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await changePassword(test.app, cookies, 'a guess', freshAddress())).statusCode).toBe(400);
    expect((await changePassword(test.app, cookies, TEST_PASSWORD, freshAddress())).statusCode).toBe(204);
  });
});

describe.each(testDatabases())('password change with Redis unreachable, on $name', (database) => {
  let handle: Awaited<ReturnType<typeof database.open>>;
  let counted: App;
  let uncounted: App;
  beforeAll(async () => {
    handle = await database.open();
    const options = { database: handle, logger: false as const, backgroundTimers: false };
    // Sessions live in the database: one opened where counts work is good where they do not.
    counted = await buildApp(testConfig(), options);
    // Port 1 on the loopback: nothing listens, so every count fails at once.
    uncounted = await buildApp(testConfig({ redisUrl: 'redis://127.0.0.1:1' }), options);
  });
  afterAll(async () => {
    await Promise.all([counted?.close(), uncounted?.close()]);
    await handle?.close();
  });

  it('is refused with 503 and Retry-After, as sign-in is, and the password stays', async () => {
    const email = await newAccount(handle.db);
    const browser = await signInFrom(counted, email, '10.8.0.1');
    // With and without the browser's device cookie: neither budget can be counted.
    const requests: Record<string, string>[] = [
      { trust_os_session: browser.session },
      { trust_os_session: browser.session, trust_os_device: browser.device },
    ];
    for (const cookies of requests) {
      const refused = await changePassword(uncounted, cookies, TEST_PASSWORD, '10.8.0.2');
      expect(refused.statusCode).toBe(503);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await signInFrom(counted, email, '10.8.0.3')).session).toBeTruthy();
  });
});
