import { fnv1a } from '../../../shared/fnv1a.ts';
import { ORGANIZATION } from '../hierarchy/hierarchy.ts';

/** A closed wave's frozen tree, depth first, and the teams it asked (null: not recorded). */
export interface WaveTree {
  teams: readonly { key: string; parentKey: string | null }[];
  asked: ReadonlySet<string> | null;
}

/**
 * The groups whose people differ between two waves, so that a trend for them would compare two
 * populations (ORGANIZATION: the organization). A group's people are its own team's and those of
 * every team under it; they differ when a team under it in one wave's tree is not under it in the
 * other's (asked by one wave only, or moved), or was asked by one and only held its place in the
 * other's tree. Waves that did not record what they asked are read by their trees alone.
 *
 * Each group is compared by its size and two 32-bit hashes of its teams, each team added to its
 * group and every group above it; two different sets alike in all three are not a concern.
 */
export function changedPopulations(current: WaveTree, previous: WaveTree): Set<string> {
  const byAsked = current.asked !== null && previous.asked !== null;
  const now = fingerprints(current, byAsked);
  const before = fingerprints(previous, byAsked);
  const changed = new Set<string>();
  for (const [key, print] of now) {
    const earlier = before.get(key);
    if (earlier && (earlier[0] !== print[0] || earlier[1] !== print[1] || earlier[2] !== print[2]))
      changed.add(key);
  }
  return changed;
}

function fingerprints(tree: WaveTree, byAsked: boolean): Map<string, [number, number, number]> {
  const prints = new Map<string, [number, number, number]>([[ORGANIZATION, [0, 0, 0]]]);
  for (const team of tree.teams) prints.set(team.key, [0, 0, 0]);
  const parents = new Map(tree.teams.map((team) => [team.key, team.parentKey ?? ORGANIZATION]));
  for (const team of tree.teams) {
    // Asked, or only holding its place above teams that were.
    const member = byAsked && !tree.asked!.has(team.key) ? `${team.key}\u0000held` : team.key;
    const a = fnv1a(member);
    const b = djb2(member);
    // Into its own group and every group above it.
    let at: string | undefined = team.key;
    while (at !== undefined) {
      const print = prints.get(at)!;
      print[0] += 1;
      print[1] = (print[1] + a) >>> 0;
      print[2] = (print[2] + b) >>> 0;
      at = at === ORGANIZATION ? undefined : (parents.get(at) ?? ORGANIZATION);
    }
  }
  return prints;
}

function djb2(text: string): number {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 33) + text.charCodeAt(i)) | 0;
  return hash >>> 0;
}
