/**
 * A calendar day (YYYY-MM-DD, UTC) `days` from today: the due date of an action made in a test,
 * which the server holds to a window around its wave's close, so no test date can fall out of it
 * as the years pass.
 */
export const dayFromToday = (days: number): string =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
