import type { Action } from '../../../../shared/contract/actions.ts';
import type { User } from '../../../../shared/contract/auth.ts';

/** An action as the API sends it: derived from the shared contract, never copied (type only). */
export type { Action };
export type ActionStatus = Action['status'];
export type Verdict = NonNullable<Action['outcome']>['verdict'];

export const STATUSES: readonly ActionStatus[] = ['planned', 'in-progress', 'done', 'dropped'];

/** Overdue: past its due date and neither done nor dropped. `today` is YYYY-MM-DD. */
export const isOverdue = (action: Pick<Action, 'dueDate' | 'status'>, today: string) =>
  action.dueDate < today && (action.status === 'planned' || action.status === 'in-progress');

/**
 * A day as the reader's own calendar names it (YYYY-MM-DD), `days` after `from`: a due date is a
 * day on their calendar, so "overdue" starts at their midnight, not at midnight in Greenwich.
 */
export function localDay(from: Date = new Date(), days = 0): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export const today = () => localDay();

/**
 * Whether `user` may commit to, or change, an action on `teamKey` in `organizationId`. A leader
 * limited to one team's subtree reads the organization's actions but acts only inside their part,
 * so the page offers them no form the server would refuse. Teams inside it are all theirs: the
 * list and the report send a scoped leader no other.
 */
export function mayActOn(
  user: User | null | undefined,
  organizationId: string,
  teamKey: string | null,
): boolean {
  if (!user || user.isAdmin || teamKey !== null) return true;
  const membership = user.memberships.find((m) => m.organizationId === organizationId);
  return !(membership?.role === 'leader' && membership.teamKey !== null);
}
