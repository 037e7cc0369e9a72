import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedResults } from '../../../server/domain/actions/shared-results.ts';
import { depthFirst } from '../../../server/domain/hierarchy/team-import.ts';
import { buildRankedReport, type Report } from '../../../server/domain/report/build-report.ts';
import { scopeReport } from '../../../server/domain/report/scope-report.ts';
import { createAccumulator, type ScoredItem } from '../../../server/domain/scoring/aggregates.ts';
import { ORGANIZATION } from '../../../server/domain/suppression/suppress.ts';
import { atomsOf, smallestDerivableLeak } from '../../support/attacker.ts';

/**
 * The attacker of R1–R3 holding every team's shared results page of one closed wave together with
 * everything leaders see of it (the report and each scoped cut): every respondent count and each
 * dimension's cell count, from any page or view, pooled per kind, then subtracted and joined to a
 * fixed point (tests/support/attacker.ts). The pages must add nothing: each figure on them is one
 * the report already publishes, with the same n (R3), and no derivable set is smaller than k.
 * The same generator as tests/server/reports/leader-outputs-attacker.test.ts.
 */

const dimensions = [
  { id: 'trust', name: 'Trust', outcome: false, recommendations: [] },
  { id: 'outcome', name: 'Outcome', outcome: true, recommendations: [] },
];
const items: ScoredItem[] = [
  { id: 't1', dimension: 'trust', reverse: false },
  { id: 't2', dimension: 'trust', reverse: true },
  { id: 'o1', dimension: 'outcome', reverse: false },
  { id: 'o2', dimension: 'outcome', reverse: false },
];

const answer = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null, freq: 4 });
const respondent = fc.record({ t1: answer, t2: answer, o1: answer, o2: answer });
/** Up to 9 teams, each under the organization or an earlier team, with 0 to 24 respondents each. */
const wave = fc
  .array(fc.tuple(fc.nat(), fc.array(respondent, { maxLength: 24 })), { minLength: 1, maxLength: 9 })
  .map((rows) => ({
    teams: rows.map(([parentPick], i) => ({
      key: `t${i}`,
      name: `Team ${i}`,
      parentKey: i === 0 || parentPick % 3 === 0 ? null : `t${parentPick % i}`,
      headcount: null,
    })),
    respondents: rows.map(([, people]) => people),
  }));

interface Seen {
  kind: string;
  key: string;
  n: number;
}

function reportFigures(report: Report): Seen[] {
  const seen: Seen[] = [];
  for (const group of [report.organization, ...report.groups]) {
    const key = group.teamKey ?? ORGANIZATION;
    if (group.n !== null) seen.push({ kind: 'respondents', key, n: group.n });
    for (const [id, cell] of Object.entries(group.dimensions))
      if (cell) seen.push({ kind: `dimension:${id}`, key, n: cell.n });
  }
  return seen;
}

describe("the employees' results pages, with everything leaders see, against an attacker (R1–R3)", () => {
  it('publish nothing the report hides and let nobody derive a group of 1 to k − 1', () => {
    fc.assert(
      fc.property(wave, fc.integer({ min: 3, max: 5 }), ({ teams, respondents }, k) => {
        const accumulator = createAccumulator(items, dimensions);
        teams.forEach((team, i) => {
          for (const answers of respondents[i]!)
            accumulator.add({ teamKey: team.key, answers, comment: null });
        });
        const aggregates = accumulator.result();
        const ordered = depthFirst(teams).map(({ key, name, parentKey }) => ({ key, name, parentKey }));
        const { report, ranking } = buildRankedReport({
          organizationName: 'Org',
          teams: ordered,
          aggregates,
          dimensions,
          items,
          k,
          withItems: false,
          previous: null,
        });

        const fromReport = new Map(
          [report, ...teams.map((t) => scopeReport(report, t.key, ranking))]
            .flatMap(reportFigures)
            .map((s) => [`${s.kind}|${s.key}`, s.n]),
        );
        const pooled = new Map<string, Map<string, number>>();
        const see = ({ kind, key, n }: Seen) => {
          // R3, and nothing the report hides: every figure on a page is one the report publishes.
          expect(fromReport.get(`${kind}|${key}`)).toBe(n);
          const ofKind = pooled.get(kind) ?? new Map<string, number>();
          pooled.set(kind, ofKind);
          ofKind.set(key, n);
        };
        for (const seen of reportFigures(report)) see(seen);
        for (const team of teams) {
          const page = sharedResults(report, { key: team.key, name: team.name }, []);
          for (const [group, key] of [
            [page.organization.published, ORGANIZATION],
            [page.team.published, team.key],
          ] as const) {
            if (!group) continue;
            if (group.n !== null) see({ kind: 'respondents', key, n: group.n });
            for (const [id, figure] of Object.entries(group.dimensions))
              if (figure) see({ kind: `dimension:${id}`, key, n: figure.n });
          }
          const shown = report.groups.find((g) => g.teamKey === team.key)!;
          if (shown.suppressed) expect(page.team.published).toBeNull();
        }

        const atoms = atomsOf(teams);
        const direct = (kind: string, key: string): number => {
          const team = aggregates.teams[key];
          if (!team) return 0;
          if (kind === 'respondents') return team.respondents;
          return team.dimensions[kind.split(':')[1]!]?.n ?? 0;
        };
        for (const [kind, published] of pooled) {
          const size = (mask: number) =>
            teams.reduce((sum, team, i) => sum + (mask & (1 << i) ? direct(kind, team.key) : 0), 0);
          for (const [key, n] of published) {
            expect(n).toBe(size(atoms.get(key)!));
            expect(n).toBeGreaterThanOrEqual(k);
          }
          const masks = [...published.keys()].map((key) => atoms.get(key)!);
          expect(smallestDerivableLeak(masks, size, k)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
