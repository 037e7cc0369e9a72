import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../server/domain/report/build-report.ts';
import {
  type PublishedFigures,
  publishedFigures,
  publishedGroups,
} from '../../../../server/domain/report/published-figures.ts';
import { randomWave, randomWaveInput } from '../../../support/random-wave.ts';

describe("a previous wave's figures read from their stored text", () => {
  it('give every trend the parsed figures give, however the text is laid out (R3)', () => {
    fc.assert(
      fc.property(
        randomWave,
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.boolean(),
        (wave, k, withItems, spaced) => {
          const first = { ...randomWaveInput(wave, k), withItems };
          const previous = publishedFigures(buildReport({ ...first, k: k === 2 ? 3 : 2 }));
          const text = spaced ? JSON.stringify(previous, null, 2) : JSON.stringify(previous);
          const fromText = buildReport({ ...first, previous: { text } });
          expect(JSON.stringify(fromText)).toBe(JSON.stringify(buildReport({ ...first, previous })));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('cut each group out whole, whatever its key holds, in the order written', () => {
    const figures: PublishedFigures = {
      organization: { teamKey: null, dimensions: { a: { score: 50, ci95: [2, 4], n: 12 } } },
      groups: [
        'plain',
        'with "quotes" and \\ slashes',
        'braces }] {[ and , commas',
        'one " quote { open',
        'ends in a slash \\',
        'équipe ✓',
      ].map((teamKey, i) => ({
        teamKey,
        dimensions: { a: i % 2 ? null : { score: i, ci95: [1, 5] } },
        items: { a1: { score: 10 - i, ci95: [1.5, 2.5], n: 5 } },
      })),
    };
    // Other keys before the groups, and after them, are passed over.
    const text = `{ "version": [1, {"x": "]"}], ${JSON.stringify(figures).slice(1, -1)}, "after": "}" }`;
    const { count, groups } = publishedGroups({ text });
    expect(count).toBe(7);
    expect([...groups]).toEqual([figures.organization, ...figures.groups]);
  });

  it('refuses a text that is not whole', () => {
    const text = JSON.stringify({ organization: { teamKey: null, dimensions: {} }, groups: [] });
    expect(() => publishedGroups({ text: text.slice(0, -3) })).toThrow(SyntaxError);
    expect(() => publishedGroups({ text: '{"groups":[]}' })).toThrow(SyntaxError);
  });
});
