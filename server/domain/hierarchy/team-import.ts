import { CONTROL_CHARACTER, showsNothing } from '../../../shared/contract/display-text.ts';
import type { FieldProblem } from '../field-problem.ts';
import { Hierarchy } from './hierarchy.ts';

export interface TeamInput {
  key: string;
  name: string;
  parentKey: string | null;
  /**
   * People expected to answer in this team, not counting sub-teams: what its link's answer cap
   * and the progress view's rates are measured against. null when not known.
   */
  headcount: number | null;
}

/** One row as it arrived, before validation; `row` is what the person sees (CSV line or list index). */
export interface RawTeamRow {
  row: number;
  key: unknown;
  name: unknown;
  parentKey: unknown;
  headcount: unknown;
}

export const TEAM_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const MAX_TEAMS = 5000;

/**
 * A cell quoted back in a message, cut at 80 characters: one 100 KB cell repeated in every row
 * would otherwise be copied into every problem and make an answer of gigabytes.
 */
const QUOTED_LENGTH = 80;
const clipped = (value: string) =>
  value.length > QUOTED_LENGTH ? `${value.slice(0, QUOTED_LENGTH)}…` : value;
const quoted = (value: string) => `"${clipped(value)}"`;
/** Levels of teams below the organization; a top-level team is level 1. */
export const MAX_DEPTH = 32;

/** A column of the import's own format, where a row problem sits. */
export type TeamColumn = 'key' | 'name' | 'parent_key' | 'headcount';

/**
 * One problem of an import, with a stable code and values so the console can say it in the
 * person's language beside its row; `message` says it in English for the API. `row` is null for a
 * problem of the whole list.
 */
export interface TeamProblem {
  row: number | null;
  column: TeamColumn | null;
  code:
    | 'noTeams'
    | 'tooManyTeams'
    | 'badKey'
    | 'duplicateKey'
    | 'badName'
    | 'controlInName'
    | 'nameShowsNothing'
    | 'badHeadcount'
    | 'ownParent'
    | 'unknownParent'
    | 'cycle'
    | 'tooDeep'
    | 'hasResponses'
    | 'inOpenWave'
    | 'scopesMember'
    | 'scopesMemberGone'
    | 'keyOfPastTeam';
  values: Record<string, string | number>;
  message: string;
}

export type ImportResult =
  | { ok: true; teams: TeamInput[] }
  | { ok: false; errors: FieldProblem[]; problems: TeamProblem[] };

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Problems as the API names them: `row 3: parent_key`, or `teams` for the whole list. */
export function fieldProblems(
  problems: readonly TeamProblem[],
  rowLabel: (row: number) => string,
): FieldProblem[] {
  return problems.map((p) => ({
    field: p.row === null ? 'teams' : `${rowLabel(p.row)}: ${p.column}`,
    message: p.message,
  }));
}

/**
 * Validates a whole hierarchy and reports every problem at once, each naming its row and
 * field, so a consultant can fix a spreadsheet in one pass. The console's preview and the save
 * both call this, so a preview without problems is a save that passes.
 */
export function validateTeams(rows: RawTeamRow[], rowLabel: (row: number) => string): ImportResult {
  const problems = checkTeams(rows, rowLabel);
  if (problems.problems.length > 0)
    return { ok: false, problems: problems.problems, errors: fieldProblems(problems.problems, rowLabel) };
  return { ok: true, teams: problems.teams };
}

