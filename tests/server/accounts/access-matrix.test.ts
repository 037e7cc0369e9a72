import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

type Role = 'anonymous' | 'leaderA' | 'scopedLeaderA' | 'consultantA' | 'consultantB' | 'admin';
const roles: Role[] = ['anonymous', 'leaderA', 'scopedLeaderA', 'consultantA', 'consultantB', 'admin'];

const everyone = new Set<Role>(roles);
const signedIn = new Set<Role>(['leaderA', 'scopedLeaderA', 'consultantA', 'consultantB', 'admin']);
const consultantAccounts = new Set<Role>(['consultantA', 'consultantB', 'admin']);
const readersOfA = new Set<Role>(['leaderA', 'scopedLeaderA', 'consultantA', 'admin']);
const managersOfA = new Set<Role>(['consultantA', 'admin']);
const administrators = new Set<Role>(['admin']);
/** Outsiders of an organization get 404 for its resources, never 403, so ids cannot be probed. */
const organizationScoped = /\{(orgId|waveId|actionId)\}/;

/**
 * Who may call each route. Every route in the OpenAPI document must be listed here: a new
 * route fails this test until someone decides, explicitly, who may call it.
 */
const expectations: Record<string, Set<Role>> = {
  'GET /health': everyone,
  'GET /ready': everyone,
  'GET /api/questionnaires': everyone,
  'GET /api/questionnaires/{key}/versions/{version}': everyone,
  'POST /api/auth/login': everyone,
  'POST /api/auth/logout': everyone,
  'POST /api/auth/accept-invite': everyone,
  'GET /api/auth/me': signedIn,
  'POST /api/auth/password': signedIn,
  'GET /api/accounts': administrators,
  'PATCH /api/accounts/{userId}': administrators,
  'GET /api/participate/{code}': everyone,
  'POST /api/participate/{code}/responses': everyone,
  'POST /api/participate/{code}/invitation': everyone,
  'POST /api/organizations': consultantAccounts,
  'GET /api/organizations': signedIn,
  'GET /api/organizations/{orgId}': readersOfA,
  'GET /api/organizations/{orgId}/latest-wave': readersOfA,
  'GET /api/organizations/{orgId}/teams': readersOfA,
  'PUT /api/organizations/{orgId}/teams': managersOfA,
  'POST /api/organizations/{orgId}/teams/preview': managersOfA,
  'GET /api/organizations/{orgId}/teams.csv': managersOfA,
  'GET /api/organizations/{orgId}/teams.xlsx': managersOfA,
  'POST /api/organizations/{orgId}/members': managersOfA,
  'GET /api/organizations/{orgId}/members': managersOfA,
  'DELETE /api/organizations/{orgId}/members/{memberId}': managersOfA,
  'GET /api/organizations/{orgId}/audit': managersOfA,
  'GET /api/organizations/{orgId}/audit.csv': managersOfA,
  'POST /api/organizations/{orgId}/waves': managersOfA,
  'GET /api/organizations/{orgId}/waves': readersOfA,
  'GET /api/waves/{waveId}': readersOfA,
  'POST /api/waves/{waveId}/open': managersOfA,
  'POST /api/waves/{waveId}/close': managersOfA,
  'POST /api/waves/{waveId}/invitations': managersOfA,
  'PATCH /api/waves/{waveId}': managersOfA,
  'GET /api/waves/{waveId}/delivery': managersOfA,
  'PUT /api/waves/{waveId}/recipients': managersOfA,
  'POST /api/waves/{waveId}/reminders': managersOfA,
  'PUT /api/waves/{waveId}/teams/{teamKey}': managersOfA,
  'GET /api/waves/{waveId}/participation': readersOfA,
  'GET /api/waves/{waveId}/progress': managersOfA,
  'GET /api/waves/{waveId}/progress.csv': managersOfA,
  'GET /api/waves/{waveId}/report': readersOfA,
  'GET /api/waves/{waveId}/report.csv': readersOfA,
  'POST /api/waves/{waveId}/actions': readersOfA,
  'GET /api/organizations/{orgId}/actions': readersOfA,
  'PATCH /api/actions/{actionId}': readersOfA,
  'GET /api/waves/{waveId}/share': readersOfA,
  'POST /api/waves/{waveId}/share': readersOfA,
  'DELETE /api/waves/{waveId}/share': readersOfA,
  'GET /api/shared/{token}': everyone,
};

