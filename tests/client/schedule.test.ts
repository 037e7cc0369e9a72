import { describe, expect, it } from 'vitest';
import {
  formatReminderDays,
  isoToLocalInput,
  localInputToIso,
  nextReminder,
  parseReminderDays,
  untilScheduledChange,
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

  it('tells the next reminder from the opening and the days behind the wave', () => {
    const day = 86_400_000;
    const openedAt = Date.parse('2026-03-02T09:00:00Z');
    const wave = {
      status: 'open',
      opensAt: null,
      openedAt: new Date(openedAt).toISOString(),
      closesAt: null as string | null,
      reminderDays: [3, 6],
      remindersSent: 1,
    };
    expect(nextReminder(wave, openedAt + 4 * day)).toEqual({
      kind: 'on',
      at: '2026-03-08T09:00:00.000Z',
    });
    // Day 6 has come and the schedule has not sent it yet.
    expect(nextReminder(wave, openedAt + 6 * day)).toEqual({ kind: 'due' });
    expect(nextReminder({ ...wave, remindersSent: 2 }, openedAt + 7 * day)).toEqual({ kind: 'none' });
    // The deadline comes first: day 6 is never sent.
    const closesAt = new Date(openedAt + 5 * day).toISOString();
    expect(nextReminder({ ...wave, closesAt }, openedAt + 4 * day)).toEqual({ kind: 'none' });
    // A draft's days count from an opening still to come; a closed wave reminds nobody.
    expect(nextReminder({ ...wave, status: 'draft', openedAt: null }, openedAt)).toBeNull();
    expect(nextReminder({ ...wave, status: 'closed' }, openedAt)).toBeNull();
    expect(nextReminder({ ...wave, reminderDays: [], remindersSent: 0 }, openedAt)).toBeNull();
  });

  it('looks at a wave again when the schedule changes it, and not forever', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    const draft = {
      status: 'draft',
      opensAt: at(60_000),
      openedAt: null as string | null,
      closesAt: at(86_400_000) as string | null,
      reminderDays: [] as number[],
      remindersSent: 0,
    };
    // Just after the opening time, then every 15 s while the wave still shows as a draft.
    expect(untilScheduledChange(draft, now)).toBe(63_000);
    expect(untilScheduledChange(draft, now + 90_000)).toBe(15_000);
    expect(untilScheduledChange(draft, now + 60_000 + 11 * 60_000)).toBeNull();
    expect(untilScheduledChange({ ...draft, opensAt: null }, now)).toBeNull();
    // An open wave at its deadline; a far deadline is waited for in steps a timer can hold.
    const open = { ...draft, status: 'open' };
    expect(untilScheduledChange(open, now + 86_400_000 - 1000)).toBe(4000);
    expect(untilScheduledChange({ ...open, closesAt: at(40 * 86_400_000) }, now)).toBe(6 * 3_600_000);
    expect(untilScheduledChange({ ...open, closesAt: null }, now)).toBeNull();
    expect(untilScheduledChange({ ...open, status: 'closed' }, now)).toBeNull();
    // Its next reminder too, before the deadline; once sent, the one after, and none past the deadline.
    const hour = 3_600_000;
    const reminding = {
      ...open,
      openedAt: at(-47 * hour),
      reminderDays: [2, 3],
      closesAt: at(1.5 * hour),
    };
    expect(untilScheduledChange(reminding, now)).toBe(hour + 3000);
    expect(untilScheduledChange({ ...reminding, remindersSent: 1 }, now)).toBe(1.5 * hour + 3000);
    // Due and not shown as sent: looked at every 15 s, as long as the deadline is further.
    expect(untilScheduledChange(reminding, now + hour + 60_000)).toBe(15_000);
  });
});
