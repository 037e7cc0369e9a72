import type { MessageKey } from '../../i18n/en.ts';

/** A problem as a message key and its values, so the page shows it in any language. */
export interface RowProblem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** What the server accepts (server/routes/waves.ts): days 1 to 90 after opening, at most 10. */
export const FIRST_REMINDER_DAY = 1;
export const LAST_REMINDER_DAY = 90;
export const MOST_REMINDERS = 10;

export type ReminderDays = { ok: true; days: number[] } | { ok: false; problem: RowProblem };

/**
 * Reads reminder days as a consultant types them ("3, 6", "3 6", "3;6"). Order and repeats carry
 * no meaning (a set of days after opening), so they are sorted and merged rather than refused;
 * anything that is not a whole day in range is refused with the offending text.
 */
export function parseReminderDays(text: string): ReminderDays {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const days = new Set<number>();
  for (const part of parts) {
    const day = /^\d{1,3}$/.test(part) ? Number(part) : Number.NaN;
    if (!(day >= FIRST_REMINDER_DAY && day <= LAST_REMINDER_DAY))
      return {
        ok: false,
        problem: {
          key: 'schedule.badDay',
          values: { day: part, first: FIRST_REMINDER_DAY, last: LAST_REMINDER_DAY },
        },
      };
    days.add(day);
  }
  if (days.size > MOST_REMINDERS)
    return { ok: false, problem: { key: 'schedule.tooManyDays', values: { most: MOST_REMINDERS } } };
  return { ok: true, days: [...days].sort((a, b) => a - b) };
}

export const formatReminderDays = (days: readonly number[]): string => days.join(', ');

/** A `datetime-local` value (the consultant's own clock) as the ISO instant the API takes. */
export function localInputToIso(value: string): string | null {
  if (value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** An ISO instant as a `datetime-local` value on the consultant's own clock, to edit it. */
export function isoToLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

const DAY_MS = 86_400_000;

/** The reminder the schedule sends next: on a day to come, due now, or none left. */
export type NextReminder = { kind: 'on'; at: string } | { kind: 'due' } | { kind: 'none' };

interface ScheduledWave {
  status: string;
  opensAt: string | null;
  openedAt: string | null;
  closesAt: string | null;
  reminderDays: readonly number[];
  remindersSent: number;
}

/** When an open wave's next reminder falls due, if before its deadline (the schedule's own rule). */
function nextReminderTime(wave: ScheduledWave): number | null | 'none' {
  if (wave.status !== 'open' || !wave.openedAt || wave.reminderDays.length === 0) return null;
  const day = wave.reminderDays[wave.remindersSent];
  if (day === undefined) return 'none';
  const at = Date.parse(wave.openedAt) + day * DAY_MS;
  return wave.closesAt && at >= Date.parse(wave.closesAt) ? 'none' : at;
}

/**
 * What is next of an open wave's reminders, as the schedule sends them (server/waves/wave-delivery.ts):
 * the first day not yet behind the wave, counted from its opening, unless the deadline comes first.
 * Null for a draft (its days count from an opening still to come) and for a closed wave.
 */
export function nextReminder(wave: ScheduledWave, now: number): NextReminder | null {
  const at = nextReminderTime(wave);
  if (at === null) return null;
  if (at === 'none') return { kind: 'none' };
  return at <= now ? { kind: 'due' } : { kind: 'on', at: new Date(at).toISOString() };
}

/** A look at a wave just after its scheduled change, then this often until the change shows. */
const LOOK_AGAIN_MS = 15_000;
const LOOK_AFTER_MS = 3_000;
/** Past this, a change that has not shown is not waited for (the server was down, say). */
const GIVE_UP_AFTER_MS = 10 * 60_000;
/** Timers wait at most this long at a time (a browser's timer overflows past about 24 days). */
const LONGEST_WAIT_MS = 6 * 3_600_000;

/**
 * How long a page showing a wave waits before looking at it again, because the schedule changes
 * it by itself: a draft opens at its opening time, an open wave sends its next reminder and closes
 * at its deadline (the server checks every little while, server/waves/deadline-task.ts). Null:
 * nothing is coming.
 */
export function untilScheduledChange(wave: ScheduledWave, now: number): number | null {
  const reminder = nextReminderTime(wave);
  const times =
    wave.status === 'draft'
      ? [wave.opensAt]
      : wave.status === 'open'
        ? [wave.closesAt, typeof reminder === 'number' ? new Date(reminder).toISOString() : null]
        : [];
  let wait: number | null = null;
  for (const at of times) {
    if (!at) continue;
    const left = Date.parse(at) - now;
    const here =
      left >= 0
        ? Math.min(left + LOOK_AFTER_MS, LONGEST_WAIT_MS)
        : -left > GIVE_UP_AFTER_MS
          ? null
          : LOOK_AGAIN_MS;
    if (here !== null && (wait === null || here < wait)) wait = here;
  }
  return wait;
}
