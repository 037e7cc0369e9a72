import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, type Report } from '../../../../server/domain/report/build-report.ts';
import { createAccumulator, type ScoredItem } from '../../../../server/domain/scoring/aggregates.ts';

/**
 * The attacker of a dimension's cells and its items' cells together, with linear algebra (R1, R2).
 *
 * Respondents fall into classes: their team, and which of a dimension's items they answered. Every
 * figure a report shows is a weighted sum over classes of per-class sums: an item cell's sum adds
 * its answers in every class that answered it; a dimension cell's sum adds each scored
 * respondent's mean, so a class of p answered items weighs each of its answers 1 / p, and a class
 * below the dimension's half weighs nothing. So too for sums of squares (a score's square weighs
 * the products of its answers) and for the counts behind favourable shares (a dimension's counts
 * are its items' counts added). Adding and subtracting published figures gives any combination
 * of their rows; such a combination that is not zero yet touches only classes of 1 to k − 1
 * respondents in all says something about those respondents alone. It exists exactly when leaving
 * out those classes' columns lowers the rank of the figures' rows: that is what this test looks for,
 * for every set of classes of fewer than k respondents, in every kind of figure.
 */

const dimensions = [
  { id: 'a', name: 'A', outcome: false, recommendations: [] },
  { id: 'b', name: 'B', outcome: false, recommendations: [] },
  { id: 'c', name: 'C', outcome: false, recommendations: [] },
  { id: 'd', name: 'D', outcome: false, recommendations: [] },
];
const items: ScoredItem[] = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: true },
  { id: 'b1', dimension: 'b', reverse: false },
  { id: 'b2', dimension: 'b', reverse: false },
  { id: 'b3', dimension: 'b', reverse: false },
  ...['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, dimension: 'c', reverse: false })),
  { id: 'd1', dimension: 'd', reverse: false },
];
const itemsOf = (dimension: string) => items.filter((item) => item.dimension === dimension).map((i) => i.id);

/** The rank of a matrix given as rows, by elimination (its entries are small fractions). */
function rank(rows: number[][]): number {
  const m = rows.map((row) => [...row]);
  let found = 0;
  const width = m[0]?.length ?? 0;
  for (let column = 0; column < width && found < m.length; column++) {
    let pivot = found;
    for (let r = found + 1; r < m.length; r++)
      if (Math.abs(m[r]![column]!) > Math.abs(m[pivot]![column]!)) pivot = r;
    if (Math.abs(m[pivot]![column]!) < 1e-9) continue;
    [m[found], m[pivot]] = [m[pivot]!, m[found]!];
    for (let r = found + 1; r < m.length; r++) {
      const factor = m[r]![column]! / m[found]![column]!;
      if (factor !== 0) for (let c = column; c < width; c++) m[r]![c]! -= factor * m[found]![c]!;
    }
    found++;
  }
  return found;
}

interface Class {
  team: string;
  /** Indices into the dimension's items. */
  answered: number[];
  size: number;
}

/**
 * The rows a report shows of one dimension, in one kind of figure, over columns that each belong
 * to one class (`owner`): per class, one column per answered item (sums and counts), or per pair of
 * answered items (sums of squares).
 */
function figureRows(
  report: Report,
  classes: Class[],
  below: (group: string | null, team: string) => boolean,
  dimension: string,
  kind: 'sums' | 'squares' | 'counts',
) {
  const own = itemsOf(dimension);
  const half = Math.ceil(own.length / 2);
  const columns: { owner: number; i: number; j: number }[] = [];
  classes.forEach((c, owner) => {
    for (const i of c.answered)
      if (kind === 'squares') for (const j of c.answered) j >= i && columns.push({ owner, i, j });
      else columns.push({ owner, i, j: i });
  });
  const rows: number[][] = [];
  for (const group of [report.organization, ...report.groups]) {
    const inside = (c: Class) => below(group.teamKey, c.team);
    if (group.dimensions[dimension])
      rows.push(
        columns.map(({ owner, i, j }) => {
          const c = classes[owner]!;
          if (!inside(c)) return 0;
          if (kind === 'counts') return 1;
          if (c.answered.length < half) return 0;
          const p = c.answered.length;
          return kind === 'sums' ? 1 / p : (i === j ? 1 : 2) / (p * p);
        }),
      );
    // A dimension's agreement is worked out from its items' spreads (their sums and squares), so
    // where it stands, the attacker is granted those as if the item cells stood.
    const agreement = kind !== 'counts' && group.dimensions[dimension]?.rwg != null;
    own.forEach((id, at) => {
      if (!group.items?.[id] && !agreement) return;
      rows.push(columns.map(({ owner, i, j }) => (inside(classes[owner]!) && i === at && j === at ? 1 : 0)));
    });
  }
  return { rows, columns };
}

