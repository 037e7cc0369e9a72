import type { FieldProblem } from '../field-problem.ts';

export interface TeamInput {
  key: string;
  name: string;
  parentKey: string | null;
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

  // Cycles: walk up from every team; meeting the start again means a loop.
  const parentOf = new Map(teams.map((t) => [t.key, t.parentKey]));
  const reported = new Set<string>();
  for (const team of teams) {
    if (team.parentKey === team.key) continue; // already reported as its own parent
    const seen = new Set<string>([team.key]);
    let current = parentOf.get(team.key) ?? null;
    while (current !== null && parentOf.has(current)) {
      if (seen.has(current)) {
        if (current === team.key && !reported.has(team.key)) {
          const loop = [...seen].join(' → ');
          error(team.row, 'parent_key', `cycle: ${loop} → ${team.key}`);
          for (const key of seen) reported.add(key);
        }
        break;
      }
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, teams: teams.map(({ row: _row, ...team }) => team) };
}

export interface TeamNode extends TeamInput {
  depth: number;
}

/** Depth-first order, siblings in the order given: the order reports and the console show. */
export function depthFirst(teams: TeamInput[]): TeamNode[] {
  const children = new Map<string | null, TeamInput[]>();
  for (const team of teams) children.set(team.parentKey, [...(children.get(team.parentKey) ?? []), team]);
  const ordered: TeamNode[] = [];
  const visit = (parentKey: string | null, depth: number) => {
    for (const team of children.get(parentKey) ?? []) {
      ordered.push({ ...team, depth });
      visit(team.key, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** The keys of a team and everything below it. */
export function subtreeKeys(teams: TeamInput[], rootKey: string): Set<string> {
  const keys = new Set<string>([rootKey]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const team of teams) {
      if (team.parentKey !== null && keys.has(team.parentKey) && !keys.has(team.key)) {
        keys.add(team.key);
        grew = true;
      }
    }
  }
  return keys;
}
