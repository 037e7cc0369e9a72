/**
 * Transitional: the shapes `server/domain/report/` and `server/db/wave-aggregates.ts` were
 * written against, where comments travelled inside the team sums. New code imports
 * aggregate-types.ts, aggregate-responses.ts and build-report.ts; delete this file once
 * nothing imports it.
 */

import { createAccumulator as createSumsAccumulator, type ResponseAnswers } from './aggregate-responses.ts';
import type {
  OrganizationAggregates,
  ScoredDimension,
  ScoredItem,
  TeamAggregates as TeamSums,
} from './aggregate-types.ts';
import { keyedValue } from './keyed-value.ts';

export type { Moments, ScoredDimension, ScoredItem } from './aggregate-types.ts';
export { addMoments, addValue, emptyMoments } from './moments.ts';

export type TeamAggregates = TeamSums & { comments: string[] };
export type OrganizationSums = OrganizationAggregates;

export interface WaveAggregates {
  teams: Record<string, TeamAggregates>;
  organization: OrganizationSums;
}

export interface RawResponse extends ResponseAnswers {
  comment: string | null;
}

export const keyed = keyedValue;

export function createAccumulator(items: ScoredItem[], dimensions: ScoredDimension[]) {
  const sums = createSumsAccumulator(items, dimensions);
  const comments = new Map<string, string[]>();
  return {
    add(response: RawResponse): void {
      sums.add(response);
      if (!comments.has(response.teamKey)) comments.set(response.teamKey, []);
      if (response.comment) comments.get(response.teamKey)!.push(response.comment);
    },
    result(): WaveAggregates {
      const { teams, organization } = sums.result();
      return {
        teams: Object.fromEntries(
          Object.entries(teams).map(([key, team]) => [key, { ...team, comments: comments.get(key) ?? [] }]),
        ),
        organization,
      };
    },
  };
}
