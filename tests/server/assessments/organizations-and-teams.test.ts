import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, importTeams, setUpAssessment, someAnswers, TEAMS_CSV } from '../../support/assessment.ts';
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

  it('tells each viewer their standing in the organization, read afresh, so the console offers what they may do', async () => {
    // The creator runs it at once, although their session began before it existed.
    expect(await call(test.app, consultant, 'GET', `/api/organizations/${orgId}`)).toMatchObject({
      viewerRole: 'consultant',
    });
    await createAccount(test.handle.db, { email: 'admin@example.org', role: 'admin' });
    const admin = await signIn(test.app, 'admin@example.org');
    await createAccount(test.handle.db, { email: 'l@example.org', role: 'leader', organizationId: orgId });
    const leader = await signIn(test.app, 'l@example.org');
    expect((await call(test.app, admin, 'GET', `/api/organizations/${orgId}`)).viewerRole).toBe('admin');
    expect((await call(test.app, leader, 'GET', `/api/organizations/${orgId}`)).viewerRole).toBe('leader');
    // Made a consultant during their session: the next look says so.
    await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
      email: 'l@example.org',
      role: 'consultant',
    });
    expect((await call(test.app, leader, 'GET', `/api/organizations/${orgId}`)).viewerRole).toBe(
      'consultant',
    );
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
      {
        field: 'body.anonymityThreshold',
        message: expect.stringMatching(/at least 3/),
        code: 'validation.too-small',
        params: { min: 3 },
      },
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

  it('refuses a CSV whose columns it cannot tell, naming the mapping to choose', async () => {
    const response = await putTeams('ref,title\n1,x');
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { field: string }) => f.field)).toEqual([
      'keyColumn',
      'nameColumn',
      'parentKeyColumn',
    ]);
    expect(response.json().fields[0].message).toBe(
      "choose the column that holds the team key; the file's columns are ref, title",
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

  it('runs two imports sent at once one after the other: the tree is the last one, whole', async () => {
    const tree = (extra: string) =>
      ['key,name,parent_key', 'root,Root,', `${extra},${extra},root`, `${extra}-a,${extra} A,${extra}`].join(
        '\n',
      );
    expect((await putTeams(tree('start'))).statusCode).toBe(200);
    for (let round = 0; round < 5; round += 1) {
      const [x, y] = await Promise.all([putTeams(tree(`x${round}`)), putTeams(tree(`y${round}`))]);
      expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
      const keys = (await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams
        .map((t: { key: string }) => t.key)
        .sort();
      expect([
        ['root', `x${round}`, `x${round}-a`],
        ['root', `y${round}`, `y${round}-a`],
      ]).toContainEqual(keys);
    }
  });

  it('refuses a hierarchy deeper than 32 levels, naming the row, and keeps the one it had', async () => {
    const before = (await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams;
    // l1 on line 2 is level 1, so l33, the first team too deep, is on line 34.
    const csv = [
      'key,name,parent_key,headcount',
      ...Array.from({ length: 33 }, (_, i) => `l${i + 1},Level ${i + 1},${i === 0 ? '' : `l${i}`},`),
    ].join('\n');
    const response = await putTeams(csv);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([
      {
        field: 'row 34: parent_key',
        message: '"l33" is at level 33; a hierarchy has at most 32 levels (a top-level team is level 1)',
      },
    ]);
    expect((await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams).toEqual(
      before,
    );
    const stored = await test.handle.db
      .selectFrom('team')
      .select('key')
      .where('organization_id', '=', orgId)
      .where('key', 'like', 'l%')
      .execute();
    expect(stored).toEqual([]);
  });

  it('replaces a large hierarchy in place: kept keys keep their ids, moved teams follow, removed ones go', async () => {
    // 1,200 teams, 3 under each: more than one statement's worth, parents before children.
    const tree = (count: number, name: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => ({
        key: `u${i}`,
        name: name(i),
        parentKey: i < 4 ? null : `u${Math.floor((i - 4) / 3)}`,
      }));
    const first = await putTeams({ teams: tree(1_200, (i) => `Unit ${i}`) }, 'json');
    expect(first.statusCode).toBe(200);
    const idsBefore = new Map(
      (
        await test.handle.db
          .selectFrom('team')
          .select(['id', 'key'])
          .where('organization_id', '=', orgId)
          .execute()
      ).map((t) => [t.key, t.id]),
    );
    // Keep the first 1,000 (renamed), move u999 to the top, drop the rest and add one new team.
    const second = tree(1_000, (i) => `Renamed ${i}`).map((team) =>
      team.key === 'u999' ? { ...team, parentKey: null } : team,
    );
    second.push({ key: 'new', name: 'New', parentKey: 'u999' });
    const response = await putTeams({ teams: second }, 'json');
    expect(response.statusCode).toBe(200);

    const listed = (await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams as {
      key: string;
      name: string;
      parentKey: string | null;
      depth: number;
    }[];
    expect(listed).toHaveLength(1_001);
    expect(listed.find((t) => t.key === 'u999')).toMatchObject({ parentKey: null, depth: 0 });
    expect(listed.find((t) => t.key === 'new')).toMatchObject({ parentKey: 'u999', depth: 1 });
    expect(listed.find((t) => t.key === 'u500')).toMatchObject({ name: 'Renamed 500', parentKey: 'u165' });
    expect(listed.some((t) => t.key === 'u1000')).toBe(false);
    const idsAfter = new Map(
      (
        await test.handle.db
          .selectFrom('team')
          .select(['id', 'key'])
          .where('organization_id', '=', orgId)
          .execute()
      ).map((t) => [t.key, t.id]),
    );
    expect(idsAfter.size).toBe(1_001);
    for (const key of ['u0', 'u500', 'u999']) expect(idsAfter.get(key)).toBe(idsBefore.get(key));
    // The console lists siblings in the order imported: u999 comes last among the top-level teams.
    expect(listed.filter((t) => t.parentKey === null).map((t) => t.key)).toEqual([
      'u0',
      'u1',
      'u2',
      'u3',
      'u999',
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
    // The key as sent and how many there are, for each language to quote and pluralize.
    expect(response.json().params).toEqual({ teams: 'sales', count: 1 });
  });

  it('refuses to remove a team of an open wave, in the preview and the save, and allows it once closed', async () => {
    const assessment = await setUpAssessment(test);
    const withoutSales = TEAMS_CSV.split('\n')
      .filter((line) => !line.startsWith('sales,'))
      .join('\n');
    const send = (url: string) =>
      test.app.inject({
        method: url.endsWith('preview') ? 'POST' : 'PUT',
        url: `/api/organizations/${assessment.orgId}/${url}`,
        headers: { cookie: assessment.consultant, 'content-type': 'text/csv' },
        payload: withoutSales,
      });
    const preview = await send('teams/preview');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().ok).toBe(false);
    expect(preview.json().problems).toEqual([
      expect.objectContaining({ code: 'inOpenWave', values: { key: 'sales', wave: 'Autumn pulse' } }),
    ]);
    const refused = await send('teams');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('teams.removed-team-in-open-wave');
    expect(refused.json().fields).toEqual([
      expect.objectContaining({ field: 'team sales', code: 'teams.team-in-open-wave' }),
    ]);
    // Nothing changed: the team's link still opens its survey.
    const link = await test.app.inject({ method: 'GET', url: `/api/participate/${assessment.codes.sales}` });
    expect(link.statusCode).toBe(200);

    await call(test.app, assessment.consultant, 'POST', `/api/waves/${assessment.waveId}/close`);
    expect((await send('teams/preview')).json().ok).toBe(true);
    expect((await send('teams')).statusCode).toBe(200);
  });

  it('refuses to save a preview of a hierarchy someone else replaced since, and saves one still current', async () => {
    const assessment = await setUpAssessment(test, { open: false });
    const send = (method: 'POST' | 'PUT', url: string, payload: string) =>
      test.app.inject({
        method,
        url: `/api/organizations/${assessment.orgId}/${url}`,
        headers: { cookie: assessment.consultant, 'content-type': 'text/csv' },
        payload,
      });
    const mine = `${TEAMS_CSV}\nfinance,Finance,,6`;
    const preview = (await send('POST', 'teams/preview', mine)).json();
    expect(preview.changes).toMatchObject({ added: 1, removed: 0 });
    // Meanwhile a colleague adds a team of their own.
    expect((await send('PUT', 'teams', `${TEAMS_CSV}\nlegal,Legal,,3`)).statusCode).toBe(200);
    const stale = await send('PUT', `teams?basedOn=${preview.hierarchyVersion}`, mine);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('teams.changed-since-preview');
    const teams = await call(
      test.app,
      assessment.consultant,
      'GET',
      `/api/organizations/${assessment.orgId}/teams`,
    );
    expect(teams.teams.map((t: { key: string }) => t.key)).toContain('legal');
    // Previewed again, it says the colleague's team goes, and saves.
    const again = (await send('POST', 'teams/preview', mine)).json();
    expect(again.changes).toMatchObject({ added: 1, removed: 1 });
    expect((await send('PUT', `teams?basedOn=${again.hierarchyVersion}`, mine)).statusCode).toBe(200);
  });

  it.runIf(database.name === 'postgres')(
    'waits for a wave opening at the same moment, then refuses to remove its team',
    async () => {
      const { orgId, waveId, consultant } = await setUpAssessment(test, { open: false });
      const withoutSales = TEAMS_CSV.split('\n')
        .filter((line) => !line.startsWith('sales,'))
        .join('\n');
      // The wave opens in a transaction that has taken the wave's row and not committed yet.
      let importing: ReturnType<typeof importTeams> | undefined;
      const answer = await test.handle.db.transaction().execute(async (trx) => {
        await sql`select id from wave where id = ${waveId} for update`.execute(trx);
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        const holder = rows[0]!.pid;
        importing = importTeams(test.app, consultant, orgId, withoutSales);
        // Until the import either waits on this transaction's lock or has finished without waiting.
        let settled = false;
        importing.then(
          () => {
            settled = true;
          },
          () => {
            settled = true;
          },
        );
        await expect
          .poll(
            async () =>
              settled ||
              Number(
                (
                  await sql<{
                    waiting: number;
                  }>`select count(*)::int as waiting from pg_stat_activity
                    where ${holder} = any(pg_blocking_pids(pid))`.execute(test.handle.db)
                ).rows[0]!.waiting,
              ) > 0,
            { timeout: 20_000, interval: 20 },
          )
          .toBe(true);
        await sql`update wave set status = 'open', opened_at = now() where id = ${waveId}`.execute(trx);
        return settled;
      });
      expect(answer, 'the import did not wait for the opening wave').toBe(false);
      const refused = await importing!;
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('teams.removed-team-in-open-wave');
    },
  );

  it.runIf(database.name === 'postgres')(
    'creates a wave only once a team import under way has ended',
    async () => {
      const { orgId, consultant } = await setUpAssessment(test, { open: false });
      let creating: Promise<{ statusCode: number }> | undefined;
      await test.handle.db.transaction().execute(async (trx) => {
        // What a team import holds while it runs.
        await sql`select id from organization where id = ${orgId} for no key update`.execute(trx);
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        creating = test.app.inject({
          method: 'POST',
          url: `/api/organizations/${orgId}/waves`,
          headers: { cookie: consultant },
          payload: { title: 'During the import', questionnaire: { key: 'trust-os-pulse', version: '1.0.0' } },
        });
        await expect
          .poll(
            async () =>
              Number(
                (
                  await sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity
                  where ${rows[0]!.pid} = any(pg_blocking_pids(pid))`.execute(test.handle.db)
                ).rows[0]!.waiting,
              ),
            { timeout: 20_000, interval: 20 },
          )
          .toBe(1);
      });
      expect((await creating!).statusCode).toBe(201);
    },
  );
});
