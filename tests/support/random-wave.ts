import fc from 'fast-check';
import type { ReportInput } from '../../server/domain/report/build-report.ts';
import { createAccumulator, type RawResponse } from '../../server/domain/scoring/aggregates.ts';
import { fixtureDimensions, fixtureItems } from './scoring-fixture.ts';

/**
 * Up to 10 teams, each under the organization or an earlier team, with 0 to 9 respondents whose
 * answers (1 to 5, or skipped) are drawn too: plenty of groups below k, skipped items and
 * complementary suppression.
 */
export const randomWave = fc
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
          comment: commentOf(index, values),
        };
        accumulator.add(response);
      }
    });
    return { teams, aggregates: accumulator.result() };
  });

/** A comment from some respondents, so comment blocks and their suppression are drawn as well. */
function commentOf(team: number, values: (number | null)[]): string | null {
  return values[0] === 5 ? `A comment from team ${team}` : null;
}

/** The report input of a drawn wave with threshold `k`: its teams depth first, as waves list them. */
export function randomWaveInput(
  { teams, aggregates }: { teams: ReportInput['teams'][number][]; aggregates: ReportInput['aggregates'] },
  k: number,
): ReportInput {
  return {
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
  };
}
