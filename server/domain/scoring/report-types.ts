import type { SuppressionReason } from '../suppression/suppress.ts';
import type { Cell } from './cell.ts';
import type { Reliability } from './cronbach-alpha.ts';
import type { Driver } from './drivers.ts';
import type { Hotspot } from './hotspots.ts';

export interface ReportTeam {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface ReportDimension {
  id: string;
  name: string;
  /** The outcome dimension (execution): outside the Trust Index, the target of the drivers. */
  outcome: boolean;
}

export interface Group {
  /** null for the organization as a whole. */
  teamKey: string | null;
  name: string;
  parentKey: string | null;
  /** 0 for the organization, 1 for teams directly under it, and so on. */
  depth: number;
  suppressed: boolean;
  suppressionReason?: SuppressionReason;
  /** Respondents, rolled up; null when suppressed (R1: not even n is published). */
  n: number | null;
  trustIndex: number | null;
  /** Per dimension id; null where suppressed. */
  dimensions: Record<string, Cell | null>;
  /** Per item id, only when items were asked for; null where suppressed. */
  items?: Record<string, Cell | null>;
}

export interface CommentGroup {
  teamKey: string | null;
  name: string;
  /** Shuffled with a per-wave seed, no dates (R5). */
  comments: string[];
}

export interface Report {
  anonymityThreshold: number;
  dimensions: ReportDimension[];
  organization: Group;
  /** Every team of the wave, depth first (siblings in the order given), the organization excluded. */
  groups: Group[];
  hotspots: Hotspot[];
  /** Organization level, at least 30 paired respondents, strongest first; empty if the organization is suppressed. */
  drivers: Driver[];
  /** Organization level, per dimension id; null below 30 complete respondents or when alpha is undefined. */
  reliability: Record<string, Reliability | null>;
  /** Only groups shown under R5, in depth-first order. */
  comments: CommentGroup[];
}
