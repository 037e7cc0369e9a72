import { describe, expect, it } from 'vitest';
import { answersOf, hasMail, percent } from '../../client/src/pages/console/progress-figures.ts';
import type { ProgressRow } from '../../client/src/pages/console/wave-types.ts';

const row = (mail: Partial<ProgressRow['mail']>): ProgressRow => ({
  teamKey: 'ops',
  teamName: 'Operations',
  parentKey: null,
  depth: 0,
  responses: 3,
  headcount: 5,
  rate: 0.6,
  full: false,
  subtree: { responses: 3, headcount: 5, rate: 0.6 },
  belowTarget: false,
  mail: { recipients: 0, queued: 0, sent: 0, failed: 0, ...mail },
});

describe('participation figures in the consultant view', () => {
  it('rounds rates down, so a team flagged below 60 % never reads 60 %', () => {
    // The server truncates to thousandths: 0.599 is below target and must not show as 60 %.
    expect(percent(0.599, 'en')).toBe('59%');
    expect(percent(0.6, 'en')).toBe('60%');
    // 0.29 × 100 is 28.999… in floating point; the figure is still 29 %.
    expect(percent(0.29, 'en')).toBe('29%');
    expect(percent(0.57, 'en')).toBe('57%');
    expect(percent(1, 'en')).toBe('100%');
    // Rates other views send untruncated read the same: 119 of 200 is 59 % everywhere, never 60 %.
    expect(percent(119 / 200, 'en')).toBe('59%');
    expect(percent(0.59996, 'en')).toBe('59%');
    expect(percent(7 / 10, 'en')).toBe('70%');
    expect(percent(0, 'en')).toBe('0%');
    expect(percent(null, 'en')).toBe('—');
  });

  it('writes the rate the way the page’s language writes a percentage', () => {
    expect(percent(0.599, 'es')).toBe(new Intl.NumberFormat('es', { style: 'percent' }).format(0.59));
    expect(percent(0.599, 'de')).not.toBe('59%');
  });

  it('shows answers against headcount, or answers alone when nobody counted the team', () => {
    expect(answersOf({ responses: 12, headcount: 20, rate: 0.6 }, 'en')).toBe('12 / 20');
    expect(answersOf({ responses: 4, headcount: null, rate: null }, 'en')).toBe('4');
    // A large organization's totals are grouped as the page's language groups thousands.
    expect(answersOf({ responses: 1204, headcount: 2000, rate: 0.602 }, 'de')).toBe('1.204 / 2.000');
  });

  it('shows mail columns only once a list was uploaded or a message went out', () => {
    expect(hasMail({ total: { responses: 0, headcount: 5, rate: 0 }, teams: [row({})] })).toBe(false);
    expect(
      hasMail({ total: { responses: 0, headcount: 5, rate: 0 }, teams: [row({}), row({ recipients: 1 })] }),
    ).toBe(true);
    // After close the list is gone but what was sent stays.
    expect(hasMail({ total: { responses: 0, headcount: 5, rate: 0 }, teams: [row({ sent: 4 })] })).toBe(true);
  });
});
