import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ActionStatus, Figure, Verdict } from '../../domain/actions/action-types.ts';

export interface ActionTable {
  id: Generated<string>;
  organization_id: string;
  wave_id: string;
  /** null: the whole organization. */
  team_key: string | null;
  dimension: string;
  title: string;
  owner: string;
  steps: JSONColumnType<string[], string, string>;
  /** A calendar date; read back as YYYY-MM-DD text. */
  due_date: ColumnType<string, string, string>;
  status: Generated<ActionStatus>;
  baseline: JSONColumnType<Figure, string, string>;
  created_at: Generated<Date>;
  created_by: string;
  /** How many times it has been changed: a change names the revision it was made against. */
  revision: Generated<number>;
}

export interface ActionCheckInTable {
  id: Generated<string>;
  action_id: string;
  at: Date;
  author: string;
  status: ActionStatus | null;
  note: string | null;
}

export interface ActionOutcomeTable {
  action_id: string;
  wave_id: string;
  current: JSONColumnType<Figure | null, string | null, string | null>;
  delta: number | null;
  verdict: Verdict;
}

export interface SharedResultsLinkTable {
  token: string;
  wave_id: string;
  team_key: string;
  created_at: Generated<Date>;
}

export interface ActionTables {
  action: ActionTable;
  action_check_in: ActionCheckInTable;
  action_outcome: ActionOutcomeTable;
  shared_results_link: SharedResultsLinkTable;
}
