import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Moments, TeamAggregates } from '../../../../server/domain/scoring/aggregate-types.ts';
import { buildReport } from '../../../../server/domain/scoring/build-report.ts';
import type { Report, ReportTeam } from '../../../../server/domain/scoring/report-types.ts';
import { scopeReport } from '../../../../server/domain/scoring/scope-report.ts';
import { decideReportSuppression } from '../../../../server/domain/suppression/report-suppression.ts';

/**
 * Plays the attacker of ANONYMITY.md against R1–R3: everything published is read from the
 * report itself, and the attacker derives every set it can by subtracting published sets that
 * contain one another and joining disjoint ones, to a fixed point.
 */

const DIMENSIONS = [
  { id: 'd', name: 'D', outcome: false },
  { id: 'x', name: 'X', outcome: true },
];
const ITEMS = [
  { id: 'i', dimension: 'd', reverse: false },
  { id: 'j', dimension: 'x', reverse: false },
];
/** The kinds of published n an attacker can combine: groups, and each kind of cell separately. */
const KINDS = ['group', 'dimension d', 'dimension x', 'item i', 'item j'] as const;
type Kind = (typeof KINDS)[number];

interface Scenario {
  teams: ReportTeam[];
  /** Per team key and kind: responses (or answers) attached directly to that team. */
  direct: Record<string, Record<Kind, number>>;
}

/** Up to 15 teams, depth ≤ 4, direct counts 0..20 with plenty of 0s and tiny teams, cells ≤ group. */
const scenario: fc.Arbitrary<Scenario> = fc
  .array(
    fc.record({
      parent: fc.nat(),
      respondents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 20 })),
      cells: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 15 },
  )
  .map((rows) => {
    const teams: ReportTeam[] = [];
    const depth: number[] = [];
    const direct: Scenario['direct'] = {};
    rows.forEach((row, index) => {
      // Attach to the organization or to an earlier team that is less than 4 deep.
      const parents = [-1, ...depth.flatMap((d, i) => (d < 4 ? [i] : []))];
      const parent = parents[row.parent % parents.length]!;
      depth.push(parent === -1 ? 1 : depth[parent]! + 1);
      const key = `t${index}`;
      teams.push({ key, name: key, parentKey: parent === -1 ? null : `t${parent}` });
      // A cell's n never exceeds its group's: some respondents skip a dimension or an item.
      const cell = (pick: number) => Math.max(0, row.respondents - (pick % 4 === 0 ? pick % 7 : 0));
      direct[key] = {
        group: row.respondents,
        'dimension d': cell(row.cells[0]!),
        'dimension x': cell(row.cells[1]!),
        'item i': cell(row.cells[2]!),
        'item j': cell(row.cells[3]!),
      };
    });
    return { teams, direct };
  });

const moments = (n: number): Moments => ({ n, sum: 3 * n, sumSq: 9 * n, counts: [0, 0, n, 0, 0] });

function reportOf({ teams, direct }: Scenario, k: number): Report {
  const aggregates: Record<string, TeamAggregates> = Object.fromEntries(
    teams.map((t) => {
      const c = direct[t.key]!;
      return [
        t.key,
        {
          respondents: c.group,
          dimensions: { d: moments(c['dimension d']), x: moments(c['dimension x']) },
          items: { i: moments(c['item i']), j: moments(c['item j']) },
        },
      ];
    }),
  );
  return buildReport({
    organizationName: 'Org',
    teams,
    dimensions: DIMENSIONS,
    items: ITEMS,
    aggregates: { teams: aggregates, organization: { reliability: {}, drivers: {} } },
    k,
    withItems: true,
  });
}

const publishedN = (group: Report['groups'][number], kind: Kind): number | null | undefined => {
  if (kind === 'group') return group.n;
  const [type, id] = kind.split(' ') as ['dimension' | 'item', string];
  return (type === 'dimension' ? group.dimensions[id] : group.items?.[id])?.n;
};

/**
 * The attacker's closure. Atoms are the teams' direct responses of this kind (a team with none
 * adds nobody, so it is left out); a published group is the set of atoms in its subtree, with
 * its published n. Returns every derivable set with its derived n.
 */
function derive(published: Map<number, number>): Map<number, number> {
  const known = new Map(published);
  const list = [...known.keys()];
  for (let next = 0; next < list.length; next++) {
    const a = list[next]!;
    const na = known.get(a)!;
    for (let index = 0; index < list.length; index++) {
      const b = list[index]!;
      const nb = known.get(b)!;
      const both = a & b;
      let set = 0;
      let n = 0;
      if (both === 0) [set, n] = [a | b, na + nb];
      else if (both === b && a !== b) [set, n] = [a & ~b, na - nb];
      else if (both === a && a !== b) [set, n] = [b & ~a, nb - na];
      if (set !== 0 && !known.has(set)) {
        known.set(set, n);
        list.push(set);
      }
    }
  }
  return known;
}

