/**
 * Numbers, percentages and dates in the page's language, through `Intl`: "0,45" and "73 %" in
 * Spanish, "0,45" and "73 %" in German, narrow no-break spaces in French. Formatters are costly
 * to build and a heat map formats thousands of cells, so each is made once per language and style.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let formatter = cache.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions) =>
  cached(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

/** A number with exactly `digits` decimals (a correlation: 0.45), grouped as the language groups. */
export const formatNumber = (locale: string, value: number, digits = 0): string =>
  numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

/** A count or a figure as it comes, up to two decimals, grouped as the language groups: 12,000. */
export const formatFigure = (locale: string, value: number): string =>
  numberFormat(locale, { maximumFractionDigits: 2 }).format(value);

/**
 * A share (0.575) as the percentage every output shows for it, with `digits` decimals, rounded
 * half away from zero on its decimal value: 58, where `Math.round(0.575 * 100)` gives 57 because
 * 0.575 × 100 is 57.4999… in binary. Counted in integer millionths of a percent first, which any
 * share of up to 8 decimals (the server's have 4) is exactly, so no step rounds a binary error.
 */
export function percentOf(share: number, digits = 0): number {
  const millionths = Math.round(Math.abs(share) * 1e8);
  const step = 10 ** (6 - digits);
  const rounded = Math.floor((millionths + step / 2) / step) / 10 ** digits;
  return share < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * A share (0.734) as a percentage in the language's own way of writing one: "73%", "73 %",
 * rounded as `percentOf` rounds it, so a heat-map cell and the table never differ.
 */
export const formatPercent = (locale: string, share: number, digits = 0): string =>
  numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(percentOf(share, digits) / 100);

/**
 * A signed difference in points with its one decimal ("+4.0", "−3.2"), as every score is written:
 * "(−13)" beside "(−33.4)" read as two kinds of figure.
 */
export const formatSigned = (locale: string, value: number): string =>
  numberFormat(locale, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(value);

const dateStyles = {
  /** 26 Nov 2026 */
  date: { dateStyle: 'medium' },
  /** 26 November 2026 */
  longDate: { dateStyle: 'long' },
  /** 26 Nov 2026, 14:05 */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  /** 14:05:09 */
  time: { timeStyle: 'medium' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof dateStyles;

/**
 * A moment (a Date, or an ISO string from the API) in the language's way of writing it. A calendar
 * date without a time (`2026-11-26`) is read as that day, not as midnight UTC (which is the day
 * before west of Greenwich).
 */
export function formatDate(locale: string, value: Date | string, style: DateStyle = 'date'): string {
  const date =
    typeof value === 'string'
      ? /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? new Date(`${value}T12:00:00`)
        : new Date(value)
      : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return cached(`d|${locale}|${style}`, () => new Intl.DateTimeFormat(locale, dateStyles[style])).format(
    date,
  );
}
