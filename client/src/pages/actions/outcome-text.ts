import type { MessageKey } from '../../i18n/en.ts';
import type { Action } from './action-types.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const signed = (value: number) => `${value > 0 ? '+' : ''}${value}`;

/** An action's outcome in words a leader understands: the verdict, the two scores and the change. */
export function outcomeText(action: Action, t: Translate): string {
  const outcome = action.outcome;
  if (!outcome) return t('actions.notMeasured');
  return t(`actions.verdict.${outcome.verdict}`, {
    from: action.baseline.score,
    to: outcome.current?.score ?? '—',
    delta: outcome.delta === null ? '—' : signed(outcome.delta),
  });
}