describe.each(testDatabases())('who may call what, route by route, on $name', (database) => {
  let test: TestApp;
  const cookies = {} as Record<Role, string>;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    test = await startTestApp(database);
    const a = await setUpAssessment(test);
    const b = await setUpAssessment(test);
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${a.codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });
    await call(test.app, a.consultant, 'POST', `/api/waves/${a.waveId}/close`);
    const db = test.handle.db;
    await createAccount(db, { email: 'leader-a@example.org', role: 'leader', organizationId: a.orgId });
    await createAccount(db, {
      email: 'scoped-a@example.org',
      role: 'leader',
      organizationId: a.orgId,
      teamKey: 'eng',
    });
    await createAccount(db, { email: 'admin@example.org', role: 'admin' });
    cookies.anonymous = '';
    cookies.consultantA = a.consultant;
    cookies.consultantB = b.consultant;
    cookies.leaderA = await signIn(test.app, 'leader-a@example.org');
    cookies.scopedLeaderA = await signIn(test.app, 'scoped-a@example.org');
    cookies.admin = await signIn(test.app, 'admin@example.org');
    // An action inside the scoped leader's subtree, so every allowed role reaches the handler.
    const { id: actionId } = await db
      .insertInto('action')
      .values({
        organization_id: a.orgId,
        wave_id: a.waveId,
        team_key: 'eng-apps',
        dimension: 'ownership',
        title: 'Probe',
        owner: 'Probe',
        steps: '[]',
        due_date: '2027-01-01',
        baseline: JSON.stringify({ score: 50, n: 5, ci95: [2.5, 3.5] }),
        created_by: 'probe@example.org',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    Object.assign(params, {
      actionId,
      orgId: a.orgId,
      waveId: a.waveId,
      userId: randomUUID(),
      memberId: randomUUID(),
      code: a.codes.ops!,
      teamKey: 'ops',
      key: 'trust-os-pulse',
      version: '1.0.0',
    });
  });
  afterAll(() => test?.close());

  it('lists an expectation for every route in the OpenAPI document', async () => {
    const document = (await test.app.inject('/api/openapi.json')).json();
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((route) => !(route in expectations))).toEqual([]);
  });

  it('lets each role through only where expected: zero unexpected successes', async () => {
    const document = (await test.app.inject('/api/openapi.json')).json();
    const unexpected: string[] = [];
    // Signing out ends the session the rest of the walk relies on, so it goes last.
    const calls = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => [path, method] as const))
      .sort((a, b) => Number(a[0] === '/api/auth/logout') - Number(b[0] === '/api/auth/logout'));
    for (const [path, method] of calls) {
      const route = `${method.toUpperCase()} ${path}`;
      const allowed = expectations[route];
      if (!allowed) continue;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x');
      for (const role of roles) {
        const response = await test.app.inject({
          method: method.toUpperCase() as 'GET' | 'PATCH',
          url,
          headers: cookies[role] ? { cookie: cookies[role] } : {},
          ...(method === 'get' || method === 'delete' ? {} : { payload: {} }),
        });
        const status = response.statusCode;
        if (status >= 500) unexpected.push(`${route} as ${role}: ${status}`);
        if (allowed.has(role)) {
          if (status === 401 || status === 403)
            unexpected.push(`${route} as ${role}: refused with ${status}`);
        } else {
          const expected =
            role === 'anonymous' ? 401 : role === 'consultantB' && organizationScoped.test(path) ? 404 : 403;
          if (status !== expected)
            unexpected.push(`${route} as ${role}: expected ${expected}, got ${status}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('keeps a scoped leader to their subtree', async () => {
    cookies.scopedLeaderA = await signIn(test.app, 'scoped-a@example.org'); // the walk above signed everyone out
    const teams = await call(
      test.app,
      cookies.scopedLeaderA,
      'GET',
      `/api/organizations/${params.orgId}/teams`,
    );
    expect(teams.teams.map((t: { key: string }) => t.key)).toEqual(['eng', 'eng-platform', 'eng-apps']);
  });

  it('answers 404 for ids that do not exist or are malformed, never 500', async () => {
    cookies.admin = await signIn(test.app, 'admin@example.org');
    for (const url of [
      `/api/organizations/${randomUUID()}`,
      '/api/organizations/not-a-uuid',
      `/api/waves/${randomUUID()}`,
      '/api/waves/123',
    ]) {
      const response = await test.app.inject({ url, headers: { cookie: cookies.admin } });
      expect(response.statusCode, url).toBe(404);
    }
  });
});
