import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertResponses } from '../../../server/db/responses.ts';
import { computeWaveAggregates } from '../../../server/db/wave-aggregates.ts';
import { createAccumulator, type WaveAggregates } from '../../../server/domain/scoring/aggregates.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

/** Integers must match exactly; sums of fractional scores to within float rounding. */
function expectSameSums(actual: unknown, expected: unknown, path = 'aggregates'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    if (Number.isInteger(expected)) expect(actual, path).toBe(expected);
    else
      expect(Math.abs((actual as number) - expected), path).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(expected)),
      );
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((item, i) => expectSameSums((actual as unknown[])[i], item, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected))
      expectSameSums((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe.each(testDatabases())('sums computed by the database on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('equal the sums of every response added one by one, for any answers, skips and comments', async () => {
    const definition = test.app.questionnaires.get('trust-os-diagnostic', '1.0.0')!;
    const items = definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse }));
    const dimensions = definition.dimensions.map(({ id, outcome }) => ({ id, outcome }));
    const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 3 });
    const response = fc.record({
      team: fc.constantFrom('ops', 'eng', 'eng-platform', 'eng-apps', 'sales'),
      answers: fc.tuple(...items.map(() => answer)),
      comment: fc.option(fc.constantFrom('', 'Fine.', 'Décisions qui tiennent', 'x'), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(response, { maxLength: 60 }), async (responses) => {
        const { waveId } = await setUpAssessment(test, { open: false });
        const teams = await test.handle.db
          .selectFrom('wave_team')
          .innerJoin('team', 'team.id', 'wave_team.team_id')
          .select(['team.key', 'team.id'])
          .where('wave_team.wave_id', '=', waveId)
          .execute();
        const rows = responses.map((r) => ({
          teamKey: r.team,
          answers: Object.fromEntries(items.map((item, i) => [item.id, r.answers[i] ?? null])),
          comment: r.comment,
        }));
        await insertResponses(
          test.handle.db,
          { id: waveId, questionnaireVersion: 'trust-os-diagnostic@1.0.0' },
          new Map(teams.map((t) => [t.key, t.id])),
          rows,
        );
        // The oracle: every stored response through the accumulator, in id order.
        const stored = await test.handle.db
          .selectFrom('response')
          .innerJoin('team', 'team.id', 'response.team_id')
          .select(['response.id', 'team.key as teamKey', 'response.answers', 'response.comment'])
          .where('response.wave_id', '=', waveId)
          .orderBy('response.id')
          .execute();
        const accumulator = createAccumulator(items, dimensions);
        for (const row of stored) accumulator.add(row);
        const expected: WaveAggregates = accumulator.result();
        expectSameSums(await computeWaveAggregates(test.handle.db, waveId, items, dimensions), expected);
      }),
      { numRuns: 12 },
    );
  });
});
