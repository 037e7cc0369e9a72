import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn, TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

const VICTIM_PASSWORD = 'the victim chose this one';
const ATTACKER_PASSWORD = 'the consultant chose this';

describe.each(testDatabases())('invitations on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let admin: string;
  let orgA: string;
  let orgB: string;

  const invite = async (cookie: string, orgId: string, email: string, role = 'leader') => {
    const response = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/members`,
      headers: { cookie },
      payload: { email, role },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    return { ...body, token: String(body.inviteUrl).split('/invite/')[1] ?? '' };
  };
  const accept = (token: string, options: { password?: string; cookie?: string } = {}) =>
    test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      headers: options.cookie ? { cookie: options.cookie } : {},
      payload: { token, ...(options.password === undefined ? {} : { password: options.password }) },
    });
  const status = async (cookie: string, url: string) =>
    (await test.app.inject({ url, headers: { cookie } })).statusCode;
  const login = (email: string, password: string) =>
    test.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'consultant@example.org', role: 'consultant' });
    await createAccount(test.handle.db, { email: 'admin@example.org', role: 'admin' });
    consultant = await signIn(test.app, 'consultant@example.org');
    admin = await signIn(test.app, 'admin@example.org');
    orgA = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'A' })).id;
    orgB = (await call(test.app, admin, 'POST', '/api/organizations', { name: 'B' })).id;
  });
  afterAll(() => test?.close());

  it('stops the takeover of issue 12: a kept second link never signs in as the person', async () => {
    // A consultant invites the same new email twice and keeps the second link.
    const first = await invite(consultant, orgA, 'victim@example.org');
    const second = await invite(consultant, orgA, 'victim@example.org');
    // The person accepts the first: it was replaced, so it is dead (before the fix: 200).
    expect((await accept(first.token, { password: VICTIM_PASSWORD })).statusCode).toBe(410);
    // An administrator adds the person to another organization, and the person joins it.
    const other = await invite(admin, orgB, 'victim@example.org', 'consultant');
    const joined = await accept(other.token, { password: VICTIM_PASSWORD });
    expect(joined.statusCode).toBe(200);
    const victim = `trust_os_session=${joined.cookies.find((c) => c.name === 'trust_os_session')!.value}`;

    // The consultant calls accept-invite with the second link: refused, no session, nothing changed.
    for (const options of [{ password: ATTACKER_PASSWORD }, {}, { cookie: consultant }]) {
      const attack = await accept(second.token, options);
      expect(attack.statusCode).toBe(409);
      expect(attack.cookies).toEqual([]);
    }
    expect((await login('victim@example.org', ATTACKER_PASSWORD)).statusCode).toBe(401);
    expect((await login('victim@example.org', VICTIM_PASSWORD)).statusCode).toBe(200);
    expect(await status(victim, '/api/auth/me')).toBe(200);
    expect(await status(consultant, `/api/organizations/${orgB}/members`)).toBe(404);
  });

  it('keeps at most one live invitation per organization and email: a new one kills the old', async () => {
    const first = await invite(consultant, orgA, 'twice@example.org');
    const second = await invite(consultant, orgA, 'twice@example.org');
    expect(second.member.id).toBe(first.member.id);
    const rows = await test.handle.db
      .selectFrom('account_invitation')
      .innerJoin('app_user', 'app_user.id', 'account_invitation.user_id')
      .select('account_invitation.organization_id')
      .where('app_user.email', '=', 'twice@example.org')
      .execute();
    expect(rows).toEqual([{ organization_id: orgA }]);
    expect((await accept(first.token, { password: VICTIM_PASSWORD })).statusCode).toBe(410);
    expect((await accept(second.token, { password: VICTIM_PASSWORD })).statusCode).toBe(200);
    expect((await accept(second.token, { password: VICTIM_PASSWORD })).statusCode).toBe(410);
  });

  it('lets an existing person join only by signing in, and never changes their password', async () => {
    await createAccount(test.handle.db, { email: 'existing@example.org', role: 'leader' });
    const invited = await invite(consultant, orgA, 'existing@example.org');
    const own = await signIn(test.app, 'existing@example.org');
    // Until accepted, the organization is not theirs: not listed, not readable.
    expect(await status(own, `/api/organizations/${orgA}`)).toBe(404);
    expect(await call(test.app, own, 'GET', '/api/organizations')).toEqual([]);

    const withoutSession = await accept(invited.token, { password: ATTACKER_PASSWORD });
    expect(withoutSession.statusCode).toBe(409);
    expect(withoutSession.json().message).toMatch(/Sign in/);
    const withPassword = await accept(invited.token, { cookie: own, password: ATTACKER_PASSWORD });
    expect(withPassword.statusCode).toBe(400);
    expect(withPassword.json().fields[0].field).toBe('body.password');
    expect((await login('existing@example.org', ATTACKER_PASSWORD)).statusCode).toBe(401);

    const joined = await accept(invited.token, { cookie: own });
    expect(joined.statusCode).toBe(200);
    expect(joined.json().user.memberships).toMatchObject([{ organizationId: orgA, role: 'leader' }]);
    expect(await status(own, `/api/organizations/${orgA}`)).toBe(200);
    expect((await login('existing@example.org', TEST_PASSWORD)).statusCode).toBe(200);
    const members = await call(test.app, consultant, 'GET', `/api/organizations/${orgA}/members`);
    expect(members.find((m: { email: string }) => m.email === 'existing@example.org').status).toBe('active');
  });

  it('kills an invitation whose member was removed before accepting, for new and existing accounts', async () => {
    await createAccount(test.handle.db, { email: 'removed-active@example.org', role: 'leader' });
    const own = await signIn(test.app, 'removed-active@example.org');
    for (const [email, options] of [
      ['removed-new@example.org', { password: VICTIM_PASSWORD }],
      ['removed-active@example.org', { cookie: own }],
    ] as const) {
      const invited = await invite(consultant, orgA, email);
      await call(test.app, consultant, 'DELETE', `/api/organizations/${orgA}/members/${invited.member.id}`);
      expect((await accept(invited.token, options)).statusCode).toBe(410);
    }
    expect((await login('removed-new@example.org', VICTIM_PASSWORD)).statusCode).toBe(401);
    expect(await status(own, `/api/organizations/${orgA}`)).toBe(404);
  });

  it('ends every other session of an account when its password changes', async () => {
    await createAccount(test.handle.db, { email: 'changer@example.org', role: 'leader' });
    const laptop = await signIn(test.app, 'changer@example.org');
    const phone = await signIn(test.app, 'changer@example.org');
    const wrong = await test.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop },
      payload: { currentPassword: 'not the current one', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(await status(phone, '/api/auth/me')).toBe(200);

    const changed = await test.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: laptop },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    const fresh = `trust_os_session=${changed.cookies.find((c) => c.name === 'trust_os_session')!.value}`;
    expect(await status(phone, '/api/auth/me')).toBe(401);
    expect(await status(laptop, '/api/auth/me')).toBe(401);
    expect(await status(fresh, '/api/auth/me')).toBe(200);
    expect((await login('changer@example.org', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('changer@example.org', 'a brand new passphrase')).statusCode).toBe(200);
  });
});
