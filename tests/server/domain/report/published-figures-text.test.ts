import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, publishedFiguresText } from '../../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../../server/domain/report/published-figures.ts';
import { createAccumulator, type RawResponse } from '../../../../server/domain/scoring/aggregates.ts';
import { fixtureDimensions, fixtureItems } from '../../../support/scoring-fixture.ts';

/**
 * Up to 10 teams, each under the organization or an earlier team, with 0 to 9 respondents whose
 * answers (1 to 5, or skipped) are drawn too: plenty of groups below k, skipped items and
 * complementary suppression.
 */
const wave = fc
  .array(
    fc.record({
      parentPick: fc.nat(),
      answers: fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 5 })), { minLength: 4, maxLength: 4 }), {
        maxLength: 9,
      }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((rows) => {
    const teams = rows.map(({ parentPick }, index) => ({
      key: `t${index}`,
      name: `Team ${index}`,
      parentKey: index === 0 || parentPick % 3 === 0 ? null : `t${parentPick % index}`,
    }));
    const accumulator = createAccumulator(fixtureItems, fixtureDimensions);
    rows.forEach(({ answers }, index) => {
      for (const values of answers) {
        const response: RawResponse = {
          teamKey: `t${index}`,
          answers: Object.fromEntries(fixtureItems.map((item, i) => [item.id, values[i] ?? null])),
          comment: null,
        };
        accumulator.add(response);
      }
    });
    return { teams, aggregates: accumulator.result() };
  });

describe('published figures written one group at a time', () => {
  it('are the very text of the figures of the whole report with items (R3)', () => {
    fc.assert(
      fc.property(wave, fc.integer({ min: 2, max: 5 }), ({ teams, aggregates }, k) => {
        const input = {
          organizationName: 'Organization',
          teams: teams
            .filter((t) => t.parentKey === null)
            .flatMap(function subtree(t): typeof teams {
              return [t, ...teams.filter((c) => c.parentKey === t.key).flatMap(subtree)];
            }),
          aggregates,
          dimensions: fixtureDimensions.map((d) => ({ ...d, name: d.id, recommendations: [] })),
          items: fixtureItems,
          k,
          withItems: true,
          previous: null,
          seed: 'wave',
        };
        const text = publishedFiguresText(input);
        expect(text).toBe(JSON.stringify(publishedFigures(buildReport(input))));
        // Not empty by accident: every team is listed, shown or not.
        expect(JSON.parse(text).groups).toHaveLength(teams.length);
      }),
      { numRuns: 300 },
    );
  });
});
