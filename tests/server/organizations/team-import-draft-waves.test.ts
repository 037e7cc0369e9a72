import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { findWave } from '../../../server/db/waves.ts';
import type { App } from '../../../server/http/app-types.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { call, importTeams, issueCodes, setUpAssessment, TEAMS_CSV } from '../../support/assessment.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { testDatabases } from '../../support/databases.ts';

const withoutSales = TEAMS_CSV.split('\n')
  .filter((line) => !line.startsWith('sales,'))
  .join('\n');
/** A hierarchy that shares no team with the one every assessment starts with. */
const otherTeams = 'key,name,parent_key,headcount\nfinance,Finance,,6';

// Recipients need email set up; nothing is sent, since no test runs the mail task.
const withMail = {
  publicUrl: 'https://pulse.example.org',
  mail: { smtpUrl: 'smtp://127.0.0.1:1', from: 'Trust OS <pulse@example.org>', perMinute: 60 },
};

describe.each(testDatabases())('a team import that removes teams of draft waves, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, withMail);
  });
  afterAll(() => test?.close());

  it('says before saving what each draft loses (teams, recipients, personal codes), answers it and logs it', async () => {
    const { orgId, waveId, consultant } = await setUpAssessment(test, { open: false });
    await test.app.inject({
      method: 'PUT',
      url: `/api/waves/${waveId}/recipients`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: 'email,team_key\na@example.org,sales\nb@example.org,sales\nc@example.org,ops',
    });
    await issueCodes(test.app, consultant, waveId, 'sales', 5);
    const lost = [
      { waveId, wave: 'Autumn pulse', teams: ['sales'], recipients: 2, personalCodes: 5, teamsLeft: 4 },
    ];

    const preview = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/teams/preview`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: withoutSales,
    });
    // A warning, not a refusal: a draft may lose teams, but not without the consultant knowing.
    expect(preview.json()).toMatchObject({ ok: true, draftWaveLosses: lost });

    const saved = await importTeams(test.app, consultant, orgId, withoutSales);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().draftWaveLosses).toEqual(lost);
    const [entry] = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/audit`);
    expect(entry).toMatchObject({ action: 'teams.replace', detail: { teams: 4, draftWaves: lost } });
    // What the preview announced is what went.
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery.recipients).toBe(1);
    const codes = await test.handle.db
      .selectFrom('invitation')
      .select('code_hash')
      .where('wave_id', '=', waveId)
      .execute();
    expect(codes).toEqual([]);

    // Nothing more to lose: the next import of the same tree warns of nothing.
    expect((await importTeams(test.app, consultant, orgId, withoutSales)).json().draftWaveLosses).toEqual([]);
  });

  it('leaves open waves out of the warning: their teams cannot be removed at all', async () => {
    const { orgId, waveId, consultant } = await setUpAssessment(test);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const saved = await importTeams(test.app, consultant, orgId, withoutSales);
    expect(saved.json().draftWaveLosses).toEqual([]);
  });

  it('refuses to open a draft an import left without teams', async () => {
    const { orgId, waveId, consultant } = await setUpAssessment(test, { open: false });
    const preview = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/teams/preview`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: otherTeams,
    });
    expect(preview.json().draftWaveLosses).toEqual([
      expect.objectContaining({
        waveId,
        teams: ['eng', 'eng-apps', 'eng-platform', 'ops', 'sales'],
        teamsLeft: 0,
      }),
    ]);
    expect((await importTeams(test.app, consultant, orgId, otherTeams)).statusCode).toBe(200);

    const opened = await test.app.inject({
      method: 'POST',
      url: `/api/waves/${waveId}/open`,
      headers: { cookie: consultant },
    });
    expect(opened.statusCode).toBe(409);
    expect(opened.json().code).toBe('wave.no-teams');
    expect((await findWave(test.handle.db, waveId))!.status).toBe('draft');
  });
});

describe.each(testDatabases())(
  'the scheduled opening of a draft left without teams, on $name',
  (database) => {
    const { lines, logger } = capturedLog('info');
    let app: App;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await database.open();
      app = await buildApp(testConfig(withMail), { database: handle, logger, backgroundTimers: false });
    });
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    it('keeps it a draft, and warns once, naming the wave by its id only', async () => {
      const test = { app, handle, close: async () => {} };
      const { orgId, waveId, consultant, codes } = await setUpAssessment(test, { open: false });
      await importTeams(app, consultant, orgId, otherTeams);
      // Due since a minute ago, as if the consultant had scheduled it before the import.
      await handle.db
        .updateTable('wave')
        .set({ opens_at: new Date(Date.now() - 60_000) })
        .where('id', '=', waveId)
        .execute();
      lines.length = 0;

      await app.deadlines.runOnce();
      await app.deadlines.runOnce();

      expect((await findWave(handle.db, waveId))!.status).toBe('draft');
      const warnings = lines.map((line) => JSON.parse(line)).filter((line) => line.waveId === waveId);
      expect(warnings).toEqual([
        expect.objectContaining({ level: 40, msg: expect.stringMatching(/no teams left/) }),
      ]);
      // No link or code in the log (A2).
      const log = lines.join('');
      for (const code of Object.values(codes)) expect(log).not.toContain(code);
    });
  },
);
