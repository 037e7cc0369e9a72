import { ORGANIZATION } from '../../server/domain/suppression/suppress.ts';

/** Each team's direct responses are one atom; a published group is the set of atoms below it. */
export function atomsOf(teams: readonly { key: string; parentKey: string | null }[]): Map<string, number> {
  const masks = new Map<string, number>(teams.map((t, i) => [t.key, 1 << i]));
  const descend = (key: string): number =>
    teams
      .filter((t) => (t.parentKey ?? ORGANIZATION) === key)
      .reduce((mask, child) => mask | descend(child.key), masks.get(key) ?? 0);
  return new Map([
    [ORGANIZATION, descend(ORGANIZATION)],
    ...teams.map((t) => [t.key, descend(t.key)] as const),
  ]);
}

/**
 * The attacker: holds every published n, subtracts published sets from sets containing them
 * (along the tree) and joins disjoint ones (across siblings), to a fixed point, and looks for a
 * derived set of 1 to k − 1 respondents.
 */
export function smallestDerivableLeak(
  published: number[],
  sizeOf: (mask: number) => number,
  k: number,
): number | null {
  const known = new Set(published);
  let frontier = [...known];
  while (frontier.length > 0 && known.size < 4000) {
    const next: number[] = [];
    const all = [...known];
    for (const a of frontier) {
      for (const b of all) {
        const candidates = [];
        if ((a & b) === b && a !== b) candidates.push(a & ~b);
        if ((a & b) === a && a !== b) candidates.push(b & ~a);
        if ((a & b) === 0) candidates.push(a | b);
        for (const derived of candidates) {
          if (derived !== 0 && !known.has(derived)) {
            known.add(derived);
            next.push(derived);
          }
        }
      }
    }
    frontier = next;
  }
  for (const set of known) {
    const size = sizeOf(set);
    if (size > 0 && size < k) return size;
  }
  return null;
}
