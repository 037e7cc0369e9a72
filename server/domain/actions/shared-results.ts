import type { Group, Report } from '../report/build-report.ts';
import type { ActionStatus, Figure } from './action-types.ts';

export interface SharedGroup {
  trustIndex: number | null;
  n: number | null;
  /** Each dimension's published cell, null where the report hides it. */
  dimensions: Record<string, Figure | null>;
}

export interface SharedAction {
  title: string;
  teamKey: string | null;
  dimension: string;
  /** The dimension's name in the page's language, also for one this wave's questionnaire lacks. */
  dimensionName: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
}

export interface SharedResults {
  anonymityThreshold: number;
  dimensions: { id: string; name: string; outcome: boolean }[];
  organization: { name: string; published: SharedGroup | null };
  team: { key: string; name: string; published: SharedGroup | null };
  actions: SharedAction[];
}

const published = (group: Group | undefined): SharedGroup | null =>
  !group || group.suppressed
    ? null
    : {
        trustIndex: group.trustIndex,
        n: group.n,
        dimensions: Object.fromEntries(
          Object.entries(group.dimensions).map(([id, cell]) => [
            id,
            cell && { score: cell.score, n: cell.n, ci95: cell.ci95 },
          ]),
        ),
      };

/**
 * What employees of one team see of a closed wave: cut from the wave's one report, never
 * recomputed, so it shows exactly the decisions every leader sees (R3) and nothing the report
 * hides (R1, R2): a hidden team gets the organization's figures only. No comments, no items and
 * no other team: the page is the organization's results and the team's own, and no more.
 */
export function sharedResults(
  report: Report,
  team: { key: string; name: string },
  actions: readonly SharedAction[],
): SharedResults {
  return {
    anonymityThreshold: report.anonymityThreshold,
    dimensions: report.dimensions,
    organization: { name: report.organization.name, published: published(report.organization) },
    team: {
      key: team.key,
      name: team.name,
      published: published(report.groups.find((g) => g.teamKey === team.key)),
    },
    actions: actions.filter((a) => a.teamKey === null || a.teamKey === team.key),
  };
}
