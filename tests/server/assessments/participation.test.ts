import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import {
  call,
  importTeams,
  issueCodes,
  setUpAssessment,
  someAnswers,
  TEAMS_CSV,
} from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('waves and anonymous participation on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const submit = (code: string, payload: Record<string, unknown>) =>
    test.app.inject({ method: 'POST', url: `/api/participate/${code}/responses`, payload });
  const responseCount = async (waveId: string) =>
    (await test.handle.db.selectFrom('response').select('id').where('wave_id', '=', waveId).execute()).length;

  it('gives each team a link with an unguessable code', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const wave = await call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    expect(wave.status).toBe('draft');
    expect(wave.links.map((l: { teamKey: string }) => l.teamKey)).toEqual([
      'ops',
      'eng',
      'eng-platform',
      'eng-apps',
      'sales',
    ]);
    for (const link of wave.links) {
      expect(link.code).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits
      expect(link.url).toBe(`http://localhost:80/s/${link.code}`);
    }
  });

  it('answers a draft with 409, a closed wave with 410 and an unknown code with 404, in plain words', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test, { open: false });
    const draft = await test.app.inject(`/api/participate/${codes.ops}`);
    expect(draft.statusCode).toBe(409);
    expect(draft.json().message).toBe('This survey has not started yet. Please come back when it opens.');
    expect(
      (await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(409);

    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const closed = await test.app.inject(`/api/participate/${codes.ops}`);
    expect(closed.statusCode).toBe(410);
    expect(closed.json().message).toMatch(/has closed/);
    expect(
      (await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(410);

    const unknown = await test.app.inject('/api/participate/not-a-real-code');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/link is not valid/);
  });

  it('keeps a link through an import that would remove its team, and answers 404, never a 5xx, once it is gone', async () => {
    const { orgId, consultant, codes } = await setUpAssessment(test);
    // The survey is served, so the server remembers the link for a moment.
    expect((await test.app.inject(`/api/participate/${codes.sales}`)).statusCode).toBe(200);
    const withoutSales = TEAMS_CSV.split('\n').filter((line) => !line.startsWith('sales,'));
    expect((await importTeams(test.app, consultant, orgId, withoutSales.join('\n'))).statusCode).toBe(409);
    // Gone all the same (by hand in the database, say) while the link is remembered as open.
    await test.handle.db
      .deleteFrom('team')
      .where('organization_id', '=', orgId)
      .where('key', '=', 'sales')
      .execute();
    const late = await submit(codes.sales!, { submissionId: randomUUID(), answers: someAnswers() });
    expect(late.statusCode).toBe(404);
    expect(late.json().message).toMatch(/link is not valid/);
  });

  it('moves waves only draft → open → closed', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const closeDraft = await test.app.inject({
      method: 'POST',
      url: `/api/waves/${waveId}/close`,
      headers: { cookie: consultant },
    });
    expect(closeDraft.statusCode).toBe(409);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
    const openAgain = await test.app.inject({
      method: 'POST',
      url: `/api/waves/${waveId}/open`,
      headers: { cookie: consultant },
    });
    expect(openAgain.statusCode).toBe(409);
    expect(openAgain.json().message).toMatch(/draft → open → closed/);
  });

  it('serves the survey in the browser language, with the threshold and no invitation needed', async () => {
    const { codes } = await setUpAssessment(test);
    const response = await test.app.inject({
      url: `/api/participate/${codes.eng}`,
      headers: { 'accept-language': 'es-ES,es;q=0.9' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      waveTitle: 'Autumn pulse',
      teamName: 'Engineering',
      anonymityThreshold: 3,
      invitationRequired: false,
      questionnaire: { key: 'trust-os-pulse', locale: 'es' },
    });
    const english = await test.app.inject(`/api/participate/${codes.eng}?locale=en`);
    expect(english.json().questionnaire.locale).toBe('en');
  });

  it('records a response once, and a retry with the same submissionId stores nothing more', async () => {
    const { waveId, codes } = await setUpAssessment(test);
    const body = {
      submissionId: randomUUID(),
      answers: { ...someAnswers(), 'ds-reopened': null },
      comment: 'Decisions come back.',
    };
    const first = await submit(codes.ops!, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ status: 'recorded' });
    const retry = await submit(codes.ops!, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ status: 'already-recorded' });
    expect(await responseCount(waveId)).toBe(1);
  });

  it('stores exactly one response for 50 concurrent copies of one submission', async () => {
    const { waveId, codes } = await setUpAssessment(test);
    const body = { submissionId: randomUUID(), answers: someAnswers(3) };
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(codes.sales!, body)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(await responseCount(waveId)).toBe(1);
  });

  it.each([
    [{ answers: someAnswers() }, 'body.submissionId'],
    [{ submissionId: 'not-a-uuid', answers: someAnswers() }, 'body.submissionId'],
    [
      { submissionId: randomUUID(), answers: { ...someAnswers(), 'ds-decisions-hold': 6 } },
      'body.answers.ds-decisions-hold',
    ],
    [
      { submissionId: randomUUID(), answers: { ...someAnswers(), 'ds-decisions-hold': 2.5 } },
      'body.answers.ds-decisions-hold',
    ],
    [
      { submissionId: randomUUID(), answers: { ...someAnswers(), 'ds-decisions-hold': '4' } },
      'body.answers.ds-decisions-hold',
    ],
    [
      { submissionId: randomUUID(), answers: { ...someAnswers(), 'not-an-item': 3 } },
      'body.answers.not-an-item',
    ],
    [{ submissionId: randomUUID(), answers: { 'ds-reopened': null } }, 'body.answers'],
    [{ submissionId: randomUUID(), answers: someAnswers(), comment: 'x'.repeat(2001) }, 'body.comment'],
  ])('refuses %o with 400 naming %s and stores nothing', async (body, field) => {
    const { waveId, codes } = await setUpAssessment(test);
    const response = await submit(codes.ops!, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await responseCount(waveId)).toBe(0);
  });

  it('answers a retry of answers stored before personal codes went on as stored, not as needing a code', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const body = { submissionId: randomUUID(), answers: someAnswers() };
    // Stored through the link; the reply never reached the phone.
    expect((await submit(codes['eng-apps']!, body)).statusCode).toBe(201);
    // The link leaked, so the consultant turns personal codes on; the phone sends again after the
    // server's memory of the link has aged (2 s), so the server knows the team needs a code.
    await issueCodes(test.app, consultant, waveId, 'eng-apps', 1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5000);
    let retry: Awaited<ReturnType<typeof submit>>;
    try {
      expect((await test.app.inject(`/api/participate/${codes['eng-apps']}`)).json().invitationRequired).toBe(
        true,
      );
      retry = await submit(codes['eng-apps']!, body);
    } finally {
      vi.useRealTimers();
    }
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ status: 'already-recorded' });
    expect(await responseCount(waveId)).toBe(1);
  });

  it('requires a single-use personal code once a team has personal codes on, and nothing links it to the response', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const { codes: invitations } = await issueCodes(test.app, consultant, waveId, 'eng-apps', 3);
    expect(invitations).toHaveLength(3);
    for (const code of invitations)
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await test.app.inject(`/api/participate/${codes['eng-apps']}`)).json().invitationRequired).toBe(
      true,
    );

    const missing = await submit(codes['eng-apps']!, { submissionId: randomUUID(), answers: someAnswers() });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields[0].field).toBe('body.invitation');
    const wrong = await submit(codes['eng-apps']!, {
      submissionId: randomUUID(),
      answers: someAnswers(),
      invitation: 'guess',
    });
    expect(wrong.statusCode).toBe(400);

    const ok = await submit(codes['eng-apps']!, {
      submissionId: randomUUID(),
      answers: someAnswers(),
      invitation: invitations[0],
    });
    expect(ok.statusCode).toBe(201);
    const reused = await submit(codes['eng-apps']!, {
      submissionId: randomUUID(),
      answers: someAnswers(),
      invitation: invitations[0],
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().message).toMatch(/already been used/);
    expect(await responseCount(waveId)).toBe(1);

    // A3: the invitation table holds a hash, the wave, the team and a used flag, nothing else.
    const stored = await test.handle.db
      .selectFrom('invitation')
      .selectAll()
      .where('wave_id', '=', waveId)
      .execute();
    expect(Object.keys(stored[0]!).sort()).toEqual(['code_hash', 'team_id', 'used', 'wave_id']);
    expect(stored.map((r) => r.code_hash)).not.toContain(invitations[0]);
    // Other teams' links still need no invitation.
    expect(
      (await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(201);
  });

  it('refuses a submission right after the wave closes, even through a link the server just served', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    expect(
      (await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(201);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const late = await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() });
    expect(late.statusCode).toBe(410);
    expect(await responseCount(waveId)).toBe(1);
    expect(
      await test.handle.db
        .selectFrom('submission_key')
        .select('key_hash')
        .where('wave_id', '=', waveId)
        .execute(),
    ).toEqual([]);
  });

  it('requires personal codes switched on while the link was in use', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    expect(
      (await submit(codes.eng!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(201);
    await issueCodes(test.app, consultant, waveId, 'eng', 1);
    const without = await submit(codes.eng!, { submissionId: randomUUID(), answers: someAnswers() });
    expect(without.statusCode).toBe(400);
    expect(without.json().fields[0].field).toBe('body.invitation');
    expect(await responseCount(waveId)).toBe(1);
  });

  it('forgets submission keys when the wave closes (A4)', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() });
    const keys = () =>
      test.handle.db.selectFrom('submission_key').select('key_hash').where('wave_id', '=', waveId).execute();
    expect(await keys()).toHaveLength(1);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    expect(await keys()).toHaveLength(0);
  });

  it('shows consultants each team; a leader only the groups the report publishes, with its n, after close', async () => {
    const { waveId, orgId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 3; i++)
      await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() });
    await submit(codes.sales!, { submissionId: randomUUID(), answers: someAnswers() });
    const rows = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/participation`);
    expect(rows.find((r: { teamKey: string }) => r.teamKey === 'ops')).toEqual({
      teamKey: 'ops',
      teamName: 'Operations',
      responses: 3,
      headcount: 40,
      rate: 0.075,
      full: false,
    });
    expect(rows.find((r: { teamKey: string }) => r.teamKey === 'sales').responses).toBe(1);

    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: orgId });
    const leader = await signIn(test.app, email);
    const whileOpen = await test.app.inject({
      url: `/api/waves/${waveId}/participation`,
      headers: { cookie: leader },
    });
    expect(whileOpen.statusCode).toBe(404); // R6
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    // ops has 3 (k = 3) but sales has 1: the organization's 4 minus ops's 3 would be that one
    // person, so the report hides ops too (R2), and participation must not show it either.
    const report = await call(test.app, leader, 'GET', `/api/waves/${waveId}/report`);
    expect(report.organization.n).toBe(4);
    expect(report.groups.find((g: { teamKey: string }) => g.teamKey === 'ops').suppressed).toBe(true);
    const seen = await call(test.app, leader, 'GET', `/api/waves/${waveId}/participation`);
    expect(seen).toEqual([]);
  });

  it('refuses a wave of an unknown questionnaire or unknown teams, naming the field', async () => {
    const { orgId, consultant } = await setUpAssessment(test);
    const unknown = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/waves`,
      headers: { cookie: consultant },
      payload: { title: 'x', questionnaire: { key: 'trust-os-pulse', version: '9.0.0' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].field).toBe('body.questionnaire');
    const teams = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/waves`,
      headers: { cookie: consultant },
      payload: { title: 'x', questionnaire: { key: 'trust-os-pulse', version: '1.0.0' }, teamKeys: ['nope'] },
    });
    expect(teams.statusCode).toBe(400);
    expect(teams.json().fields[0]).toEqual({
      field: 'body.teamKeys',
      message: 'there is no team "nope"',
      code: 'wave.unknown-teams',
      // The key as sent, unquoted: each language quotes it its own way.
      params: { teams: 'nope', count: 1 },
    });
    expect(teams.json()).toMatchObject({ code: 'wave.unknown-teams', params: { teams: 'nope', count: 1 } });
  });
});
