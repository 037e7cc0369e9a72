import type { FieldProblem } from '../field-problem.ts';
import {
  fieldProblems,
  type RawTeamRow,
  type TeamInput,
  type TeamProblem,
  validateTeams,
} from './team-import.ts';

/** What saving an import would do to the stored hierarchy. */
export interface TeamChanges {
  added: number;
  removed: number;
  /** Kept teams whose parent changes. */
  moved: number;
  /** Kept teams whose name or headcount changes. */
  renamed: number;
  unchanged: number;
}

/**
 * Teams that have responses cannot be removed, or those answers would lose their place. The save
 * asks this again inside its transaction (an answer can arrive between preview and save).
 */
export function removalProblems(teams: readonly TeamInput[], answeredKeys: readonly string[]): TeamProblem[] {
  const kept = new Set(teams.map((t) => t.key));
  return answeredKeys
    .filter((key) => !kept.has(key))
    .map((key) => ({
      row: null,
      column: null,
      code: 'hasResponses' as const,
      values: { key },
      message: `team "${key}" has responses and cannot be removed; keep it in the hierarchy`,
    }));
}

/** A team taking part in a wave that is open now, and that wave's title. */
export interface TeamInOpenWave {
  key: string;
  wave: string;
}

/**
 * Teams in an open wave cannot be removed either: the team's row is its place in the wave, so
 * removing it would end its link for everyone who has it, with its codes and recipients, and
 * importing it again would make a new team that the wave does not have. The save asks this again
 * inside its transaction, after closing the waves past their deadline. A team with responses is
 * named once, for its responses.
 */
export function openWaveProblems(
  teams: readonly TeamInput[],
  inOpenWaves: readonly TeamInOpenWave[],
  answeredKeys: readonly string[],
): TeamProblem[] {
  const kept = new Set([...teams.map((t) => t.key), ...answeredKeys]);
  const named = new Set<string>();
  const problems: TeamProblem[] = [];
  for (const { key, wave } of inOpenWaves) {
    if (kept.has(key) || named.has(key)) continue;
    named.add(key);
    problems.push({
      row: null,
      column: null,
      code: 'inOpenWave',
      values: { key, wave },
      message: `team "${key}" takes part in the open wave "${wave}" and cannot be removed until it closes; keep it in the hierarchy`,
    });
  }
  return problems;
}

export function teamChanges(current: readonly TeamInput[], next: readonly TeamInput[]): TeamChanges {
  const before = new Map(current.map((team) => [team.key, team]));
  const changes: TeamChanges = { added: 0, removed: 0, moved: 0, renamed: 0, unchanged: 0 };
  const kept = new Set<string>();
  for (const team of next) {
    const old = before.get(team.key);
    if (!old) {
      changes.added++;
      continue;
    }
    kept.add(team.key);
    const moved = old.parentKey !== team.parentKey;
    const renamed = old.name !== team.name || old.headcount !== team.headcount;
    if (moved) changes.moved++;
    if (renamed) changes.renamed++;
    if (!moved && !renamed) changes.unchanged++;
  }
  changes.removed = current.filter((team) => !kept.has(team.key)).length;
  return changes;
}

export type ImportPlan =
  | { ok: true; teams: TeamInput[]; changes: TeamChanges }
  | { ok: false; problems: TeamProblem[]; errors: FieldProblem[] };

/**
 * Everything the save checks, against the hierarchy as stored now: the preview answers with this,
 * and the save refuses exactly what it refuses (with 400 for the file's problems and 409 for a
 * removal the stored answers forbid).
 */
export function planTeamImport(
  rows: RawTeamRow[],
  rowLabel: (row: number) => string,
  current: {
    teams: readonly TeamInput[];
    answeredKeys: readonly string[];
    inOpenWaves: readonly TeamInOpenWave[];
  },
): ImportPlan {
  const result = validateTeams(rows, rowLabel);
  if (!result.ok) return { ok: false, problems: result.problems, errors: result.errors };
  const removals = [
    ...removalProblems(result.teams, current.answeredKeys),
    ...openWaveProblems(result.teams, current.inOpenWaves, current.answeredKeys),
  ];
  if (removals.length > 0)
    return { ok: false, problems: removals, errors: fieldProblems(removals, rowLabel) };
  return { ok: true, teams: result.teams, changes: teamChanges(current.teams, result.teams) };
}
