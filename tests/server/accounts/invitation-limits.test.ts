import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCOUNT_BUDGET_IN_ADDRESSES, ADDRESS_BUDGET_IN_PEOPLE } from '../../../server/routes/auth.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

const LIMIT = 5;
const ADDRESS_LIMIT = ADDRESS_BUDGET_IN_PEOPLE * LIMIT;
const PASSWORD = 'the invitee chose this one';

describe.each(testDatabases())('accepting invitations behind one address, on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: LIMIT });
    await createAccount(test.handle.db, { email: 'consultant@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'consultant@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Office' })).id;
  });
  afterAll(() => test?.close());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  let offices = 0;
  const freshOffice = () => {
    offices += 1;
    return `192.0.2.${offices}`;
  };
  /** A new leader's invitation: the token from its link, and the email it was sent to. */
  async function invitation() {
    const email = `leader-${randomUUID()}@example.org`;
    const { inviteUrl } = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email,
      role: 'leader',
    });
    return { email, token: String(inviteUrl).split('/invite/')[1]! };
  }
  const accept = (token: string, remoteAddress: string, password?: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      remoteAddress,
      payload: { token, ...(password === undefined ? {} : { password }) },
    });

  it("lets an office's invitees in while one of them sends dead links over and over", async () => {
    const office = freshOffice();
    // Someone opening an old link again and again, and trying a few they mistyped.
    const dead = randomUUID();
    const again = [];
    for (let i = 0; i < 2 * ADDRESS_LIMIT; i++) again.push((await accept(dead, office)).statusCode);
    expect(again).toEqual([...Array(LIMIT).fill(410), ...Array(2 * ADDRESS_LIMIT - LIMIT).fill(429)]);
    for (let i = 0; i < 3 * LIMIT; i++) expect((await accept(randomUUID(), office)).statusCode).toBe(410);
    // Everyone else there who was invited joins.
    for (let i = 0; i < 3; i++) {
      const { token } = await invitation();
      expect((await accept(token, office, PASSWORD)).statusCode).toBe(200);
    }
  });

  it('stops one address trying tokens by the dozen, and not another address', async () => {
    const flooder = freshOffice();
    const statuses = [];
    for (let i = 0; i < ADDRESS_LIMIT + 3; i++)
      statuses.push((await accept(randomUUID(), flooder)).statusCode);
    expect(statuses).toEqual([...Array(ADDRESS_LIMIT).fill(410), ...Array(3).fill(429)]);
    const { token } = await invitation();
    expect((await accept(token, flooder, PASSWORD)).statusCode).toBe(429);
    expect((await accept(token, freshOffice(), PASSWORD)).statusCode).toBe(200);
  });

  it('remembers the browser an account was activated in, for its sign-ins under attack', async () => {
    const { email, token } = await invitation();
    const joined = await accept(token, freshOffice(), PASSWORD);
    expect(joined.statusCode).toBe(200);
    const device = joined.cookies.find((cookie) => cookie.name === 'trust_os_device')!.value;
    vi.setSystemTime(Date.now() + 60_000);
    const login = (password: string, remoteAddress: string, cookies = {}) =>
      test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        cookies,
        payload: { email, password },
      });
    for (let i = 0; i < ACCOUNT_BUDGET_IN_ADDRESSES * LIMIT; i++)
      await login('a guess', `198.51.100.${(i % ACCOUNT_BUDGET_IN_ADDRESSES) + 1}`);
    expect((await login(PASSWORD, freshOffice())).statusCode).toBe(429);
    expect((await login(PASSWORD, freshOffice(), { trust_os_device: device })).statusCode).toBe(200);
  });
});
