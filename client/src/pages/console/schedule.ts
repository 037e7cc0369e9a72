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
