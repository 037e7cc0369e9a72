import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { type Assessment, call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

// The five teams of setUpAssessment, imported again with headcounts that make the arithmetic
// interesting: ops unknown, sales small enough to fill its link.
const TEAMS = [
  'key,name,parent_key,headcount',
  'ops,Operations,,',
  'eng,Engineering,,4',
  'eng-platform,Platform,eng,5',
  'eng-apps,Applications,eng,10',
  'sales,Sales,,2',
].join('\n');

// Answers per team, and what the view must say, computed by hand:
//   ops           2 answers, headcount unknown                → rate null
//   eng           1 of 4 = 0.25; subtree 1+3+5 = 9 of 4+5+10 = 19 = 0.4736… → 0.473, below target
//   eng-platform  3 of 5 = 0.6: at the target, not below it
//   eng-apps      5 of 10 = 0.5, below target
//   sales         7 of 2 → capped at 1; its link takes 2 + max(5, 0.4 → 1) = 7, so it is full
//   total         2 + 9 + 7 = 18 answers over 4 + 5 + 10 + 2 = 21 known people = 0.857… → 0.857
const ANSWERS = { ops: 2, eng: 1, 'eng-platform': 3, 'eng-apps': 5, sales: 7 };

describe.each(testDatabases())('the progress of a wave on $name', (database) => {
  let test: TestApp;
  let assessment: Assessment;
  beforeAll(async () => {
    test = await startTestApp(database);
    assessment = await setUpAssessment(test);
    const imported = await test.app.inject({
      method: 'PUT',
      url: `/api/organizations/${assessment.orgId}/teams`,
      headers: { cookie: assessment.consultant, 'content-type': 'text/csv' },
      payload: TEAMS,
    });
    expect(imported.statusCode).toBe(200);
    let people = 0;
    for (const [team, count] of Object.entries(ANSWERS)) {
      for (let i = 0; i < count; i++) {
        people += 1;
        // Each answer from its own address, as different people's phones would send them.
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${assessment.codes[team]}/responses`,
          payload: { submissionId: randomUUID(), answers: someAnswers() },
          remoteAddress: `127.0.${people >> 8}.${people & 255}`,
        });
        expect(response.statusCode).toBe(201);
      }
    }

    // The mail queue is written by the mailer; here its rows are put in place directly.
    const db = test.handle.db;
    const teamId = async (key: string) =>
      (
        await db
          .selectFrom('team')
          .select('id')
          .where('organization_id', '=', assessment.orgId)
          .where('key', '=', key)
          .executeTakeFirstOrThrow()
      ).id;
    const platform = await teamId('eng-platform');
    const sales = await teamId('sales');
    const waveId = assessment.waveId;
    await db
      .insertInto('wave_recipient')
      .values([
        { wave_id: waveId, team_id: platform, email: 'a@example.org' },
        { wave_id: waveId, team_id: platform, email: 'b@example.org' },
        { wave_id: waveId, team_id: platform, email: 'c@example.org' },
        { wave_id: waveId, team_id: sales, email: 'd@example.org' },
      ])
      .execute();
    await db
      .insertInto('mail_outbox')
      .values([
        { wave_id: waveId, team_id: platform, email: 'a@example.org', kind: 'invitation' },
        { wave_id: waveId, team_id: platform, email: 'b@example.org', kind: 'invitation' },
        // Given up: not queued any more, and counted in wave_team.mail_failed by whoever gave up.
        { wave_id: waveId, team_id: platform, email: 'c@example.org', kind: 'invitation', failed: true },
      ])
      .execute();
    await db
      .updateTable('wave_team')
      .set({ mail_sent: 4, mail_failed: 1 })
      .where('wave_id', '=', waveId)
      .where('team_id', '=', platform)
      .execute();
    await db
      .updateTable('wave_team')
      .set({ mail_sent: 1 })
      .where('wave_id', '=', waveId)
      .where('team_id', '=', sales)
      .execute();
  });
  afterAll(() => test?.close());

  const mail = (recipients: number, queued: number, sent: number, failed: number) => ({
    recipients,
    queued,
    sent,
    failed,
  });

  it('shows each team, its subtree and the total as computed by hand, depth first', async () => {
    const progress = await call(
      test.app,
      assessment.consultant,
      'GET',
      `/api/waves/${assessment.waveId}/progress`,
    );
    expect(progress).toEqual({
      total: { responses: 18, headcount: 21, rate: 0.857 },
      teams: [
        {
          teamKey: 'ops',
          teamName: 'Operations',
          parentKey: null,
          depth: 0,
          responses: 2,
          headcount: null,
          rate: null,
          full: false,
          subtree: { responses: 2, headcount: null, rate: null },
          belowTarget: false,
          mail: mail(0, 0, 0, 0),
        },
        {
          teamKey: 'eng',
          teamName: 'Engineering',
          parentKey: null,
          depth: 0,
          responses: 1,
          headcount: 4,
          rate: 0.25,
          full: false,
          subtree: { responses: 9, headcount: 19, rate: 0.473 },
          belowTarget: true,
          mail: mail(0, 0, 0, 0),
        },
        {
          teamKey: 'eng-platform',
          teamName: 'Platform',
          parentKey: 'eng',
          depth: 1,
          responses: 3,
          headcount: 5,
          rate: 0.6,
          full: false,
          subtree: { responses: 3, headcount: 5, rate: 0.6 },
          belowTarget: false,
          mail: mail(3, 2, 4, 1),
        },
        {
          teamKey: 'eng-apps',
          teamName: 'Applications',
          parentKey: 'eng',
          depth: 1,
          responses: 5,
          headcount: 10,
          rate: 0.5,
          full: false,
          subtree: { responses: 5, headcount: 10, rate: 0.5 },
          belowTarget: true,
          mail: mail(0, 0, 0, 0),
        },
        {
          teamKey: 'sales',
          teamName: 'Sales',
          parentKey: null,
          depth: 0,
          responses: 7,
          headcount: 2,
          rate: 1,
          full: true,
          subtree: { responses: 7, headcount: 2, rate: 1 },
          belowTarget: false,
          mail: mail(1, 0, 1, 0),
        },
      ],
    });
  });

  it('exports the same figures as CSV, the organization first', async () => {
    const [json, csv] = await Promise.all(
      ['progress', 'progress.csv'].map((path) =>
        test.app.inject({
          method: 'GET',
          url: `/api/waves/${assessment.waveId}/${path}`,
          headers: { cookie: assessment.consultant },
        }),
      ),
    );
    expect(csv!.statusCode).toBe(200);
    expect(csv!.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv!.headers['content-disposition']).toMatch(
      /^attachment; filename="trust-os-progress-Autumn-pulse-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parse(csv!.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({
      team_key: '',
      team_name: expect.stringMatching(/^Client \d+$/),
      parent_key: '',
      depth: '',
      responses: '18',
      headcount: '21',
      rate: '0.857',
      full: '',
      subtree_responses: '18',
      subtree_headcount: '21',
      subtree_rate: '0.857',
      below_target: 'false',
      // Mail summed over the teams: 3 + 1 recipients, 2 queued, 4 + 1 sent, 1 failed.
      recipients: '4',
      queued: '2',
      sent: '5',
      failed: '1',
    });

    // Every team row says what the JSON says, in the same order.
    const text = (value: number | null) => (value === null ? '' : String(value));
    const rate = (value: number | null) => (value === null ? '' : value.toFixed(3));
    const teams = json!.json().teams as {
      teamKey: string;
      teamName: string;
      parentKey: string | null;
      depth: number;
      responses: number;
      headcount: number | null;
      rate: number | null;
      full: boolean;
      subtree: { responses: number; headcount: number | null; rate: number | null };
      belowTarget: boolean;
      mail: { recipients: number; queued: number; sent: number; failed: number };
    }[];
    expect(rows.slice(1)).toEqual(
      teams.map((team) => ({
        team_key: team.teamKey,
        team_name: team.teamName,
        parent_key: team.parentKey ?? '',
        depth: String(team.depth),
        responses: String(team.responses),
        headcount: text(team.headcount),
        rate: rate(team.rate),
        full: String(team.full),
        subtree_responses: String(team.subtree.responses),
        subtree_headcount: text(team.subtree.headcount),
        subtree_rate: rate(team.subtree.rate),
        below_target: String(team.belowTarget),
        recipients: String(team.mail.recipients),
        queued: String(team.mail.queued),
        sent: String(team.mail.sent),
        failed: String(team.mail.failed),
      })),
    );
    // And a few cells by hand, so the comparison above cannot agree on something wrong.
    expect(rows.find((row) => row.team_key === 'eng')).toMatchObject({
      rate: '0.250',
      subtree_rate: '0.473',
      below_target: 'true',
    });
    expect(rows.find((row) => row.team_key === 'ops')).toMatchObject({ headcount: '', rate: '' });
  });

  it('rolls the teams of a partial wave up to their nearest ancestor in it', async () => {
    // eng is not in this wave: its two teams stand at the top, and its 4 people count nowhere.
    const wave = await call(
      test.app,
      assessment.consultant,
      'POST',
      `/api/organizations/${assessment.orgId}/waves`,
      {
        title: 'Engineering and sales',
        questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
        teamKeys: ['eng-platform', 'eng-apps', 'sales'],
      },
    );
    const progress = await call(test.app, assessment.consultant, 'GET', `/api/waves/${wave.id}/progress`);
    // A draft has no answers yet: 0 of 5 + 10 + 2 = 17.
    expect(progress.total).toEqual({ responses: 0, headcount: 17, rate: 0 });
    expect(
      progress.teams.map((t: { teamKey: string; parentKey: string | null; depth: number }) => [
        t.teamKey,
        t.parentKey,
        t.depth,
      ]),
    ).toEqual([
      ['eng-platform', null, 0],
      ['eng-apps', null, 0],
      ['sales', null, 0],
    ]);
  });

  it('is refused to leaders, whether they see the whole organization or one subtree (R6)', async () => {
    for (const teamKey of [null, 'eng']) {
      const email = `leader-${randomUUID()}@example.org`;
      await createAccount(test.handle.db, {
        email,
        role: 'leader',
        organizationId: assessment.orgId,
        teamKey,
      });
      const cookie = await signIn(test.app, email);
      for (const path of ['progress', 'progress.csv']) {
        const response = await test.app.inject({
          method: 'GET',
          url: `/api/waves/${assessment.waveId}/${path}`,
          headers: { cookie },
        });
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain('eng-platform');
      }
    }
  });

  it("answers 404 to another organization's consultant and to a wave that does not exist", async () => {
    const other = await setUpAssessment(test, { open: false });
    for (const url of [
      `/api/waves/${assessment.waveId}/progress`,
      `/api/waves/${assessment.waveId}/progress.csv`,
      `/api/waves/${randomUUID()}/progress`,
    ]) {
      const response = await test.app.inject({ method: 'GET', url, headers: { cookie: other.consultant } });
      expect(response.statusCode).toBe(404);
    }
  });
});
