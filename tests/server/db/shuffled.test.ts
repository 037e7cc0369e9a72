import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shuffled } from '../../../server/db/responses.ts';

// A6: the order a batch's rows reach the table must say nothing about the order they arrived in.
describe('shuffled: the order a batch is stored in (A6)', () => {
  it('returns every item exactly once, whatever the list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 60 }), (items) => {
        const result = shuffled([...items]);
        expect(result).toHaveLength(items.length);
        expect([...result].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the six orders of three items alike (30,000 draws)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const order = shuffled(['a', 'b', 'c']).join('');
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    // 5,000 each on average, with a standard deviation of 65: a fair shuffle falls outside
    // 4,600..5,400 with a probability below 10⁻⁹ per order. Swapping each place with any place,
    // a common mistake, gives three orders 4,444 on average and three 5,556; swapping only with
    // an earlier place gives two orders, never six.
    expect(counts.size).toBe(6);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(4_600);
      expect(count).toBeLessThan(5_400);
    }
  });
});