/** A set of classes of 1 to k − 1 respondents in all that some combination of rows isolates, or null. */
function isolatedSet(
  rows: number[][],
  columns: { owner: number }[],
  classes: Class[],
  k: number,
): Class[] | null {
  if (rows.length === 0) return null;
  const full = rank(rows);
  const small = classes.map((_, at) => at).filter((at) => classes[at]!.size < k);
  // Leaving out more columns never raises the rank, so only sets no other small class fits into are
  // tried; a set isolated in part is isolated whole.
  let found: Class[] | null = null;
  const tryFrom = (start: number, chosen: number[], size: number) => {
    let extended = false;
    for (let at = start; at < small.length; at++) {
      const next = small[at]!;
      if (size + classes[next]!.size >= k) continue;
      extended = true;
      tryFrom(at + 1, [...chosen, next], size + classes[next]!.size);
    }
    if (extended || chosen.length === 0 || found) return;
    const out = new Set(chosen);
    const kept = columns.map((c, at) => (out.has(c.owner) ? -1 : at)).filter((at) => at >= 0);
    if (rank(rows.map((row) => kept.map((at) => row[at]!))) < full) found = chosen.map((at) => classes[at]!);
  };
  tryFrom(0, [], 0);
  return found;
}

// Which items of a dimension a respondent answered, as a bit per item.
const pattern = (width: number) => fc.integer({ min: 0, max: (1 << width) - 1 });
const people = fc.array(
  fc.record({
    a: pattern(2),
    b: pattern(3),
    c: pattern(4),
    d: pattern(1),
    everything: fc.boolean(),
    copies: fc.integer({ min: 1, max: 6 }),
  }),
  { maxLength: 5 },
);
type Kind = { a: number; b: number; c?: number; d?: number; everything: boolean; copies: number };
interface Wave {
  teams: { key: string; name: string; parentKey: string | null }[];
  people: Kind[][];
}
/**
 * Up to 4 teams, each under the organization, the team before it (so chains are common) or another
 * earlier team, each with a few kinds of respondent.
 */
const wave = fc.array(fc.tuple(fc.nat(), people), { minLength: 1, maxLength: 4 }).map(
  (rows): Wave => ({
    teams: rows.map(([pick], i) => ({
      key: `t${i}`,
      name: `Team ${i}`,
      parentKey: i === 0 || pick % 3 === 0 ? null : `t${pick % 3 === 1 ? i - 1 : pick % i}`,
    })),
    people: rows.map(([, kinds]) => kinds),
  }),
);

/** A chain of three teams, the top two with respondents of two kinds each, the last complete. */
const chain = (top: Kind[], middle: Kind[]): Wave => ({
  teams: [
    { key: 't0', name: 'Team 0', parentKey: null },
    { key: 't1', name: 'Team 1', parentKey: 't0' },
    { key: 't2', name: 'Team 2', parentKey: 't1' },
  ],
  people: [top, middle, [{ a: 0, b: 0, everything: true, copies: 5 }]],
});
const answered = (b: number, copies: number): Kind => ({ a: 3, b, everything: false, copies });
/**
 * Waves where a rule of `decideItemDetail` was once missing or did not settle, each found by this
 * test: drawn at random, they come up too seldom to be found again in a few hundred runs.
 */
const found: [Wave, number][] = [
  // Favourable shares counted an answer of someone without a score, whose item cell was hidden.
  [
    { teams: [{ key: 't0', name: 'Team 0', parentKey: null }], people: [[answered(3, 3), answered(4, 1)]] },
    3,
  ],
  // A remainder of respondents who each answered one item, none all of them, weighed against the
  // dimension's shares of a team below (and rule 2 had to run again after hiding that team).
  [chain([answered(1, 1), answered(2, 4)], [answered(1, 4), answered(2, 1)]), 5],
  // A team whose answers in part all have a score, of two sizes (three of four items, and two):
  // weighing the items alike against its dimension sums, those of one size drop out.
  [
    {
      teams: [
        { key: 't0', name: 'Team 0', parentKey: null },
        { key: 't1', name: 'Team 1', parentKey: null },
      ],
      people: [
        [{ a: 0, b: 0, c: 0, everything: true, copies: 3 }],
        [
          { a: 0, b: 0, c: 7, everything: false, copies: 1 },
          { a: 0, b: 0, c: 3, everything: false, copies: 2 },
        ],
      ],
    },
    3,
  ],
  // The dimension's cell of a group over respondents without a score (its shares count them).
  [
    {
      teams: [
        { key: 't0', name: 'Team 0', parentKey: null },
        { key: 't1', name: 'Team 1', parentKey: 't0' },
        { key: 't2', name: 'Team 2', parentKey: 't0' },
      ],
      people: [
        [answered(0, 4), answered(1, 1)],
        [{ a: 0, b: 0, everything: true, copies: 5 }],
        [{ a: 0, b: 0, everything: true, copies: 5 }],
      ],
    },
    5,
  ],
];

