import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_BUDGET_IN_ADDRESSES, ADDRESS_BUDGET_IN_PEOPLE } from '../../../server/routes/auth.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import {
  attemptSignIn,
  deviceCookieOf,
  freshAddresses,
  newAccount,
  nextMinute,
  useMinuteClock,
} from '../../support/sign-in-limits.ts';

const LIMIT = 5;
/** What one account may receive per minute, from all addresses together. */
const ACCOUNT_LIMIT = ACCOUNT_BUDGET_IN_ADDRESSES * LIMIT;
/** What one address may send per minute without a device cookie, at all accounts together. */
const ADDRESS_LIMIT = ADDRESS_BUDGET_IN_PEOPLE * LIMIT;

describe.each(testDatabases())('sign-in limits on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: LIMIT });
  });
  afterAll(() => test?.close());
  useMinuteClock();
  const freshAddress = freshAddresses('127.0');
  const login = (email: string, password: string, remoteAddress: string, device?: string) =>
    attemptSignIn(test.app, email, password, remoteAddress, device);
  const account = () => newAccount(test.handle.db);

  it('stops guesses at one account spread over 30 source addresses, with Retry-After', async () => {
    const email = await account();
    // Its owner signed in from their own browser last week.
    const device = deviceCookieOf(await login(email, TEST_PASSWORD, freshAddress()))!.value;
    nextMinute();
    const responses = [];
    for (let i = 0; i < 30; i++) responses.push(await login(email, 'wrong password', freshAddress()));
    expect(responses.map((r) => r.statusCode)).toEqual([
      ...Array(ACCOUNT_LIMIT).fill(401),
      ...Array(30 - ACCOUNT_LIMIT).fill(429),
    ]);
    for (const refused of responses.slice(ACCOUNT_LIMIT)) {
      expect(Number(refused.headers['retry-after'])).toBe(60);
      expect(refused.json().message).toMatch(/wait 60 seconds/);
    }
    // The account's budget is spent for every browser that has not signed in to it before, its
    // owner's new laptop too, until the minute is over; the browser it has signed in from gets in.
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(429);
    expect((await login(email, TEST_PASSWORD, freshAddress(), device)).statusCode).toBe(200);
    nextMinute();
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it('stops one address guessing at many accounts, and not another address', async () => {
    const flooder = freshAddress();
    const responses = [];
    for (let i = 0; i < ADDRESS_LIMIT + 5; i++)
      responses.push(await login(`nobody-${randomUUID()}@example.org`, 'wrong password', flooder));
    expect(responses.map((r) => r.statusCode)).toEqual([
      ...Array(ADDRESS_LIMIT).fill(401),
      ...Array(5).fill(429),
    ]);
    expect(Number(responses.at(-1)!.headers['retry-after'])).toBe(60);

    const email = await account();
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it("does not let a refused address spend an account's budget", async () => {
    const flooder = freshAddress();
    const email = await account();
    for (let i = 0; i < ADDRESS_LIMIT; i++) await login(`other-${i}@example.org`, 'wrong password', flooder);
    // The flooder is over its own budget: these never reach the account's.
    for (let i = 0; i < 3 * LIMIT; i++)
      expect((await login(email, 'wrong password', flooder)).statusCode).toBe(429);
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it("lets one person's flood at one account spend only that account's share of their office's budget", async () => {
    const office = freshAddress();
    const colleague = await account();
    const flood = [];
    for (let i = 0; i < 2 * ADDRESS_LIMIT; i++) flood.push(await login(colleague, 'wrong password', office));
    // One address guesses at one account no more than one person's budget allows...
    expect(flood.map((r) => r.statusCode)).toEqual([
      ...Array(LIMIT).fill(401),
      ...Array(2 * ADDRESS_LIMIT - LIMIT).fill(429),
    ]);
    // ...and everyone else behind that address, on a browser that never signed in, gets in.
    expect((await login(await account(), TEST_PASSWORD, office)).statusCode).toBe(200);
  });

  it('does not let one address lock an account out: its owner still signs in from elsewhere', async () => {
    const flooder = freshAddress();
    const email = await account();
    const responses = [];
    for (let i = 0; i < 3 * LIMIT; i++) responses.push(await login(email, 'wrong password', flooder));
    expect(responses.filter((r) => r.statusCode === 401)).toHaveLength(LIMIT);
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
  });

  it('counts an account by its normalized email, so changing case or spacing buys nothing', async () => {
    const email = await account();
    const spellings = [
      email,
      email.toUpperCase(),
      ` ${email}`,
      `${email} `,
      email.replace('person', 'PERSON'),
    ];
    for (let round = 0; round < ACCOUNT_BUDGET_IN_ADDRESSES; round++)
      for (const spelling of spellings) await login(spelling, 'wrong password', freshAddress());
    expect((await login(email.toUpperCase(), TEST_PASSWORD, freshAddress())).statusCode).toBe(429);
  });
});

describe('sign-in limits behind a trusted proxy', () => {
  it('count the client address the proxy reports, not the proxy', async () => {
    const [pglite] = testDatabases();
    const test = await startTestApp(pglite!, { loginRateLimitPerMinute: LIMIT, trustProxy: ['127.0.0.1'] });
    try {
      const email = `nobody-${randomUUID()}@example.org`;
      const attempt = (client: string) =>
        test.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
          payload: { email, password: 'wrong password' },
        });
      for (let i = 0; i < LIMIT; i++) expect((await attempt('203.0.113.7')).statusCode).toBe(401);
      expect((await attempt('203.0.113.7')).statusCode).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await attempt('198.51.100.20')).statusCode).toBe(401);
    } finally {
      await test.close();
    }
  });
});
