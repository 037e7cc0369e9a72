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
/** Levels of teams below the organization; a top-level team is level 1. */
export const MAX_DEPTH = 32;

export type ImportResult = { ok: true; teams: TeamInput[] } | { ok: false; errors: FieldProblem[] };

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Validates a whole hierarchy and reports every problem at once, each naming its row and
 * field, so a consultant can fix a spreadsheet in one pass.
 */
export function validateTeams(rows: RawTeamRow[], rowLabel: (row: number) => string): ImportResult {
  const errors: FieldProblem[] = [];
  const error = (row: number, field: string, message: string) =>
    errors.push({ field: `${rowLabel(row)}: ${field}`, message });
  if (rows.length === 0)
    return { ok: false, errors: [{ field: 'teams', message: 'at least one team is needed' }] };
  if (rows.length > MAX_TEAMS)
    return { ok: false, errors: [{ field: 'teams', message: `at most ${MAX_TEAMS} teams` }] };

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
        'must be 1 to 64 letters, digits, "-", "_" or ".", starting with a letter or digit',
      );
    } else if (rowOfKey.has(key)) {
      error(raw.row, 'key', `duplicate key "${key}" (first used in ${rowLabel(rowOfKey.get(key)!)})`);
    } else {
      rowOfKey.set(key, raw.row);
    }
    if (name.length === 0 || name.length > 200) error(raw.row, 'name', 'must be 1 to 200 characters');
    if (!blank(raw.headcount)) {
      const value = typeof raw.headcount === 'string' ? Number(raw.headcount.trim()) : raw.headcount;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
        error(
          raw.row,
          'headcount',
          `must be a whole number from 0 to 1000000 (got "${String(raw.headcount)}")`,
        );
      } else headcount = value;
    }
    teams.push({ row: raw.row, key, name, parentKey, headcount });
  }

  for (const team of teams) {
    if (team.parentKey === null) continue;
    if (team.parentKey === team.key) error(team.row, 'parent_key', 'a team cannot be its own parent');
    else if (!rowOfKey.has(team.parentKey))
      error(team.row, 'parent_key', `unknown parent "${team.parentKey}"`);
  }

  // One walk up the parent links, each team visited once (so linear, and without recursion: a
  // spreadsheet can be as deep as it likes): finds every cycle and every team's level.
  const parentOf = new Map(teams.map((t) => [t.key, t.parentKey]));
  const levelOf = new Map<string, number>();
  /** Teams whose level cannot be known: on or below a cycle, or below an unknown parent. */
  const unknown = new Set<string>();
  const rowOf = new Map<string, number>();
  for (const team of teams) if (!rowOf.has(team.key)) rowOf.set(team.key, team.row);
  const cycles: { row: number; message: string }[] = [];
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
          cycles.push({ row: rowOf.get(first)!, message: `cycle: ${ordered.join(' → ')} → ${first}` });
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
  for (const cycle of cycles) error(cycle.row, 'parent_key', cycle.message);

  // A top-level team is level 1. The first team below the limit, in the order of the file, is
  // named: its row is where the hierarchy has to be cut or flattened.
  const tooDeep = teams.find((t) => levelOf.get(t.key) === MAX_DEPTH + 1);
  if (tooDeep) {
    error(
      tooDeep.row,
      'parent_key',
      `"${tooDeep.key}" is at level ${MAX_DEPTH + 1}; a hierarchy has at most ${MAX_DEPTH} levels (a top-level team is level 1)`,
    );
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, teams: teams.map(({ row: _row, ...team }) => team) };
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
