import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, publishedFiguresText } from '../../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../../server/domain/report/published-figures.ts';
import { randomWave, randomWaveInput } from '../../../support/random-wave.ts';

describe('published figures written one group at a time', () => {
  it('are the very text of the figures of the whole report with items (R3)', () => {
    fc.assert(
      fc.property(randomWave, fc.integer({ min: 2, max: 5 }), (wave, k) => {
        const input = randomWaveInput(wave, k);
        const text = publishedFiguresText(input);
        expect(text).toBe(JSON.stringify(publishedFigures(buildReport(input))));
        // Not empty by accident: every team is listed, shown or not.
        expect(JSON.parse(text).groups).toHaveLength(wave.teams.length);
      }),
      { numRuns: 300 },
    );
  });
});
