import type { ScoredItem, WaveAggregates } from '../scoring/aggregates.ts';
import type { Cell } from '../scoring/cells.ts';
import type { Driver } from '../scoring/reliability.ts';
import type { CompactAggregates } from '../scoring/sums-table.ts';
import type { SuppressionReason } from '../suppression/suppress.ts';
import type { PublishedFigures, PublishedText } from './published-figures.ts';

export interface ReportTeam {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface ReportDimension {
  id: string;
  name: string;
  outcome: boolean;
  recommendations: string[];
}

export interface Group {
  /** null for the organization as a whole. */
  teamKey: string | null;
  name: string;
  parentKey: string | null;
  depth: number;
  suppressed: boolean;
  suppressionReason?: SuppressionReason;
  /** Respondents; null when suppressed (R1: not even n is published). */
  n: number | null;
  trustIndex: number | null;
  dimensions: Record<string, Cell | null>;
  items?: Record<string, Cell | null>;
}

export interface Hotspot {
  teamKey: string;
  teamName: string;
  dimension: string;
  score: number;
  delta: number;
  recommendations: string[];
}

export interface Report {
  anonymityThreshold: number;
  dimensions: { id: string; name: string; outcome: boolean }[];
  organization: Group;
  groups: Group[];
  hotspots: Hotspot[];
  drivers: Driver[];
  reliability: Record<string, { alpha: number | null; n: number }>;
  /** Open answers, only for groups large enough under R5, shuffled, without dates. */
  comments: { teamKey: string | null; name: string; comments: string[] }[];
}

/**
 * What a group is placed and counted by, without its figures: all that cutting a slice or a
 * leader's subtree, and a leader's participation, read of it.
 */
export type GroupOutline = Pick<Group, 'teamKey' | 'name' | 'parentKey' | 'suppressed' | 'n'>;

export interface ReportInput {
  organizationName: string;
  /** Teams in depth-first order. */
  teams: ReportTeam[];
  /** Either form: the plain objects tests build, or the table the stored sums decode into. */
  aggregates: WaveAggregates | CompactAggregates;
  dimensions: ReportDimension[];
  items: ScoredItem[];
  k: number;
  withItems: boolean;
  /** The previous closed wave's figures (or report), for trends matched by team key and id. */
  previous?: PublishedFigures | PublishedText | null;
  /**
   * Groups given no trend, their people not the same in the previous wave (`changedPopulations`;
   * the organization as ''): a change there would compare two different sets of teams.
   */
  changedSincePrevious?: readonly string[];
}
