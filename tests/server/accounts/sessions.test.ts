import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { createAccount, signIn, TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('signing in and out on $name', (database) => {
  let test: TestApp;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: 1000 });
    orgId = (
      await test.handle.db
        .insertInto('organization')
        .values({ name: 'Acme' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await createAccount(test.handle.db, {
      email: 'consultant@example.org',
      role: 'consultant',
      organizationId: orgId,
    });
  });
  afterAll(() => test?.close());

  it('signs in with an HttpOnly, SameSite=Lax cookie and knows who is signed in', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'Consultant@Example.org ', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'trust_os_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const me = await test.app.inject({
      url: '/api/auth/me',
      headers: { cookie: `trust_os_session=${cookie.value}` },
    });
    expect(me.json().user).toMatchObject({
      email: 'consultant@example.org',
      isAdmin: false,
      memberships: [{ organizationId: orgId, role: 'consultant' }],
    });
  });

  it('stores only a hash of the session id, and a new id at every sign-in', async () => {
    const first = await signIn(test.app, 'consultant@example.org');
    const second = await signIn(test.app, 'consultant@example.org');
    expect(first).not.toBe(second);
    const rows = await test.handle.db.selectFrom('session').select('id_hash').execute();
    for (const raw of [first, second]) {
      expect(rows.map((r) => r.id_hash)).not.toContain(raw.split('=')[1]);
    }
  });

  it('ends the session on sign-out', async () => {
    const cookie = await signIn(test.app, 'consultant@example.org');
    expect((await test.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (await test.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await test.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const unknown = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'whatever it may be' },
    });
    const wrong = await test.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'consultant@example.org', password: 'not the right one!' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  it('stores argon2id hashes with at least OWASP parameters', async () => {
    const row = await test.handle.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'consultant@example.org')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe.each(testDatabases())('sign-in rate limits on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, { loginRateLimitPerMinute: 3 });
  });
  afterAll(() => test?.close());

  it('limits sign-in attempts with 429 and Retry-After', async () => {
    const attempt = () =>
      test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'target@example.org', password: 'guess guess guess' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toContain(429);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().message).toMatch(/Too many attempts/);
  });
});
