import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { type Assessment, PULSE_ITEMS, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { percentEncode } from '../../support/percent-encode.ts';

const [pglite] = testDatabases();

describe('the public endpoints under random and hostile input', () => {
  let test: TestApp;
  let assessment: Assessment;
  beforeAll(async () => {
    test = await startTestApp(pglite!, { participationRateLimitPerMinute: 100_000 });
    assessment = await setUpAssessment(test);
  });
  afterAll(() => test?.close());

  const count = async () => (await test.handle.db.selectFrom('response').select('id').execute()).length;

  const nasty = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '\u0000',
      '../../etc/passwd',
      "'; drop table response; --",
      '%00',
      '\uD800',
      'a'.repeat(5000),
      '{}',
      '[]',
    ),
    fc.string({ unit: 'binary' }),
  );
  const answerValue = fc.oneof(
    fc.integer({ min: -3, max: 8 }),
    fc.constant(null),
    fc.double(),
    nasty,
    fc.boolean(),
    fc.array(fc.integer()),
  );
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record(
      {
        submissionId: fc.oneof(fc.uuid(), nasty, fc.integer()),
        answers: fc.oneof(
          fc.dictionary(fc.oneof(fc.constantFrom(...PULSE_ITEMS), nasty), answerValue),
          nasty,
          fc.jsonValue(),
        ),
        comment: fc.oneof(nasty, fc.constant(null), fc.integer()),
        invitation: fc.oneof(nasty, fc.constant(null)),
      },
      { requiredKeys: [] },
    ),
  );

  it('never answers with a 5xx and never stores a row from a refused body', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.boolean(),
        fc.constantFrom('json', 'raw', 'text/plain', 'text/csv'),
        async (payload, realCode, type) => {
          const code = realCode ? assessment.codes.ops! : 'NotACode_______________';
          const before = await count();
          const response = await test.app.inject({
            method: 'POST',
            url: `/api/participate/${encodeURIComponent(code)}/responses`,
            ...(type === 'json'
              ? { payload: payload as object }
              : {
                  headers: { 'content-type': type === 'raw' ? 'application/json' : type },
                  payload: JSON.stringify(payload).slice(0, -1),
                }),
          });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode !== 201) expect(await count()).toBe(before);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never answers a random code or locale with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.option(nasty), async (code, locale) => {
        const query = locale === null ? '' : `?locale=${percentEncode(locale)}`;
        const response = await test.app.inject(`/api/participate/${percentEncode(code)}${query}`);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
