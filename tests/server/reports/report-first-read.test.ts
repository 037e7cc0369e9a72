import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobsAnsweredOnThreads } from '../../../server/reports/report-builder.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('the first reads of a report just closed, on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('builds it once for everyone who opens it at the same time', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test, { threshold: 3 });
    await answerThrough(test.app, codes.ops!, 4, (i) => i + 1);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);

    const before = jobsAnsweredOnThreads();
    const read = () =>
      test.app.inject({ method: 'GET', url: `/api/waves/${waveId}/report`, headers: { cookie: consultant } });
    const reads = await Promise.all([read(), read(), read(), read()]);
    expect(reads.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    for (const r of reads) expect(r.body).toBe(reads[0]!.body);
    expect(jobsAnsweredOnThreads() - before).toBe(1);

    // Once built, a read is served from what was kept.
    await read();
    expect(jobsAnsweredOnThreads() - before).toBe(1);
  });
});
