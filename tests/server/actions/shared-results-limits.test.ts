import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { answerThrough, call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const [pglite] = testDatabases();

/**
 * Results shared at an all-hands are read by many people through one office address, each team
 * through its own link. The budgets are those of opening a survey (here made small): per link and
 * address, per link, and per address across links, so one team's readers never use up another's.
 */
describe('how often shared results can be read', () => {
  let test: TestApp;
  let tokens: string[];
  beforeAll(async () => {
    test = await startTestApp(pglite!, {
      participationOpenAddressRateLimitPerMinute: 3,
      participationOpenRateLimitPerMinute: 8,
    });
    const { waveId, consultant, codes } = await setUpAssessment(test);
    for (const team of ['ops', 'eng-platform', 'eng-apps']) await answerThrough(test.app, codes[team]!, 3);
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    const { links } = await call(test.app, consultant, 'POST', `/api/waves/${waveId}/share`);
    tokens = (links as { url: string }[]).map((link) => link.url.split('/r/')[1]!);
  });
  afterAll(() => test?.close());

  const read = (token: string, address: string) =>
    test.app.inject({ url: `/api/shared/${token}`, remoteAddress: address });

  it('counts each link from one address apart, each link as a whole, and the address over all links', async () => {
    const office = '198.51.100.7';
    const [first, second, third] = tokens;
    for (let i = 0; i < 3; i++) expect((await read(first!, office)).statusCode).toBe(200);
    const over = await read(first!, office);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    // Another team's link from the same office is not held back by the first team's readers.
    expect((await read(second!, office)).statusCode).toBe(200);
    // Other addresses read the first link until the link's own budget is spent.
    for (let i = 0; i < 5; i++) expect((await read(first!, `203.0.113.${i + 1}`)).statusCode).toBe(200);
    expect((await read(first!, '203.0.113.99')).statusCode).toBe(429);
    // One address across all links, 8 here: 3 + 1 counted so far (a read refused by an earlier
    // budget is not counted by the later ones), and 4 more on other links spend it.
    expect((await read(third!, office)).statusCode).toBe(200);
    expect((await read(third!, office)).statusCode).toBe(200);
    expect((await read(second!, office)).statusCode).toBe(200);
    expect((await read(second!, office)).statusCode).toBe(200);
    expect((await read(tokens[3]!, office)).statusCode).toBe(429);
    expect((await read(tokens[3]!, '192.0.2.1')).statusCode).toBe(200);
  });
});
