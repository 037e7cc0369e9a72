import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTeams, replaceTeams } from '../../../server/db/organizations.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, holdTransaction, importTeams, setUpAssessment, TEAMS_CSV } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const without = (key: string) =>
  TEAMS_CSV.split('\n')
    .filter((line) => !line.startsWith(`${key},`))
    .join('\n');

describe.each(testDatabases())(
  "a team import and the teams members' access is limited to, on $name",
  (database) => {
    let test: TestApp;
    beforeAll(async () => {
      test = await startTestApp(database);
    });
    afterAll(() => test?.close());

    it("refuses to remove a team a leader's access is limited to, in the preview and the save", async () => {
      const { orgId, consultant } = await setUpAssessment(test, { open: false });
      const member = (teamKey?: string) =>
        call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
          email: 'sales-lead@example.org',
          role: 'leader',
          ...(teamKey ? { teamKey } : {}),
        });
      await member('sales');

      const preview = await test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/teams/preview`,
        headers: { cookie: consultant, 'content-type': 'text/csv' },
        payload: without('sales'),
      });
      expect(preview.json().ok).toBe(false);
      expect(preview.json().problems).toEqual([
        expect.objectContaining({ field: 'teams', code: 'scopesMember', values: { key: 'sales' } }),
      ]);

      const refused = await importTeams(test.app, consultant, orgId, without('sales'));
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: 'teams.removed-team-scopes-member',
        params: { teams: 'sales', count: 1 },
        fields: [expect.objectContaining({ field: 'team sales', code: 'teams.team-scopes-member' })],
      });
      expect(refused.json().message).toMatch(
        /limited to team "sales".*change or remove that member's scope first/,
      );
      expect((await listTeams(test.handle.db, orgId)).map((t) => t.key)).toContain('sales');

      // Once the leader sees the whole organization instead, the team can go.
      await member();
      expect((await importTeams(test.app, consultant, orgId, without('sales'))).statusCode).toBe(200);
    });

    it('goes on importing beside a limit whose team was removed before, and refuses only bringing that key back', async () => {
      const { orgId, consultant } = await setUpAssessment(test, { open: false });
      await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/members`, {
        email: 'retired-lead@example.org',
        role: 'leader',
        teamKey: 'sales',
      });
      // As an import before these checks left it: the limit names a team that is gone.
      await test.handle.db
        .updateTable('membership')
        .set({ team_key: 'retired' })
        .where('organization_id', '=', orgId)
        .where('team_key', '=', 'sales')
        .execute();

      expect((await importTeams(test.app, consultant, orgId, TEAMS_CSV)).statusCode).toBe(200);
      const back = `${TEAMS_CSV}\nretired,Retired,,6`;
      const preview = await test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/teams/preview`,
        headers: { cookie: consultant, 'content-type': 'text/csv' },
        payload: back,
      });
      expect(preview.json().problems).toEqual([
        expect.objectContaining({ code: 'scopesMemberGone', values: { key: 'retired' } }),
      ]);
      const refused = await importTeams(test.app, consultant, orgId, back);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        code: 'teams.new-team-scopes-member',
        fields: [expect.objectContaining({ field: 'team retired', code: 'teams.team-key-scopes-member' })],
      });
      expect((await listTeams(test.handle.db, orgId)).map((t) => t.key)).not.toContain('retired');
    });

    it('does not let a team import remove the team between the check of a new limit and its write', async () => {
      const { orgId, consultant } = await setUpAssessment(test, { open: false });
      const teams = (await listTeams(test.handle.db, orgId)).filter((team) => team.key !== 'eng-apps');
      // An import that has removed `eng-apps` and not committed yet.
      const importing = await holdTransaction(test.handle.db, (trx) => replaceTeams(trx, orgId, teams));
      const invite = test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/members`,
        headers: { cookie: consultant },
        payload: { email: 'apps-lead@example.org', role: 'leader', teamKey: 'eng-apps' },
      });
      // Time for an invitation that does not wait for the import to go through.
      await Promise.race([invite, sleep(500)]);
      await importing.letGo();

      const answer = await invite;
      expect(answer.statusCode).toBe(400);
      expect(answer.json().fields).toEqual([
        expect.objectContaining({ field: 'body.teamKey', code: 'member.unknown-team' }),
      ]);
      const scoped = await test.handle.db
        .selectFrom('membership')
        .select('team_key')
        .where('organization_id', '=', orgId)
        .where('team_key', '=', 'eng-apps')
        .execute();
      expect(scoped).toEqual([]);
    });
  },
);
