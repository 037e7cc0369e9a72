import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('organizations and teams on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'c@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'c@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Northwind' })).id;
  });
  afterAll(() => test?.close());

  const putTeams = (payload: string | object, type = 'text/csv') =>
    test.app.inject({
      method: 'PUT',
      url: `/api/organizations/${orgId}/teams`,
      headers: { cookie: consultant, 'content-type': type === 'json' ? 'application/json' : type },
      payload,
    });

  it('creates an organization with the default threshold and makes its creator a consultant', async () => {
    const org = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}`);
    expect(org).toMatchObject({ name: 'Northwind', anonymityThreshold: 5 });
    const me = await call(test.app, consultant, 'GET', '/api/auth/me');
    expect(me.user.memberships).toEqual([
      { organizationId: orgId, organizationName: 'Northwind', role: 'consultant', teamKey: null },
    ]);
    expect(
      (await call(test.app, consultant, 'GET', '/api/organizations')).map((o: { id: string }) => o.id),
    ).toEqual([orgId]);
  });

  it('refuses a threshold below 3, naming the field', async () => {
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { cookie: consultant },
      payload: { name: 'Too small', anonymityThreshold: 2 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([
      { field: 'body.anonymityThreshold', message: expect.stringMatching(/at least 3/) },
    ]);
  });

  it('reports every hierarchy problem in a CSV with its row and field', async () => {
    const csv = [
      'key,name,parent_key,headcount',
      'a,Alpha,,10',
      'b,Beta,zz,5', // row 3: unknown parent
      'a,Again,,5', // row 4: duplicate key
      'c,Gamma,d,x', // row 5: bad headcount
      'd,Delta,c,3', // rows 5 and 6 form a cycle
    ].join('\n');
    const response = await putTeams(csv);
    expect(response.statusCode).toBe(400);
    const fields = response.json().fields as { field: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'row 3: parent_key', message: 'unknown parent "zz"' },
        { field: 'row 4: key', message: 'duplicate key "a" (first used in row 2)' },
        { field: 'row 5: headcount', message: 'must be a whole number from 0 to 1000000 (got "x")' },
        { field: 'row 5: parent_key', message: expect.stringMatching(/^cycle: /) },
      ]),
    );
    expect((await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams).toEqual([]);
  });

  it('reports JSON hierarchy problems by index and field', async () => {
    const response = await putTeams({ teams: [{ key: 'x', name: 'X', parentKey: 'x' }] }, 'json');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([
      { field: 'teams[0]: parent_key', message: 'a team cannot be its own parent' },
    ]);
  });

  it('refuses a CSV without the expected header', async () => {
    const response = await putTeams('id,title\n1,x');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(
      /header must be key,name,parent_key,headcount; missing: key, name, parent_key/,
    );
  });

  it('imports a hierarchy and returns it depth first', async () => {
    const response = await putTeams(
      {
        teams: [
          { key: 'eng', name: 'Engineering', parentKey: null, headcount: 20 },
          { key: 'sales', name: 'Sales', parentKey: null },
          { key: 'eng-web', name: 'Web', parentKey: 'eng', headcount: 8 },
        ],
      },
      'json',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().teams).toEqual([
      { key: 'eng', name: 'Engineering', parentKey: null, headcount: 20, depth: 0 },
      { key: 'eng-web', name: 'Web', parentKey: 'eng', headcount: 8, depth: 1 },
      { key: 'sales', name: 'Sales', parentKey: null, headcount: null, depth: 0 },
    ]);
  });

  it('refuses to remove a team that has responses, naming it', async () => {
    const assessment = await setUpAssessment(test);
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.sales}/responses`,
      payload: { submissionId: crypto.randomUUID(), answers: someAnswers() },
    });
    const response = await test.app.inject({
      method: 'PUT',
      url: `/api/organizations/${assessment.orgId}/teams`,
      headers: { cookie: assessment.consultant, 'content-type': 'text/csv' },
      payload: 'key,name,parent_key,headcount\nops,Operations,,40',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/Team "sales" has responses and cannot be removed/);
  });
});
