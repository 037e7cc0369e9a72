import { describe, expect, it } from 'vitest';
import {
  formatReminderDays,
  isoToLocalInput,
  localInputToIso,
  parseReminderDays,
} from '../../client/src/pages/console/schedule.ts';

describe("a wave's schedule as the consultant types it", () => {
  it('reads reminder days however they are separated, in order and once each', () => {
    expect(parseReminderDays('3, 6')).toEqual({ ok: true, days: [3, 6] });
    expect(parseReminderDays(' 3 6;10 ')).toEqual({ ok: true, days: [3, 6, 10] });
    // A set of days: the order typed and a day typed twice mean nothing, so the server gets the
    // strictly ascending list it requires.
    expect(parseReminderDays('6, 3, 6')).toEqual({ ok: true, days: [3, 6] });
    expect(parseReminderDays('   ')).toEqual({ ok: true, days: [] });
    expect(formatReminderDays([3, 6])).toBe('3, 6');
  });

  it('refuses what the server would, naming the text that is wrong', () => {
    for (const wrong of ['0', '91', '2.5', '-3', 'three', '3,x']) {
      const parsed = parseReminderDays(wrong);
      expect(parsed.ok, wrong).toBe(false);
      if (!parsed.ok) expect(parsed.problem.key).toBe('schedule.badDay');
    }
    expect(parseReminderDays('1, 90')).toEqual({ ok: true, days: [1, 90] });
    expect(parseReminderDays('3,x')).toEqual({
      ok: false,
      problem: { key: 'schedule.badDay', values: { day: 'x', first: 1, last: 90 } },
    });
    expect(parseReminderDays('1 2 3 4 5 6 7 8 9 10 11')).toEqual({
      ok: false,
      problem: { key: 'schedule.tooManyDays', values: { most: 10 } },
    });
  });

  it('turns the datetime field into an instant and back on the same clock', () => {
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('not a date')).toBeNull();
    const iso = localInputToIso('2026-12-01T09:30');
    expect(iso).toBe(new Date(2026, 11, 1, 9, 30).toISOString());
    expect(isoToLocalInput(iso)).toBe('2026-12-01T09:30');
    expect(isoToLocalInput(null)).toBe('');
  });
});
