import type { Action } from '../../../../shared/contract/actions.ts';

/** An action as the API sends it: derived from the shared contract, never copied (type only). */
export type { Action };
export type ActionStatus = Action['status'];
export type Verdict = NonNullable<Action['outcome']>['verdict'];

export const STATUSES: readonly ActionStatus[] = ['planned', 'in-progress', 'done', 'dropped'];

/** Overdue: past its due date and neither done nor dropped. `today` is YYYY-MM-DD. */
export const isOverdue = (action: Pick<Action, 'dueDate' | 'status'>, today: string) =>
  action.dueDate < today && (action.status === 'planned' || action.status === 'in-progress');

export const today = () => new Date().toISOString().slice(0, 10);