function attack({ teams, direct }: Scenario, report: Report, kind: Kind, k: number) {
  const withResponses = teams.filter((t) => direct[t.key]![kind] > 0);
  const bit = new Map(withResponses.map((t, i) => [t.key, 1 << i]));
  const subtree = new Map<string | null, number>();
  for (const team of [...teams].reverse()) {
    const mask = (subtree.get(team.key) ?? 0) | (bit.get(team.key) ?? 0);
    subtree.set(team.key, mask);
    subtree.set(team.parentKey, (subtree.get(team.parentKey) ?? 0) | mask);
  }
  const trueSize = (mask: number) =>
    withResponses.reduce((sum, t) => sum + (mask & bit.get(t.key)! ? direct[t.key]![kind] : 0), 0);

  const published = new Map<number, number>();
  for (const group of [report.organization, ...report.groups]) {
    const n = publishedN(group, kind);
    if (n === null || n === undefined) continue;
    // R1: nothing published for fewer than k.
    expect(n, `${kind} of ${group.teamKey ?? 'the organization'}`).toBeGreaterThanOrEqual(k);
    const mask = subtree.get(group.teamKey) ?? 0;
    expect(n).toBe(trueSize(mask));
    published.set(mask, n);
  }
  for (const [set, n] of derive(published)) {
    expect(n).toBe(trueSize(set)); // the attacker's arithmetic is right…
    // …and never isolates 1 to k − 1 respondents (R2).
    if (n > 0 && n < k) expect.fail(`${kind}: derived a set of ${n} < k = ${k} (atoms ${set.toString(2)})`);
  }
}

describe('suppression against an attacker (R1, R2, R3)', () => {
  it('lets no published n, nor any set derived from them, single out 1 to k − 1 respondents', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 3, max: 7 }), (s, k) => {
        const report = reportOf(s, k);
        for (const kind of KINDS) attack(s, report, kind, k);
        // Every shown group has at least k respondents, and a suppressed group shows no cell.
        for (const group of [report.organization, ...report.groups]) {
          if (!group.suppressed) expect(group.n).toBeGreaterThanOrEqual(k);
          else {
            expect(group.n).toBeNull();
            expect(Object.values(group.dimensions).every((c) => c === null)).toBe(true);
            expect(Object.values(group.items ?? {}).every((c) => c === null)).toBe(true);
          }
        }
      }),
      { numRuns: 2500 },
    );
  });

  it('decides the same whatever order the teams are listed in (R3)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 3, max: 7 }), fc.nat(), (s, k, seed) => {
        const aggregates = Object.fromEntries(
          s.teams.map((t) => [
            t.key,
            {
              respondents: s.direct[t.key]!.group,
              dimensions: { d: moments(s.direct[t.key]!['dimension d']) },
              items: {},
            },
          ]),
        );
        const decide = (teams: ReportTeam[]) =>
          decideReportSuppression({ teams, aggregates, items: [], dimensions: [DIMENSIONS[0]!], k });
        // Rotate the list: parents may now come after their children.
        const cut = seed % s.teams.length;
        const first = decide(s.teams);
        const second = decide([...s.teams.slice(cut), ...s.teams.slice(0, cut)]);
        const sorted = (m: ReadonlyMap<string, unknown>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
        expect(sorted(second.groups)).toEqual(sorted(first.groups));
        expect(sorted(second.dimensions.d!)).toEqual(sorted(first.dimensions.d!));
        expect(sorted(second.comments)).toEqual(sorted(first.comments));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a leader scoped to any team a subset of the same decisions, never new ones (R3)', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 3, max: 7 }), fc.nat(), (s, k, pick) => {
        const report = reportOf(s, k);
        const team = s.teams[pick % s.teams.length]!;
        const scoped = scopeReport(report, team.key);
        expect(scoped.organization).toBe(report.organization);
        const full = new Map(report.groups.map((g) => [g.teamKey, g]));
        for (const group of scoped.groups) expect(group).toBe(full.get(group.teamKey));
        // The subtree, whole: the team and every descendant.
        const inSubtree = (key: string | null): boolean =>
          key === team.key || (key !== null && inSubtree(full.get(key)!.parentKey));
        expect(scoped.groups.map((g) => g.teamKey)).toEqual(
          report.groups.filter((g) => inSubtree(g.teamKey)).map((g) => g.teamKey),
        );
      }),
      { numRuns: 300 },
    );
  });
});