describe("a dimension's cells with its items', weighed together by an attacker (R1, R2)", () => {
  it('leaves no combination of shown sums, squares or counts that rests on 1 to k − 1 respondents', () => {
    // Each dimension, with and without item cells, where its item detail stood in some drawn wave
    // beside someone who answered it in part: the cases the rules are for, which must come up.
    const tested = new Set<string>();
    fc.assert(
      fc.property(wave, fc.integer({ min: 3, max: 5 }), ({ teams, people: kinds }, k) => {
        const accumulator = createAccumulator(items, dimensions);
        const classes = new Map<string, Map<string, Class>>(dimensions.map((d) => [d.id, new Map()]));
        teams.forEach((team, t) => {
          for (const kind of kinds[t]!) {
            // Most respondents answer everything; the others, a pattern per dimension.
            const masks: Record<string, number> = kind.everything
              ? { a: 3, b: 7, c: 15, d: 1 }
              : { a: kind.a, b: kind.b, c: kind.c ?? 15, d: kind.d ?? 1 };
            for (let copy = 0; copy < kind.copies; copy++) {
              const answers: Record<string, number | null> = {};
              for (const d of dimensions)
                itemsOf(d.id).forEach((id, i) => {
                  answers[id] = masks[d.id]! & (1 << i) ? 1 + ((copy + i) % 5) : null;
                });
              accumulator.add({ teamKey: team.key, answers, comment: null });
            }
            for (const d of dimensions) {
              const mask = masks[d.id]!;
              if (mask === 0) continue;
              const key = `${team.key}:${mask}`;
              const answered = itemsOf(d.id).flatMap((_, i) => (mask & (1 << i) ? [i] : []));
              const found = classes.get(d.id)!.get(key) ?? { team: team.key, answered, size: 0 };
              found.size += kind.copies;
              classes.get(d.id)!.set(key, found);
            }
          }
        });
        const parentOf = new Map(teams.map((team) => [team.key, team.parentKey]));
        const below = (group: string | null, team: string) => {
          if (group === null) return true;
          for (let at: string | null = team; at !== null; at = parentOf.get(at) ?? null)
            if (at === group) return true;
          return false;
        };
        const aggregates = accumulator.result();
        // Sums frozen before the counts of who answered in part were kept lack them.
        const legacy = {
          ...aggregates,
          teams: Object.fromEntries(
            Object.entries(aggregates.teams).map(([key, { incomplete: _, complete: __, ...team }]) => [
              key,
              team,
            ]),
          ),
        };
        for (const [sums, withItems] of [
          [aggregates, true],
          [aggregates, false],
          [legacy, true],
        ] as const) {
          const report = buildReport({
            organizationName: 'Org',
            teams,
            aggregates: sums,
            dimensions,
            items,
            k,
            withItems,
            previous: null,
          });
          for (const d of dimensions) {
            const list = [...classes.get(d.id)!.values()];
            // What shows is read by these names; a report that renamed them would show nothing here.
            for (const group of [report.organization, ...report.groups]) {
              expect(group.dimensions).toHaveProperty(d.id);
              if (withItems) expect(group.items).toHaveProperty(itemsOf(d.id)[0]!);
              // Where item detail stands beside someone who answered the dimension in part.
              const standing =
                group.dimensions[d.id]?.rwg != null ||
                (withItems && group.items?.[itemsOf(d.id)[0]!] != null);
              const inPart = list.some(
                (c) => below(group.teamKey, c.team) && c.answered.length < itemsOf(d.id).length,
              );
              if (standing && inPart && sums === aggregates) tested.add(`${d.id} ${withItems}`);
            }
            for (const kind of ['sums', 'squares', 'counts'] as const) {
              const { rows, columns } = figureRows(report, list, below, d.id, kind);
              const isolated = isolatedSet(rows, columns, list, k);
              expect(isolated, `${d.id}, ${kind}: ${JSON.stringify(isolated)}`).toBeNull();
            }
          }
        }
      }),
      { numRuns: 1000, examples: found },
    );
    // The one-item dimension cannot be answered in part.
    expect([...tested].sort()).toEqual(['a false', 'a true', 'b false', 'b true', 'c false', 'c true']);
  });
});
