import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatSigned,
  percentOf,
} from '../../client/src/i18n/format.ts';

describe('numbers, percentages and dates in the page’s language', () => {
  it('writes decimals with a comma in Spanish, French and German, and a point in English', () => {
    expect(formatNumber('en', 0.456, 2)).toBe('0.46');
    expect(formatNumber('es', 0.456, 2)).toBe('0,46');
    expect(formatNumber('de', -0.456, 2)).toBe('-0,46');
    expect(formatNumber('fr', 0.456, 2)).toBe('0,46');
    expect(formatNumber('es', 62)).toBe('62');
  });

  it('writes a percentage as each language does, spaces included', () => {
    expect(formatPercent('en', 0.734)).toBe('73%');
    // Spanish, French and German put a (no-break) space before the sign; French a narrow one.
    for (const locale of ['es', 'fr', 'de'])
      expect(formatPercent(locale, 0.734)).toBe(
        new Intl.NumberFormat(locale, { style: 'percent' }).format(0.73),
      );
    expect(formatPercent('fr', 0.734)).toMatch(/^73\s%$/u);
    expect(formatPercent('es', 0.734)).not.toBe('73%');
    expect(formatPercent('de', 0.1234, 1)).toBe(
      new Intl.NumberFormat('de', { style: 'percent', minimumFractionDigits: 1 }).format(0.123),
    );
  });

  it('rounds a share half away from zero on its decimal value, the same for every output', () => {
    // × 100 in binary: 57.4999…, 14.4999…, 28.9999…; each is the decimal's half or whole.
    for (const [share, whole] of [
      [0.575, 58],
      [0.145, 15],
      [0.29, 29],
      [0.0049, 0],
      [0.005, 1],
      [1, 100],
      [0, 0],
    ] as const) {
      expect(percentOf(share)).toBe(whole);
      expect(formatPercent('en', share)).toBe(`${whole}%`);
    }
    expect(percentOf(0.5755, 1)).toBe(57.6);
    expect(formatPercent('en', 0.5755, 1)).toBe('57.6%');
    // A difference of shares, below zero: away from zero, and never "−0".
    expect(percentOf(-0.075)).toBe(-8);
    expect(Object.is(percentOf(-0.004), 0)).toBe(true);
  });

  it('signs a change with its one decimal, as scores are written, in the language’s way', () => {
    // "(−13)" beside "(−33.4)" read as two kinds of figure.
    expect(formatSigned('en', 4)).toBe('+4.0');
    expect(formatSigned('en', -33.4)).toBe('-33.4');
    expect(formatSigned('en', 0)).toBe('0.0');
    expect(formatSigned('es', 2.5)).toBe('+2,5');
    expect(formatSigned('de', -3)).toBe(
      new Intl.NumberFormat('de', { signDisplay: 'exceptZero', minimumFractionDigits: 1 }).format(-3),
    );
  });

  it('groups thousands as the language does', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('de', 12345)).toBe('12.345');
    expect(formatNumber('fr', 12345)).toBe(new Intl.NumberFormat('fr').format(12345));
  });

  it('writes dates in the language’s order and words, and a calendar date as that very day', () => {
    const moment = '2026-11-26T14:05:09Z';
    expect(formatDate('es', moment, 'longDate')).toBe(
      new Intl.DateTimeFormat('es', { dateStyle: 'long' }).format(new Date(moment)),
    );
    expect(formatDate('es', moment, 'longDate')).toMatch(/noviembre/);
    expect(formatDate('de', moment, 'longDate')).toMatch(/November 2026/);
    expect(formatDate('fr', moment, 'dateTime')).toBe(
      new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(moment)),
    );
    // A due date has no time: it is that day wherever the reader is, not the evening before.
    expect(formatDate('en', '2026-03-01', 'longDate')).toBe('March 1, 2026');
    expect(formatDate('de', '2026-03-01', 'longDate')).toBe('1. März 2026');
  });

  it('leaves a value it cannot read as it came, rather than writing "Invalid Date"', () => {
    expect(formatDate('es', 'not a date')).toBe('not a date');
  });
});
