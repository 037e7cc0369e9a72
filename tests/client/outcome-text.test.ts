import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../../client/src/i18n/en.ts';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import type { Action } from '../../client/src/pages/actions/action-types.ts';
import { outcomeText, outcomeTextWithWave } from '../../client/src/pages/actions/outcome-text.ts';

const action = (status: Action['status'], outcome: Action['outcome']) =>
  ({ status, outcome, baseline: { score: 48.25, n: 12, ci95: [40, 56] } }) as unknown as Action;
const said = (locale: string) => (key: MessageKey, values?: Record<string, string | number>) =>
  translate(locale, key, values);

describe("an action's outcome in words", () => {
  it('says in a report why that wave measured nothing, and elsewhere that nothing has closed since', () => {
    const t = said('en');
    const asked = { dimensions: ['ownership', 'authority'] };
    const ownership = (status: Action['status']) => ({ ...action(status, null), dimension: 'ownership' });
    expect(outcomeText(ownership('dropped'), t, 'en', asked)).toBe(
      'Not measured: it was dropped before this wave closed.',
    );
    expect(outcomeText(ownership('in-progress'), t, 'en', asked)).toBe('Not measured by this wave.');
    expect(outcomeText(ownership('dropped'), t, 'en', { dimensions: ['authority'] })).toBe(
      'Not measured: this wave did not ask about this dimension.',
    );
    expect(outcomeText(action('planned', null), t, 'en')).toBe('Not measured yet: no later wave has closed.');
    // Measured where the team lay outside the reader's part: withheld, and not "not measured yet".
    expect(outcomeText({ ...action('planned', null), outcomeOutsideScope: true }, t, 'en')).toBe(
      'Measured by a later wave in which this team was outside your part of the organization, so its result is not shown to you.',
    );
  });

  it('gives the two scores and the change as the report writes them, in the reader’s language', async () => {
    await loadCatalog('de');
    const measured = action('done', {
      waveId: '00000000-0000-4000-8000-000000000000',
      waveTitle: 'Winter pulse',
      current: { score: 55.5, n: 14, ci95: [50, 61] },
      delta: 7.2,
      verdict: 'improved',
    } as Action['outcome']);
    expect(outcomeText(measured, said('de'), 'de')).toContain('48,3 → 55,5 (+7,2)');
    // On the actions page, which no report frames, the line names the wave that measured it.
    expect(outcomeTextWithWave(measured, said('de'), 'de')).toMatch(
      /^Gemessen in Winter pulse: .*48,3 → 55,5/,
    );
    expect(outcomeTextWithWave(action('planned', null), said('en'), 'en')).toBe(
      'Not measured yet: no later wave has closed.',
    );
    const hidden = action('done', {
      waveId: '00000000-0000-4000-8000-000000000000',
      current: null,
      delta: null,
      verdict: 'not-measurable',
    } as Action['outcome']);
    expect(outcomeText(hidden, said('en'), 'en')).toMatch(
      /hidden for anonymity, the team is gone, or it asked other teams/,
    );
  });
});
