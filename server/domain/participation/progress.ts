/**
 * How far each team of a wave has got, for the consultant who steers it: who has answered, who
 * is behind, and where the invitations stand. Counts only, never an answer, so a consultant may
 * follow them live; leaders never see this view (R6).
 *
 * `headcount` is what the team import says: the people expected to answer in this team, not
 * counting sub-teams. A subtree's headcount is the sum of the headcounts known in it (null when
 * none is known) and its responses are those of every team in it, so a subtree with some
 * headcounts missing reads high: its rate counts answers whose people nobody counted. The rate is
 * capped at 1 for the same reason a team can take more answers than its headcount (see
 * answer-cap.ts).
 *
 * Rates are shares from 0 to 1, truncated (not rounded) to thousandths, in the JSON and in the
 * CSV alike. Truncating keeps the flag and the figure in agreement: a rate shown as 0.600 has
 * reached the target, and every rate below the target shows as 0.599 or less.
 *
 * A wave may cover some teams only. A team outside the wave takes no part: no row, no responses,
 * no headcount. A team of the wave below it rolls up to its nearest ancestor that is in the wave,
 * or stands at the top when none is, so the rows form a tree of their own: each row's parentKey
 * names a row above it, its depth is the number of rows above it (0 at the top), and each
 * subtree is the row's own figures plus its child rows' subtrees. (The report keeps such
 * ancestors as groups, because a group's figures are what it publishes; here a row is a team
 * that was asked to answer, and a team that was not has nothing to steer.)
 *
 * Pure and iterative: the hierarchy is as deep as the customer's spreadsheet.
 */

import { type Hierarchy, ORGANIZATION } from '../hierarchy/hierarchy.ts';
import { answerCap } from './answer-cap.ts';

/** A subtree answering less than this share of its known headcount is flagged for the consultant. */
export const TARGET_RATE = 0.6;

export interface MailCounts {
  /** Addresses on the wave's list for this team. */
  recipients: number;
  /** Messages waiting to go out (not given up). */
  queued: number;
  sent: number;
  /** Messages given up after their last attempt. */
  failed: number;
}

/** What the database says about one team of the wave. */
export interface WaveTeamCounts {
  name: string;
  responses: number;
  /** People expected to answer in this team, not counting sub-teams; null when not known. */
  headcount: number | null;
  mail: MailCounts;
}

export interface Participation {
  responses: number;
  headcount: number | null;
  /** responses / headcount, at most 1, truncated to thousandths; null when the headcount is unknown or 0. */
  rate: number | null;
}

export interface TeamProgress extends Participation {
  teamKey: string;
  teamName: string;
  /** The nearest ancestor in the wave; null at the top. */
  parentKey: string | null;
  /** Rows above this one: 0 at the top. */
  depth: number;
  /** The team's link has taken as many answers as it takes (answer-cap.ts). */
  full: boolean;
  subtree: Participation;
  /** The subtree's rate is known and below TARGET_RATE. */
  belowTarget: boolean;
  mail: MailCounts;
}

export interface WaveProgress {
  /** Every team of the wave together. */
  total: Participation;
  /** The teams of the wave, depth first, siblings in the order the teams were given. */
  teams: TeamProgress[];
}

/** responses / headcount, at most 1, truncated to thousandths; null when the headcount is unknown or 0. */
export function participationRate(responses: number, headcount: number | null): number | null {
  if (headcount === null || headcount === 0) return null;
  // Whole numbers divided once, then floored: exact, where flooring a product of fractions is not
  // (0.29 × 1000 is 289.99…).
  return Math.min(1000, Math.floor((responses * 1000) / headcount)) / 1000;
}

/** Whether figures fall short of the target; unknown rates never do. */
export const isBelowTarget = (figures: Participation) => figures.rate !== null && figures.rate < TARGET_RATE;

const participation = (responses: number, headcount: number | null): Participation => ({
  responses,
  headcount,
  rate: participationRate(responses, headcount),
});

/**
 * Each team's own and subtree figures and the wave's total. `hierarchy` is the organization's
 * whole hierarchy; `inWave` holds the teams of the wave by key, each of which must be in it.
 */
export function waveProgress(
  hierarchy: Hierarchy,
  inWave: ReadonlyMap<string, WaveTeamCounts>,
): WaveProgress {
  for (const key of inWave.keys())
    if (key === ORGANIZATION || !hierarchy.has(key)) throw new Error(`team "${key}" is not in the hierarchy`);

  // Parents come before their children depth first, so each team's nearest ancestor in the wave
  // is known by the time the team is reached: its parent if that is in the wave, else the
  // parent's own nearest one.
  const anchorOf = new Map<string, string | null>();
  const depthOf = new Map<string, number>();
  const keys: string[] = [];
  for (const key of hierarchy.depthFirst) {
    const parent = hierarchy.parent(key)!;
    const anchor =
      parent === ORGANIZATION ? null : inWave.has(parent) ? parent : (anchorOf.get(parent) ?? null);
    anchorOf.set(key, anchor);
    if (!inWave.has(key)) continue;
    depthOf.set(key, anchor === null ? 0 : depthOf.get(anchor)! + 1);
    keys.push(key);
  }

  // Backwards through the rows, every row's subtree is complete before its anchor, which comes
  // earlier, adds it in. The total is the subtrees of the rows at the top.
  const sums = new Map<string, { responses: number; headcount: number | null }>();
  for (const key of keys) {
    const team = inWave.get(key)!;
    sums.set(key, { responses: team.responses, headcount: team.headcount });
  }
  const total = { responses: 0, headcount: null as number | null };
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const sum = sums.get(key)!;
    const anchor = anchorOf.get(key)!;
    const into = anchor === null ? total : sums.get(anchor)!;
    into.responses += sum.responses;
    if (sum.headcount !== null) into.headcount = (into.headcount ?? 0) + sum.headcount;
  }

  const teams = keys.map((key): TeamProgress => {
    const team = inWave.get(key)!;
    const sum = sums.get(key)!;
    const subtree = participation(sum.responses, sum.headcount);
    return {
      teamKey: key,
      teamName: team.name,
      parentKey: anchorOf.get(key)!,
      depth: depthOf.get(key)!,
      ...participation(team.responses, team.headcount),
      // More answers than the team has people, and then some: someone may be answering for others.
      full: team.headcount !== null && team.responses >= answerCap(team.headcount),
      subtree,
      belowTarget: isBelowTarget(subtree),
      mail: { ...team.mail },
    };
  });
  return { total: participation(total.responses, total.headcount), teams };
}
