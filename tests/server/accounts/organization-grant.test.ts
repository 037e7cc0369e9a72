import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('the right to create organizations on $name', (database) => {
  let test: TestApp;
  let admin: string;
  let consultant: string;
  let orgId: string;

  const createOrganization = (cookie: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie },
      payload: { name: 'Another client' },
    });
  const grant = (cookie: string, userId: string, allowed: boolean) =>
    test.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${userId}`,
      headers: { cookie },
      payload: { canCreateOrganizations: allowed },
    });

  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'admin@example.org', role: 'admin' });
    await createAccount(test.handle.db, { email: 'consultant@example.org', role: 'consultant' });
    admin = await signIn(test.app, 'admin@example.org');
    consultant = await signIn(test.app, 'consultant@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Client' })).id;
  });
  afterAll(() => test?.close());

  it('is not a side effect of a consultant membership', async () => {
    const invited = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'colleague@example.org',
      role: 'consultant',
    });
    const token = invited.inviteUrl.split('/invite/')[1];
    const accepted = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a colleague passphrase' },
    });
    expect(accepted.json().user).toMatchObject({
      canCreateOrganizations: false,
      memberships: [{ organizationId: orgId, role: 'consultant' }],
    });
    const colleague = await signIn(test.app, 'colleague@example.org', 'a colleague passphrase');
    expect((await createOrganization(colleague)).statusCode).toBe(403);
  });

  it('is granted and revoked by an administrator only, and takes effect at once', async () => {
    const accounts = await call(test.app, admin, 'GET', '/api/accounts');
    const colleague = accounts.find((a: { email: string }) => a.email === 'colleague@example.org');
    expect(colleague).toMatchObject({ canCreateOrganizations: false, isAdmin: false, active: true });
    const cookie = await signIn(test.app, 'colleague@example.org', 'a colleague passphrase');

    expect((await grant(consultant, colleague.id, true)).statusCode).toBe(403);
    expect((await grant(cookie, colleague.id, true)).statusCode).toBe(403);
    expect((await createOrganization(cookie)).statusCode).toBe(403);

    const granted = await grant(admin, colleague.id, true);
    expect(granted.json()).toMatchObject({ canCreateOrganizations: true });
    expect((await createOrganization(cookie)).statusCode).toBe(201);

    expect((await grant(admin, colleague.id, false)).json()).toMatchObject({ canCreateOrganizations: false });
    expect((await createOrganization(cookie)).statusCode).toBe(403);
    // Revoking stops new organizations only; the memberships stay.
    expect(
      (await test.app.inject({ url: `/api/organizations/${orgId}`, headers: { cookie } })).statusCode,
    ).toBe(200);

    const actions = await test.handle.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', 'account.%')
      .orderBy('at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'account.grant-create-organizations',
      'account.revoke-create-organizations',
    ]);
  });

  it('answers 404 for an account that does not exist', async () => {
    expect((await grant(admin, '00000000-0000-4000-8000-000000000000', true)).statusCode).toBe(404);
  });

  it('is not given to an account nobody has activated, which any invitation link can activate', async () => {
    // Another client's consultant, unrelated to this organization and to the person invited.
    await createAccount(test.handle.db, { email: 'outsider@example.org', role: 'consultant' });
    const outsider = await signIn(test.app, 'outsider@example.org');
    const otherOrg = (await call(test.app, outsider, 'POST', '/api/organizations', { name: 'Other' })).id;
    const invite = async (cookie: string, organizationId: string) =>
      (
        await call(test.app, cookie, 'POST', `/api/organizations/${organizationId}/members`, {
          email: 'newhire@example.org',
          role: 'consultant',
        })
      ).inviteUrl.split('/invite/')[1] as string;

    await invite(consultant, orgId);
    const pending = (await call(test.app, admin, 'GET', '/api/accounts')).find(
      (a: { email: string }) => a.email === 'newhire@example.org',
    );
    expect(pending.active).toBe(false);
    const refused = await grant(admin, pending.id, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('account.not-active');

    // The other organization's consultant invites the same address and opens their own link: the
    // account comes with nothing this organization or the administrator gave it.
    const later = await invite(outsider, otherOrg);
    const taken = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token: later, password: 'the outsider chose this one' },
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().user).toMatchObject({
      canCreateOrganizations: false,
      memberships: [{ organizationId: otherOrg }],
    });
  });
});

describe.each(testDatabases())('member writes and their audit entries on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'consultant@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'consultant@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Client' })).id;
  });
  afterAll(() => test?.close());

  it('commits nothing when the audit entry cannot be written', async () => {
    const invited = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'pending@example.org',
      role: 'leader',
    });
    const token = invited.inviteUrl.split('/invite/')[1];
    const before = await snapshot();
    await sql`create function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit is down'; end $$`.execute(test.handle.db);
    await sql`create trigger refuse_audit before insert on audit_event
      for each row execute function refuse_audit()`.execute(test.handle.db);
    try {
      // One after another: sent together, removing and accepting the same member could deadlock,
      // which is answered 503 (try again) rather than the 500 this test is about.
      const attempts = [
        () =>
          test.app.inject({
            method: 'POST',
            url: `/api/organizations/${orgId}/members`,
            headers: { cookie: consultant },
            payload: { email: 'new@example.org', role: 'leader' },
          }),
        () =>
          test.app.inject({
            method: 'DELETE',
            url: `/api/organizations/${orgId}/members/${invited.member.id}`,
            headers: { cookie: consultant },
          }),
        () =>
          test.app.inject({
            method: 'POST',
            url: '/api/auth/accept-invite',
            payload: { token, password: 'a pending passphrase' },
          }),
      ];
      for (const attempt of attempts) expect((await attempt()).statusCode).toBe(500);
      expect(await snapshot()).toEqual(before);
    } finally {
      await sql`drop trigger refuse_audit on audit_event`.execute(test.handle.db);
    }
    // Nothing was half-done, so the same request now succeeds.
    const accepted = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a pending passphrase' },
    });
    expect(accepted.statusCode).toBe(200);
  });

  async function snapshot() {
    const db = test.handle.db;
    return {
      users: await db.selectFrom('app_user').select(['email', 'password_hash']).orderBy('email').execute(),
      memberships: await db.selectFrom('membership').select(['id', 'accepted_at']).orderBy('id').execute(),
      invitations: await db
        .selectFrom('account_invitation')
        .select('token_hash')
        .orderBy('token_hash')
        .execute(),
      sessions: await db.selectFrom('session').select('id_hash').orderBy('id_hash').execute(),
    };
  }
});
