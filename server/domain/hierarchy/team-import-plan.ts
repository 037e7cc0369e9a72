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

/**
 * A leader's access may be limited to a team by its key (no foreign key: an invitation names a
 * team before anyone accepts it). Removing that team would leave the limit pointing at nothing,
 * and a team imported later under the same key would silently hand that leader its subtree. So the
 * limit is changed or removed first. A limit already pointing at nothing (its team removed before
 * imports checked this) does not stop an import, only one that brings a team of that key back.
 * The save asks this again inside its transaction, under the hierarchy's lock that a change of
 * someone's limit also waits for.
 */
export function scopeProblems(
  teams: readonly TeamInput[],
  currentKeys: readonly string[],
  scopedKeys: readonly string[],
): TeamProblem[] {
  const kept = new Set(teams.map((t) => t.key));
  const existing = new Set(currentKeys);
  return [...new Set(scopedKeys)].flatMap((key): TeamProblem[] => {
    if (existing.has(key) && !kept.has(key))
      return [
        {
          row: null,
          column: null,
          code: 'scopesMember',
          values: { key },
          message: `a member's access is limited to team "${key}", so it cannot be removed; change or remove that member's scope first`,
        },
      ];
    if (!existing.has(key) && kept.has(key))
      return [
        {
          row: null,
          column: null,
          code: 'scopesMemberGone',
          values: { key },
          message: `a member's access is limited to team "${key}", which no longer exists; a new team with that key would open its part to them: change or remove that member's scope first, or give the team another key`,
        },
      ];
    return [];
  });
}

/**
 * A closed wave froze its tree by team key, and what came after it (its actions and their
 * outcomes, its shared results, a leader's part of its report, the next wave's trends) finds its
 * teams by that key. A team removed since, whose key a new team then takes, would take over that
 * history: a leader of the new team would read and change the old one's actions, and its people
 * would see them on their shared page. So a removed team's key is not given to a new team.
 * `pastKeys`: the keys of closed waves' trees, with a wave that had each.
 */
export function pastTeamProblems(
  teams: readonly TeamInput[],
  currentKeys: readonly string[],
  pastKeys: readonly { key: string; wave: string }[],
): TeamProblem[] {
  const existing = new Set(currentKeys);
  const past = new Map(pastKeys.map(({ key, wave }) => [key, wave]));
  return teams.flatMap((team): TeamProblem[] => {
    const wave = past.get(team.key);
    if (wave === undefined || existing.has(team.key)) return [];
    return [
      {
        row: null,
        column: null,
        code: 'keyOfPastTeam',
        values: { key: team.key, wave },
        message: `the key "${team.key}" belonged to a team of the closed wave "${wave}" that was removed since; a new team with it would take over that team's history (its actions, shared results and trends): give it another key`,
      },
    ];
  });
}

/** A team of a wave still in draft, with what its place in that wave holds. */
export interface TeamInDraftWave {
  waveId: string;
  wave: string;
  key: string;
  /** Recipients listed for the team in that wave (not taken off the list). */
  recipients: number;
  /** Personal codes issued for the team in that wave. */
  personalCodes: number;
}

/** What a draft wave loses when an import removes some of its teams. */
export interface DraftWaveLoss {
  waveId: string;
  wave: string;
  /** The keys of its teams the import removes, in key order. */
  teams: string[];
  recipients: number;
  personalCodes: number;
  /** Its teams the import keeps: at 0 the draft can no longer open. */
  teamsLeft: number;
}

/**
 * A draft wave may lose teams (unlike an open one, nobody has its links yet), but its place for a
 * removed team goes with that team: the recipients listed for it and the personal codes issued
 * for it are deleted, and importing the team again makes a new team the draft does not have. The
 * preview says so per draft, before the save, and the save's answer and audit entry record it.
 */
export function draftWaveLosses(
  teams: readonly TeamInput[],
  inDraftWaves: readonly TeamInDraftWave[],
): DraftWaveLoss[] {
  const kept = new Set(teams.map((t) => t.key));
  const byWave = new Map<string, DraftWaveLoss>();
  for (const row of inDraftWaves) {
    let loss = byWave.get(row.waveId);
    if (!loss) {
      loss = { waveId: row.waveId, wave: row.wave, teams: [], recipients: 0, personalCodes: 0, teamsLeft: 0 };
      byWave.set(row.waveId, loss);
    }
    if (kept.has(row.key)) {
      loss.teamsLeft += 1;
      continue;
    }
    loss.teams.push(row.key);
    loss.recipients += row.recipients;
    loss.personalCodes += row.personalCodes;
  }
  return [...byWave.values()]
    .filter((loss) => loss.teams.length > 0)
    .map((loss) => ({ ...loss, teams: loss.teams.sort() }));
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
  | { ok: true; teams: TeamInput[]; changes: TeamChanges; draftWaveLosses: DraftWaveLoss[] }
  | { ok: false; problems: TeamProblem[]; errors: FieldProblem[] };

/**
 * Everything the save checks, against the hierarchy as stored now: the preview answers with this,
 * and the save refuses exactly what it refuses (with 400 for the file's problems and 409 for a
 * removal the stored answers, open waves or members' limits forbid).
 */
export function planTeamImport(
  rows: RawTeamRow[],
  rowLabel: (row: number) => string,
  current: {
    teams: readonly TeamInput[];
    answeredKeys: readonly string[];
    inOpenWaves: readonly TeamInOpenWave[];
    scopedKeys: readonly string[];
    inDraftWaves: readonly TeamInDraftWave[];
    pastKeys: readonly { key: string; wave: string }[];
  },
): ImportPlan {
  const result = validateTeams(rows, rowLabel);
  if (!result.ok) return { ok: false, problems: result.problems, errors: result.errors };
  const removals = [
    ...removalProblems(result.teams, current.answeredKeys),
    ...openWaveProblems(result.teams, current.inOpenWaves, current.answeredKeys),
    ...scopeProblems(
      result.teams,
      current.teams.map((team) => team.key),
      current.scopedKeys,
    ),
    ...pastTeamProblems(
      result.teams,
      current.teams.map((team) => team.key),
      current.pastKeys,
    ),
  ];
  if (removals.length > 0)
    return { ok: false, problems: removals, errors: fieldProblems(removals, rowLabel) };
  return {
    ok: true,
    teams: result.teams,
    changes: teamChanges(current.teams, result.teams),
    draftWaveLosses: draftWaveLosses(result.teams, current.inDraftWaves),
  };
}