function checkTeams(
  rows: RawTeamRow[],
  rowLabel: (row: number) => string,
): { teams: TeamInput[]; problems: TeamProblem[] } {
  const problems: TeamProblem[] = [];
  const error = (
    row: number,
    column: TeamColumn,
    code: TeamProblem['code'],
    message: string,
    values: TeamProblem['values'] = {},
  ) => problems.push({ row, column, code, values, message });
  if (rows.length === 0)
    return {
      teams: [],
      problems: [
        { row: null, column: null, code: 'noTeams', values: {}, message: 'at least one team is needed' },
      ],
    };
  if (rows.length > MAX_TEAMS)
    return {
      teams: [],
      problems: [
        {
          row: null,
          column: null,
          code: 'tooManyTeams',
          values: { max: MAX_TEAMS, count: rows.length },
          message: `at most ${MAX_TEAMS} teams (this has ${rows.length})`,
        },
      ],
    };

  const teams: (TeamInput & { row: number })[] = [];
  const rowOfKey = new Map<string, number>();
  for (const raw of rows) {
    const key = typeof raw.key === 'string' ? raw.key.trim() : '';
    const name = typeof raw.name === 'string' ? raw.name.trim() : '';
    const parentKey = blank(raw.parentKey)
      ? null
      : typeof raw.parentKey === 'string'
        ? raw.parentKey.trim()
        : String(raw.parentKey);
    let headcount: number | null = null;
    if (!TEAM_KEY_PATTERN.test(key)) {
      error(
        raw.row,
        'key',
        'badKey',
        'must be 1 to 64 letters, digits, "-", "_" or ".", starting with a letter or digit',
      );
    } else if (rowOfKey.has(key)) {
      const first = rowOfKey.get(key)!;
      error(raw.row, 'key', 'duplicateKey', `duplicate key "${key}" (first used in ${rowLabel(first)})`, {
        key,
        row: first,
      });
    } else {
      rowOfKey.set(key, raw.row);
    }
    if (name.length === 0 || name.length > 200)
      error(raw.row, 'name', 'badName', 'must be 1 to 200 characters');
    // A zero-width space alone is a name no one can read or click (display-text.ts).
    else if (showsNothing(name))
      error(raw.row, 'name', 'nameShowsNothing', 'must show at least one letter, digit or sign');
    // A line break in a name ends a row for any CSV reader that ignores quotes, and what follows
    // (`=...`) would start a cell of its own there; tabs and other control characters are no
    // part of a name either.
    else if (CONTROL_CHARACTER.test(name))
      error(
        raw.row,
        'name',
        'controlInName',
        'must not contain line breaks, tabs or other control characters',
      );
    if (!blank(raw.headcount)) {
      const value = typeof raw.headcount === 'string' ? Number(raw.headcount.trim()) : raw.headcount;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
        error(
          raw.row,
          'headcount',
          'badHeadcount',
          `must be a whole number from 0 to 1000000 (got ${quoted(String(raw.headcount))})`,
          { value: clipped(String(raw.headcount)) },
        );
      } else headcount = value;
    }
    teams.push({ row: raw.row, key, name, parentKey, headcount });
  }

  for (const team of teams) {
    if (team.parentKey === null) continue;
    if (team.parentKey === team.key)
      error(team.row, 'parent_key', 'ownParent', 'a team cannot be its own parent');
    else if (!rowOfKey.has(team.parentKey))
      error(team.row, 'parent_key', 'unknownParent', `unknown parent ${quoted(team.parentKey)}`, {
        parent: clipped(team.parentKey),
      });
  }
  // One walk up the parent links, each team visited once (so linear, and without recursion: a
  // spreadsheet can be as deep as it likes): finds every cycle and every team's level.
  const parentOf = new Map(teams.map((t) => [t.key, t.parentKey]));
  const levelOf = new Map<string, number>();
  /** Teams whose level cannot be known: on or below a cycle, or below an unknown parent. */
  const unknown = new Set<string>();
  const rowOf = new Map<string, number>();
  for (const team of teams) if (!rowOf.has(team.key)) rowOf.set(team.key, team.row);
  const cycles: { row: number; cycle: string }[] = [];
  for (const team of teams) {
    if (levelOf.has(team.key) || unknown.has(team.key)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | null = team.key;
    let base: number | null = 0;
    while (current !== null) {
      const known = levelOf.get(current);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (unknown.has(current) || !parentOf.has(current)) {
        base = null;
        break;
      }
      const at = onPath.get(current);
      if (at !== undefined) {
        base = null;
        // A team that is its own parent is already reported above.
        const loop = path.slice(at);
        if (loop.length > 1) {
          // Named from the loop's first row, as a person reading the file meets it.
          const first = loop.reduce((a, b) => (rowOf.get(b)! < rowOf.get(a)! ? b : a));
          const from = loop.indexOf(first);
          const ordered = [...loop.slice(from), ...loop.slice(0, from)];
          const cycle = `${ordered.join(' → ')} → ${first}`;
          cycles.push({ row: rowOf.get(first)!, cycle });
        }
        break;
      }
      onPath.set(current, path.length);
      path.push(current);
      current = parentOf.get(current) ?? null;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      if (base === null) unknown.add(path[i]!);
      else levelOf.set(path[i]!, ++base);
    }
  }
  cycles.sort((a, b) => a.row - b.row);
  for (const { row, cycle } of cycles) error(row, 'parent_key', 'cycle', `cycle: ${cycle}`, { cycle });

  // A top-level team is level 1. The first team below the limit, in the order of the file, is
  // named: its row is where the hierarchy has to be cut or flattened.
  const tooDeep = teams.find((t) => levelOf.get(t.key) === MAX_DEPTH + 1);
  if (tooDeep) {
    error(
      tooDeep.row,
      'parent_key',
      'tooDeep',
      `"${tooDeep.key}" is at level ${MAX_DEPTH + 1}; a hierarchy has at most ${MAX_DEPTH} levels (a top-level team is level 1)`,
      { key: tooDeep.key, level: MAX_DEPTH + 1, max: MAX_DEPTH },
    );
  }

  return { teams: teams.map(({ row: _row, ...team }) => team), problems };
}

export interface TeamNode extends TeamInput {
  depth: number;
}

/**
 * Depth-first order, siblings in the order given: the order reports and the console show. Pass
 * the hierarchy when it is already built.
 */
export function depthFirst(
  teams: readonly TeamInput[],
  hierarchy: Hierarchy = Hierarchy.from(teams),
): TeamNode[] {
  const byKey = new Map(teams.map((team) => [team.key, team]));
  return hierarchy.depthFirst.map((key) => ({ ...byKey.get(key)!, depth: hierarchy.depth(key) }));
}
