import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

/** Counts the password hashes the server works out (argon2, the costly step). */
const hashed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../server/accounts/passwords.ts', async (original) => {
  const real = await original<typeof import('../../../server/accounts/passwords.ts')>();
  return {
    ...real,
    hashPassword: (password: string) => {
      hashed.count += 1;
      return real.hashPassword(password);
    },
  };
});

describe.each(testDatabases())('the cost of a link that leads nowhere, on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'consultant@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'consultant@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Office' })).id;
  });
  afterAll(() => test?.close());

  const accept = (token: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a long enough password' },
    });

  it('works out no password hash for a token that names no invitation, and one for a live link', async () => {
    // The budget of an office's address admits ten people's attempts a minute; junk tokens among
    // them must not each cost an argon2 hash.
    const before = hashed.count;
    for (let i = 0; i < 5; i++)
      expect((await accept(`junk-token-${i}-${'x'.repeat(24)}`)).statusCode).toBe(410);
    expect(hashed.count).toBe(before);
    const { inviteUrl } = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'invitee@example.org',
      role: 'leader',
    });
    expect((await accept(inviteUrl.split('/invite/')[1])).statusCode).toBe(200);
    expect(hashed.count).toBe(before + 1);
  });
});
