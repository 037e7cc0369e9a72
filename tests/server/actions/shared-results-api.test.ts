import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/accounts/tokens.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

/**
 * Threshold 3. ops 4 respondents, eng-platform 3, eng-apps 3, sales 1: sales is hidden (R1), and
 * the organization's remainder (sales' 1) makes one more group hidden beside it (R2). Every
 * respondent comments, so the report has comments the shared page must not carry. (ops is the
 * group hidden beside sales: the smallest of its published siblings.)
 */
const PLAN: Record<string, number> = { ops: 4, 'eng-platform': 3, 'eng-apps': 3, sales: 1 };

describe.each(testDatabases())('results shared back with employees on $name', (database) => {
  let test: TestApp;
  let orgId: string;
  let waveId: string;
  let consultant: string;
  let scoped: string;
  let links: { teamKey: string; teamName: string; url: string }[];

  const tokenOf = (teamKey: string) => links.find((l) => l.teamKey === teamKey)!.url.split('/r/')[1]!;
  const shared = (token: string, query = '') => test.app.inject({ url: `/api/shared/${token}${query}` });

  beforeAll(async () => {
    test = await startTestApp(database);
    const a = await setUpAssessment(test, { threshold: 3 });
    ({ orgId, waveId, consultant } = a);
    for (const [team, count] of Object.entries(PLAN))
      for (let i = 0; i < count; i++)
        await test.app.inject({
          method: 'POST',
          url: `/api/participate/${a.codes[team]}/responses`,
          payload: {
            submissionId: randomUUID(),
            answers: someAnswers(2 + (i % 3)),
            comment: `from ${team} ${i}`,
          },
        });
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    await createAccount(test.handle.db, {
      email: `scoped-${orgId}@example.org`,
      role: 'leader',
      organizationId: orgId,
      teamKey: 'eng',
    });
    scoped = await signIn(test.app, `scoped-${orgId}@example.org`);
  });
  afterAll(() => test?.close());

  it('makes one unguessable link per team, and the same links when asked again', async () => {
    const audits = () =>
      test.handle.db
        .selectFrom('audit_event')
        .select('action')
        .where('organization_id', '=', orgId)
        .where('action', 'like', 'results.%')
        .execute()
        .then((rows) => rows.length);
    // Looking at what is out publishes nothing.
    expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/share`)).toEqual({ links: [] });
    expect(await audits()).toBe(0);
    ({ links } = await call(test.app, consultant, 'POST', `/api/waves/${waveId}/share`));
    expect(links.map((l) => l.teamKey)).toEqual(['ops', 'eng', 'eng-platform', 'eng-apps', 'sales']);
    for (const link of links) expect(link.url).toMatch(/\/r\/[A-Za-z0-9_-]{22}$/); // 16 bytes: 128 bits
    expect(new Set(links.map((l) => tokenOf(l.teamKey))).size).toBe(5);
    const again = await call(test.app, consultant, 'POST', `/api/waves/${waveId}/share`);
    expect(again.links).toEqual(links);
    const scopedLinks = await call(test.app, scoped, 'POST', `/api/waves/${waveId}/share`);
    expect(scopedLinks.links.map((l: { teamKey: string }) => l.teamKey)).toEqual([
      'eng',
      'eng-platform',
      'eng-apps',
    ]);
    // What is out can be read again, each reader seeing their own part, without sharing again.
    const shares = await audits();
    expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/share`)).toEqual({ links });
    expect(await call(test.app, scoped, 'GET', `/api/waves/${waveId}/share`)).toEqual(scopedLinks);
    expect(await audits()).toBe(shares);
  });

  it("shows a team exactly the report's published figures, and no comment", async () => {
    const report = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/report`);
    expect(report.comments.length).toBeGreaterThan(0);
    for (const group of report.groups as {
      teamKey: string;
      suppressed: boolean;
      n: number | null;
      trustIndex: number | null;
      dimensions: Record<string, { score: number; n: number; ci95: number[] } | null>;
    }[]) {
      const response = await shared(tokenOf(group.teamKey));
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(response.body).not.toMatch(/from (ops|eng|sales)/);
      expect(page).not.toHaveProperty('comments');
      expect(page.organization.published.n).toBe(report.organization.n);
      if (group.suppressed) {
        expect(page.team.published).toBeNull();
        continue;
      }
      expect(page.team.published.n).toBe(group.n);
      expect(page.team.published.trustIndex).toBe(group.trustIndex);
      for (const [id, cell] of Object.entries(group.dimensions))
        expect(page.team.published.dimensions[id]).toEqual(
          cell && { score: cell.score, n: cell.n, ci95: cell.ci95 },
        );
    }
    // Sales (1 respondent) is hidden, so its page has the organization's figures only.
    expect((await shared(tokenOf('sales'))).json().team).toMatchObject({
      key: 'sales',
      name: 'Sales',
      published: null,
    });
  });

  it("lists the actions on the team and on the whole organization, in the page's language", async () => {
    const make = (teamKey: string | null, title: string) =>
      call(test.app, consultant, 'POST', `/api/waves/${waveId}/actions`, {
        teamKey,
        dimension: 'ownership',
        title,
        owner: 'COO',
        dueDate: dayFromToday(60),
      });
    await make('eng-platform', 'Platform: name owners');
    await make(null, 'Everyone: decision log');
    await make('eng-apps', 'Apps: weekly review');
    const page = (await shared(tokenOf('eng-platform'), '?locale=es-ES')).json();
    expect(page.locale).toBe('es');
    expect(page.dimensions[0].name).toBe('Estabilidad de las decisiones');
    expect(page.actions.map((a: { title: string }) => a.title).sort()).toEqual([
      'Everyone: decision log',
      'Platform: name owners',
    ]);
    expect(page.actions[0].dimensionName).toBe('Responsabilidad');
    expect(Object.keys(page.actions[0]).sort()).toEqual([
      'dimension',
      'dimensionName',
      'dueDate',
      'owner',
      'status',
      'teamKey',
      'title',
    ]);
  });

  it('leaves the session of an employee signed in to the console as it was when they read their team', async () => {
    // Someone who also uses the console opens their team's link in the same browser: the page
    // answers alike without a session, so it reads none and notes no time of use (docs/anonymity.md).
    const idHash = hashToken(consultant.split('=')[1]!);
    const lastSeen = new Date(Date.now() - 5 * 60_000);
    const session = () =>
      test.handle.db.selectFrom('session').select('last_seen_at').where('id_hash', '=', idHash);
    await test.handle.db
      .updateTable('session')
      .set({ last_seen_at: lastSeen })
      .where('id_hash', '=', idHash)
      .execute();
    const read = await test.app.inject({
      url: `/api/shared/${tokenOf('eng-platform')}`,
      headers: { cookie: consultant },
    });
    expect(read.statusCode).toBe(200);
    expect((await session().executeTakeFirstOrThrow()).last_seen_at.getTime()).toBe(lastSeen.getTime());
    // A console request with the same cookie would note it: the session above is the one in use.
    await call(test.app, consultant, 'GET', `/api/organizations/${orgId}`);
    expect((await session().executeTakeFirstOrThrow()).last_seen_at.getTime()).toBeGreaterThan(
      lastSeen.getTime(),
    );
  });

  it('answers 404 for an unknown or malformed token, and for every link once withdrawn', async () => {
    expect((await shared('not-a-token')).statusCode).toBe(404);
    expect((await shared('A'.repeat(22))).statusCode).toBe(404);
    const response = await test.app.inject({
      method: 'DELETE',
      url: `/api/waves/${waveId}/share`,
      headers: { cookie: consultant },
    });
    expect(response.statusCode).toBe(204);
    for (const link of links) expect((await shared(tokenOf(link.teamKey))).statusCode).toBe(404);
  });

  it('refuses to share a wave that has not closed', async () => {
    const draft = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Next',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    const response = await test.app.inject({
      method: 'POST',
      url: `/api/waves/${draft.id}/share`,
      headers: { cookie: consultant },
    });
    expect(response.statusCode).toBe(409);
  });
});
