/**
 * When an action may fall due, as calendar days (YYYY-MM-DD, UTC) around the day its wave closed.
 *
 * An action answers a closed wave's results, so its due date normally follows the close. A year
 * before it is allowed: a team may record what it already began once the results were discussed,
 * and a leader in a time zone behind UTC may see the close a day earlier. Ten years after is
 * allowed for long programmes. Outside that window a date is a typing slip (1926 for 2026, 2062
 * for 2026) that would sort the action first or last in every list and mark it overdue at once,
 * or never, so it is refused with the window named.
 */
export function dueDateWindow(waveClosedAt: Date): { earliest: string; latest: string } {
  const shifted = (years: number) => {
    const day = new Date(waveClosedAt.getTime());
    day.setUTCFullYear(day.getUTCFullYear() + years);
    return day.toISOString().slice(0, 10);
  };
  return { earliest: shifted(-1), latest: shifted(10) };
}

/** Whether `dueDate` (YYYY-MM-DD) lies in `window`; dates of that form compare as strings. */
export const dueDateFits = (dueDate: string, window: { earliest: string; latest: string }): boolean =>
  dueDate >= window.earliest && dueDate <= window.latest;
