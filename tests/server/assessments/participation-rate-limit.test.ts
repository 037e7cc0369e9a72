import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

describe.each(testDatabases())('participation rate limit on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database, { participationRateLimitPerMinute: 3 });
  });
  afterAll(() => test?.close());

  it('budgets requests per participation code, never per address (A2)', async () => {
    const { codes } = await setUpAssessment(test);
    const open = (code: string, ip: string) =>
      test.app.inject({ method: 'GET', url: `/api/participate/${code}`, remoteAddress: ip });

    // Different addresses share the budget of one code: the limit cannot depend on who asks.
    const statuses = [];
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])
      statuses.push((await open(codes.ops!, ip)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);

    // The same address still reaches another team's code: the budget is the code's.
    expect((await open(codes.sales!, '10.0.0.1')).statusCode).toBe(200);
  });
});
