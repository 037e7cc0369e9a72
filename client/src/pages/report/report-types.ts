import type { Action } from '../actions/action-types.ts';

export interface Cell {
  n: number;
  mean: number;
  score: number;
  favorable: number;
  neutral: number;
  unfavorable: number;
  ci95: [number, number];
  rwg: number | null;
  delta: number | null;
  trend?: { previousScore: number; change: number; significant: boolean };
}

export interface Group {
  teamKey: string | null;
  name: string;
  parentKey: string | null;
  depth: number;
  suppressed: boolean;
  suppressionReason?: 'below-threshold' | 'complementary';
  n: number | null;
  trustIndex: number | null;
  dimensions: Record<string, Cell | null>;
  items?: Record<string, Cell | null>;
}

export interface Report {
  wave: {
    id: string;
    title: string;
    status: string;
    questionnaire: { key: string; version: string };
    closedAt: string | null;
  };
  anonymityThreshold: number;
  dimensions: { id: string; name: string; outcome: boolean }[];
  organization: Group;
  groups: Group[];
  hotspots: {
    teamKey: string;
    teamName: string;
    dimension: string;
    score: number;
    delta: number;
    recommendations: string[];
  }[];
  drivers: { dimension: string; correlation: number; n: number }[];
  reliability: Record<string, { alpha: number | null; n: number }>;
  comments: { teamKey: string | null; name: string; comments: string[] }[];
  /** Earlier waves' actions, each with its outcome in this wave (always sent; optional for fixtures). */
  actions?: Action[];
}

/** `change`: the change since the previous wave, for cells both waves showed. */
export type HeatmapView = 'score' | 'favorable' | 'delta' | 'change';

/** Below this, a team's mean hides a split rather than describing a shared view. */
export const LOW_AGREEMENT = 0.5;

/**
 * Why a figure is missing, as precisely as the report says: a group below k, a group hidden so
 * that a smaller one cannot be worked out by subtraction, or one cell of a shown group (too few
 * answered that question or dimension, or the cell protects a smaller one).
 */
export type HiddenReason = 'below-threshold' | 'complementary' | 'cell';

export const hiddenReason = (group: Group): HiddenReason =>
  group.suppressed ? (group.suppressionReason ?? 'below-threshold') : 'cell';
