import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { addMembership } from '../../../server/db/accounts.ts';
import { openDatabase } from '../../../server/db/connect.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { makeTempDir, removeTempDir } from '../../support/temp-dir.ts';

describe.each(testDatabases())('organization members on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'lead-consultant@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'lead-consultant@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Contoso' })).id;
    await test.app.inject({
      method: 'PUT',
      url: `/api/organizations/${orgId}/teams`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: 'key,name,parent_key,headcount\nengineering,Engineering,,\nsales,Sales,,',
    });
  });
  afterAll(() => test?.close());

  it('invites a scoped leader who sets a password through a one-time link', async () => {
    const invited = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'Leader@Example.org',
      role: 'leader',
      teamKey: 'engineering',
    });
    expect(invited.member).toMatchObject({
      email: 'leader@example.org',
      role: 'leader',
      teamKey: 'engineering',
      status: 'invited',
    });
    expect(invited.inviteUrl).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = invited.inviteUrl.split('/invite/')[1];

    const short = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'too short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].field).toBe('body.password');

    const accepted = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a long and private passphrase' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.memberships[0]).toMatchObject({
      organizationId: orgId,
      role: 'leader',
      teamKey: 'engineering',
    });
    const again = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a long and private passphrase' },
    });
    expect(again.statusCode).toBe(410);
    await signIn(test.app, 'leader@example.org', 'a long and private passphrase');

    const members = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/members`);
    expect(members.map((m: { email: string; status: string }) => [m.email, m.status])).toEqual([
      ['lead-consultant@example.org', 'active'],
      ['leader@example.org', 'active'],
    ]);
  });

  it("logs a second invitation that changes someone's access as a change, with what it was", async () => {
    const invite = (teamKey?: string) =>
      call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
        email: 'scoped@example.org',
        role: 'leader',
        ...(teamKey ? { teamKey } : {}),
      });
    await invite('sales');
    // A new link, same access: an invitation again, nothing changed.
    await invite('sales');
    await invite();
    const log = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/audit`);
    const mine = log
      .filter((e: { detail: { email?: string } }) => e.detail.email === 'scoped@example.org')
      .map((e: { action: string; detail: object }) => [e.action, e.detail]);
    expect(mine).toEqual([
      [
        'member.change',
        {
          email: 'scoped@example.org',
          role: 'leader',
          teamKey: null,
          before: { role: 'leader', teamKey: 'sales' },
        },
      ],
      ['member.add', { email: 'scoped@example.org', role: 'leader', teamKey: 'sales' }],
      ['member.add', { email: 'scoped@example.org', role: 'leader', teamKey: 'sales' }],
    ]);
  });

  it("tells someone signed in as another account that a new account's invitation is not theirs", async () => {
    const invited = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'newcomer@example.org',
      role: 'leader',
    });
    const token = invited.inviteUrl.split('/invite/')[1];
    for (const payload of [{ token }, { token, password: 'a long and private passphrase' }]) {
      const refused = await test.app.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        headers: { cookie: consultant },
        payload,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('auth.invitation-for-new-account');
    }
    // Signed out, the newcomer chooses a password with the same link.
    const accepted = await test.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload: { token, password: 'a long and private passphrase' },
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('refuses a team scope on a consultant or an unknown team, naming the field', async () => {
    for (const payload of [
      { email: 'x@example.org', role: 'consultant', teamKey: 'sales' },
      { email: 'x@example.org', role: 'leader', teamKey: 'marketing' },
    ]) {
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/members`,
        headers: { cookie: consultant },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields[0].field).toBe('body.teamKey');
    }
  });

  it('ends access to this organization only when someone is removed, at their next request', async () => {
    const otherOrg = (
      await test.handle.db
        .insertInto('organization')
        .values({ name: 'Elsewhere' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await createAccount(test.handle.db, { email: 'gone@example.org', role: 'leader', organizationId: orgId });
    const user = await test.handle.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'gone@example.org')
      .executeTakeFirstOrThrow();
    await addMembership(test.handle.db, {
      userId: user.id,
      organizationId: otherOrg,
      role: 'leader',
      teamKey: null,
    });
    const cookie = await signIn(test.app, 'gone@example.org');
    expect(
      (await test.app.inject({ url: `/api/organizations/${orgId}`, headers: { cookie } })).statusCode,
    ).toBe(200);

    const members = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/members`);
    const gone = members.find((m: { email: string }) => m.email === 'gone@example.org');
    await call(test.app, consultant, 'DELETE', `/api/organizations/${orgId}/members/${gone.id}`);

    expect(
      (await test.app.inject({ url: `/api/organizations/${orgId}`, headers: { cookie } })).statusCode,
    ).toBe(404);
    expect(
      (await test.app.inject({ url: `/api/organizations/${otherOrg}`, headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await test.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('answers adding a member the same whether or not the email has an account elsewhere', async () => {
    await createAccount(test.handle.db, { email: 'known@example.org', role: 'consultant' });
    const add = (email: string) =>
      test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/members`,
        headers: { cookie: consultant },
        payload: { email, role: 'consultant' },
      });
    const known = await add('known@example.org');
    const unknown = await add('unknown@example.org');
    const accounts = await test.handle.db.selectFrom('app_user').select('id').execute();
    // Only what differs by nature (the email, the membership id, the link's token) may differ.
    const shape = (body: string, email: string) =>
      body
        .replaceAll(email, 'EMAIL')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
        .replace(/\/invite\/[A-Za-z0-9_-]+/, '/invite/TOKEN');
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(shape(known.body, 'known@example.org')).toBe(shape(unknown.body, 'unknown@example.org'));
    expect(known.json().member.status).toBe('invited');
    for (const { id } of accounts) expect(known.body).not.toContain(id);

    const listed = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/members`);
    const statuses = listed
      .filter((m: { email: string }) => m.email.endsWith('known@example.org'))
      .map((m: { status: string }) => m.status);
    expect(statuses).toEqual(['invited', 'invited']);
    for (const { id } of accounts) expect(JSON.stringify(listed)).not.toContain(id);
  });

  it('records consultant actions in the audit log, newest first', async () => {
    const entries = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/audit`);
    const actions = entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['organization.create', 'teams.replace', 'member.add', 'member.remove']),
    );
    expect(entries[0].actorEmail).toBe('lead-consultant@example.org');
  });
});

describe.each(testDatabases())('security of state changes on $name', (database) => {
  let test: TestApp;
  let cookie: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'csrf@example.org', role: 'consultant' });
    cookie = await signIn(test.app, 'csrf@example.org');
  });
  afterAll(() => test?.close());

  const create = (headers: Record<string, string>) =>
    test.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie, ...headers },
      payload: { name: 'X' },
    });

  it('refuses a cross-site state change made with the session cookie', async () => {
    expect((await create({ origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await create({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await create({ origin: 'null' })).statusCode).toBe(403);
    expect(
      (await create({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' })).statusCode,
    ).toBe(201);
    expect((await create({})).statusCode).toBe(201); // scripts send no Origin
  });

  it('accepts only JSON (or CSV) bodies, so no form can post here', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: { cookie, 'content-type': type },
        payload: 'name=X',
      });
      expect(response.statusCode).toBe(415);
    }
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await test.app.inject('/health');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(response.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBeDefined();
  });
});

describe.each(testDatabases())('the first administrator on $name', (database) => {
  it('is created once from ADMIN_EMAIL and ADMIN_PASSWORD, and a later start never changes the password', async () => {
    const handle = await database.open();
    try {
      const first = await buildApp(
        testConfig({ adminEmail: 'Root@Example.org', adminPassword: 'first password here' }),
        { database: handle, logger: false },
      );
      await signIn(first, 'root@example.org', 'first password here');
      await first.close();
      const second = await buildApp(
        testConfig({ adminEmail: 'root@example.org', adminPassword: 'another password now' }),
        { database: handle, logger: false },
      );
      await signIn(second, 'root@example.org', 'first password here');
      const me = await second.inject({
        url: '/api/auth/me',
        headers: { cookie: await signIn(second, 'root@example.org', 'first password here') },
      });
      expect(me.json().user.isAdmin).toBe(true);
      await second.close();
      expect(await handle.db.selectFrom('app_user').select('email').execute()).toEqual([
        { email: 'root@example.org' },
      ]);
    } finally {
      await handle.close();
    }
  });

  it('takes ADMIN_PASSWORD for an invited account never activated, and withdraws its invitation', async () => {
    const handle = await database.open();
    try {
      // A consultant invited the future administrator's address before any administrator existed.
      const first = await buildApp(testConfig(), { database: handle, logger: false });
      await createAccount(handle.db, { email: 'consultant@example.org', role: 'consultant' });
      const consultant = await signIn(first, 'consultant@example.org');
      const org = await first.inject({
        method: 'POST',
        url: '/api/organizations',
        headers: { cookie: consultant },
        payload: { name: 'Client', anonymityThreshold: 5 },
      });
      const invited = await first.inject({
        method: 'POST',
        url: `/api/organizations/${org.json().id}/members`,
        headers: { cookie: consultant },
        payload: { email: 'boss@example.org', role: 'leader' },
      });
      const token = new URL(invited.json().inviteUrl).pathname.split('/').at(-1);
      await first.close();

      const second = await buildApp(
        testConfig({ adminEmail: 'boss@example.org', adminPassword: 'the administrator password' }),
        { database: handle, logger: false },
      );
      // The consultant's link no longer sets the administrator's password.
      const taken = await second.inject({
        method: 'POST',
        url: '/api/auth/accept-invite',
        payload: { token, password: 'chosen by the consultant' },
      });
      expect(taken.statusCode).toBeGreaterThanOrEqual(400);
      expect(taken.statusCode).toBeLessThan(500);
      const me = await second.inject({
        url: '/api/auth/me',
        headers: { cookie: await signIn(second, 'boss@example.org', 'the administrator password') },
      });
      expect(me.json().user.isAdmin).toBe(true);
      await second.close();
    } finally {
      await handle.close();
    }
  });
});

describe('npm run user:create', () => {
  it('creates an administrator with a password read from standard input', async () => {
    const folder = await makeTempDir('user');
    onTestFinished(() => removeTempDir(folder));
    const dataDir = path.join(folder, 'data');
    const run = (input: string, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/create-user.ts', ...args], {
        input,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      });
    expect(run('short\n', '--email', 'ops@example.org', '--role', 'admin').stderr).toMatch(
      /at least 12 characters/,
    );
    const created = run('a very long admin password\n', '--email', 'ops@example.org', '--role', 'admin');
    expect(created.stdout).toContain('Created admin ops@example.org.');
    expect(
      run('a very long admin password\n', '--email', 'ops@example.org', '--role', 'admin').stderr,
    ).toMatch(/already exists/);

    const handle = await openDatabase({ databaseUrl: null, dataDir });
    const row = await handle.db
      .selectFrom('app_user')
      .select(['email', 'is_admin', 'password_hash'])
      .executeTakeFirstOrThrow();
    await handle.close();
    expect(row).toMatchObject({ email: 'ops@example.org', is_admin: true });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });
});
