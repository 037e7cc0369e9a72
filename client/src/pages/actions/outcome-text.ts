import type { MessageKey } from '../../i18n/en.ts';
import { formatNumber, formatSigned } from '../../i18n/format.ts';
import type { Action } from './action-types.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * An action's outcome in words a leader understands: the verdict, the two scores and the change,
 * written as the report writes scores and changes in the page's language. `report`: the outcome is
 * the one that closed wave measured, so none means it did not measure it: its questionnaire did not
 * ask the dimension, the action was dropped when it closed, or neither is known to be why.
 */
export function outcomeText(
  action: Action,
  t: Translate,
  locale: string,
  report?: { dimensions: readonly string[] },
): string {
  const outcome = action.outcome;
  if (!outcome && report) {
    if (!report.dimensions.includes(action.dimension)) return t('actions.notAsked');
    return t(action.status === 'dropped' ? 'actions.notMeasuredDropped' : 'actions.notMeasuredHere');
  }
  if (action.outcomeOutsideScope) return t('actions.measuredOutsideScope');
  if (!outcome) return t('actions.notMeasured');
  const score = (value: number) => formatNumber(locale, value, 1);
  return t(`actions.verdict.${outcome.verdict}`, {
    from: score(action.baseline.score),
    to: outcome.current ? score(outcome.current.score) : '—',
    delta: outcome.delta === null ? '—' : formatSigned(locale, outcome.delta),
  });
}

/**
 * The outcome on the actions page, which no report frames: it names the wave that measured it,
 * so a reader with another wave's report open does not take it for that one's.
 */
export function outcomeTextWithWave(action: Action, t: Translate, locale: string): string {
  const text = outcomeText(action, t, locale);
  if (!action.outcome || action.outcomeOutsideScope) return text;
  return t('actions.measuredIn', { wave: action.outcome.waveTitle, outcome: text });
}
