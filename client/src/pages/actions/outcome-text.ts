import type { MessageKey } from '../../i18n/en.ts';
import { formatNumber, formatSigned } from '../../i18n/format.ts';
import type { Action } from './action-types.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * An action's outcome in words a leader understands: the verdict, the two scores and the change,
 * written as the report writes scores and changes in the page's language. `inReport`: the outcome
 * is the one a closed wave's report measured, so none means that wave did not measure it (the
 * action was dropped, or the wave did not ask its dimension), not that no later wave has closed.
 */
export function outcomeText(action: Action, t: Translate, locale: string, inReport = false): string {
  const outcome = action.outcome;
  if (!outcome && inReport)
    return t(action.status === 'dropped' ? 'actions.notMeasuredDropped' : 'actions.notAsked');
  if (!outcome) return t('actions.notMeasured');
  const score = (value: number) => formatNumber(locale, value, 1);
  return t(`actions.verdict.${outcome.verdict}`, {
    from: score(action.baseline.score),
    to: outcome.current ? score(outcome.current.score) : '—',
    delta: outcome.delta === null ? '—' : formatSigned(locale, outcome.delta),
  });
}
