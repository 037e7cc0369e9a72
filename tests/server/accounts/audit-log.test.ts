import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { type Assessment, call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('the audit log on $name', (database) => {
  let test: TestApp;
  let assessment: Assessment;
  beforeAll(async () => {
    test = await startTestApp(database);
    assessment = await setUpAssessment(test, { open: true });
  });
  afterAll(() => test?.close());

  it('names the wave an entry is about, so the console can say it in a sentence', async () => {
    const entries = await call(
      test.app,
      assessment.consultant,
      'GET',
      `/api/organizations/${assessment.orgId}/audit`,
    );
    const opened = entries.find((e: { action: string }) => e.action === 'wave.open');
    expect(opened).toMatchObject({ waveTitle: expect.any(String), detail: { waveId: assessment.waveId } });
    expect(entries.find((e: { action: string }) => e.action === 'teams.replace').waveTitle).toBeNull();
  });

  it('exports the raw codes and details as CSV, newest first', async () => {
    const response = await test.app.inject({
      url: `/api/organizations/${assessment.orgId}/audit.csv`,
      headers: { cookie: assessment.consultant },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = response.body.trim().split('\r\n');
    expect(header).toBe('at,actor_email,action,wave_title,detail');
    expect(lines.map((line) => line.split(',')[2])).toEqual([
      'wave.open',
      'wave.create',
      'teams.replace',
      'organization.create',
    ]);
    expect(lines[0]).toContain(`""waveId"":""${assessment.waveId}""`);
  });
});
