import { describe, expect, it } from 'vitest';
import { dueDateFits, dueDateWindow } from '../../../../server/domain/actions/due-date.ts';

describe('the window an action may fall due in', () => {
  it('runs from a year before the UTC day its wave closed to ten years after', () => {
    const window = dueDateWindow(new Date('2026-11-29T23:30:00Z'));
    expect(window).toEqual({ earliest: '2025-11-29', latest: '2036-11-29' });
    expect(dueDateFits('2025-11-29', window)).toBe(true);
    expect(dueDateFits('2036-11-29', window)).toBe(true);
    expect(dueDateFits('2025-11-28', window)).toBe(false);
    expect(dueDateFits('2036-11-30', window)).toBe(false);
    // The slips it is there for: a century typed wrong.
    expect(dueDateFits('1926-12-31', window)).toBe(false);
    expect(dueDateFits('2126-01-31', window)).toBe(false);
  });

  it('takes a close on 29 February to the 1st of March of a year without one', () => {
    expect(dueDateWindow(new Date('2028-02-29T10:00:00Z'))).toEqual({
      earliest: '2027-03-01',
      latest: '2038-03-01',
    });
  });
});
