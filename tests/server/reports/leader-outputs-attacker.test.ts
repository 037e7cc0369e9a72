import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depthFirst } from '../../../server/domain/hierarchy/team-import.ts';
import {
  buildRankedReport,
  commentThreshold,
  type Report,
} from '../../../server/domain/report/build-report.ts';
import { publishedParticipation } from '../../../server/domain/report/participation-view.ts';
import { scopeReport } from '../../../server/domain/report/scope-report.ts';
import { sliceReport } from '../../../server/domain/report/slice-report.ts';
import { createAccumulator, type ScoredItem } from '../../../server/domain/scoring/aggregates.ts';
import { ORGANIZATION } from '../../../server/domain/suppression/suppress.ts';
import { reportToCsv } from '../../../server/reports/report-csv.ts';
import { atomsOf, smallestDerivableLeak } from '../../support/attacker.ts';

/**
 * The attacker of R1–R3 holding everything leaders can see of one closed wave at once: for the
 * whole organization and for a leader scoped to each team, the report JSON with item detail, its
 * slices by hierarchy level, its CSV, the participation list and the comment groups. Each kind of
 * count (respondents, each dimension's scores, each item's answers, comments) is attacked on its
 * own: every published set of that kind, from any output and any viewer, is pooled, then subtracted
 * and joined to a fixed point (see tests/support/attacker.ts). Then a dimension's cells with its
 * items' together, which isolate its respondents who answered some of its items but not all.
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
const respondent = fc.record({
  answers: fc.record({ t1: answer, t2: answer, o1: answer, o2: answer }),
  commented: fc.boolean(),
});
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

type Kind = string;
interface Seen {
  kind: Kind;
  key: string;
  n: number;
  mean?: number;
}

/** Every count and mean a viewer reads, from every output they get. */
function whatAViewerSees(report: Report): Seen[] {
  const seen: Seen[] = [];
  for (const group of [report.organization, ...report.groups]) {
    const key = group.teamKey ?? ORGANIZATION;
    if (group.n !== null) seen.push({ kind: 'respondents', key, n: group.n });
    for (const [id, cell] of Object.entries(group.dimensions))
      if (cell) seen.push({ kind: `dimension:${id}`, key, n: cell.n, mean: cell.mean });
    for (const [id, cell] of Object.entries(group.items ?? {}))
      if (cell) seen.push({ kind: `item:${id}`, key, n: cell.n, mean: cell.mean });
  }
  // The CSV: the same cells, read back as a spreadsheet would.
  const rows = parse(reportToCsv(report).replace(/^\uFEFF/, ''), { columns: true }) as Record<
    string,
    string
  >[];
  for (const row of rows) {
    // The CSV names the organization's row by an empty team key; the JSON by ORGANIZATION.
    const key = row.team_key || ORGANIZATION;
    if (row.n !== '')
      seen.push({
        kind: `dimension:${row.dimension}`,
        key,
        n: Number(row.n),
        mean: Number(row.mean),
      });
    if (row.group_n !== '') seen.push({ kind: 'respondents', key, n: Number(row.group_n) });
  }
  for (const row of publishedParticipation(report, new Map()))
    seen.push({ kind: 'respondents', key: row.teamKey, n: row.responses });
  for (const group of report.comments)
    seen.push({ kind: 'comments', key: group.teamKey ?? ORGANIZATION, n: group.comments.length });
  return seen;
}

describe('everything leaders see, together, against an attacker (R1–R3, R5)', () => {
  it('lets nobody derive a group of 1 to k − 1 from the report, CSV, participation and comments of every viewer', () => {
    fc.assert(
      fc.property(wave, fc.integer({ min: 3, max: 5 }), ({ teams, respondents }, k) => {
        const accumulator = createAccumulator(items, dimensions);
        teams.forEach((team, i) => {
          for (const [j, person] of respondents[i]!.entries())
            accumulator.add({
              teamKey: team.key,
              answers: person.answers,
              comment: person.commented ? `${team.key} says ${j}` : null,
            });
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
          withItems: true,
          previous: null,
        });
        // Every viewer's report, and every slice by hierarchy level a viewer can ask for.
        const slices = [null, ...teams.map((team) => team.key)].flatMap((root) =>
          [0, 1].map((depth) => sliceReport(report, { root, depth }, ranking)!),
        );
        const views = [report, ...teams.map((team) => scopeReport(report, team.key, ranking)), ...slices];

        // What is true, per kind of count, for each team's own respondents.
        const direct = (kind: Kind, key: string): number => {
          const team = aggregates.teams[key];
          if (!team) return 0;
          if (kind === 'respondents') return team.respondents;
          if (kind === 'comments') return team.respondents; // a comment group stands for its respondents
          const [what, id] = kind.split(':') as [string, string];
          return what === 'dimension' ? (team.dimensions[id]?.n ?? 0) : (team.items[id]?.n ?? 0);
        };
        const atoms = atomsOf(teams);
        const sizeOf = (kind: Kind) => (mask: number) =>
          teams.reduce((sum, team, i) => sum + (mask & (1 << i) ? direct(kind, team.key) : 0), 0);

        // Hotspots, ranked again inside each leader's part and each slice, name only cells the
        // report shows, with its very figures, and a leader only cells of their own part.
        const shownCell = new Map(
          report.groups.flatMap((g) =>
            Object.entries(g.dimensions).map(([d, cell]) => [`${g.teamKey}|${d}`, cell]),
          ),
        );
        for (const [i, view] of views.entries())
          for (const spot of view.hotspots) {
            const cell = shownCell.get(`${spot.teamKey}|${spot.dimension}`);
            expect(cell).toBeTruthy();
            expect([spot.score, spot.delta]).toEqual([cell!.score, cell!.delta]);
            const scoped = i >= 1 && i <= teams.length;
            if (scoped) expect(view.groups.some((g) => g.teamKey === spot.teamKey)).toBe(true);
          }

        // Comments stand beside a group the report shows, never one it hides (R2 across kinds).
        const shownGroups = new Set(report.groups.filter((g) => !g.suppressed).map((g) => g.teamKey));
        for (const block of report.comments)
          if (block.teamKey !== null) expect(shownGroups.has(block.teamKey)).toBe(true);

        const pooled = new Map<Kind, Map<string, Seen>>();
        for (const view of views) {
          for (const seen of whatAViewerSees(view)) {
            const ofKind = pooled.get(seen.kind) ?? new Map<string, Seen>();
            pooled.set(seen.kind, ofKind);
            const earlier = ofKind.get(seen.key);
            // R3: every output and every viewer shows the same figure for the same cell.
            if (earlier && seen.kind !== 'comments') {
              expect(seen.n).toBe(earlier.n);
              if (seen.mean !== undefined && earlier.mean !== undefined) expect(seen.mean).toBe(earlier.mean);
            }
            ofKind.set(seen.key, seen);
          }
        }

        for (const [kind, published] of pooled) {
          const threshold = kind === 'comments' ? commentThreshold(k) : k;
          const size = sizeOf(kind);
          const masks = [...published.keys()].map((key) => atoms.get(key)!);
          for (const [key, seen] of published) {
            // R1: nothing published for fewer than the threshold, and every n is the true one.
            expect(size(atoms.get(key)!)).toBeGreaterThanOrEqual(threshold);
            if (kind !== 'comments') expect(seen.n).toBe(size(atoms.get(key)!));
          }
          // R2: nothing smaller can be derived by subtracting and joining what was published.
          expect(smallestDerivableLeak(masks, size, threshold)).toBeNull();
        }

        // Across kinds: a dimension cell beside every item cell of its dimension in the same group
        // gives a sum over that group's respondents who answered some of the dimension's items but
        // not all (a score is the mean of the items answered), and such groups subtract as well.
        for (const dimension of dimensions) {
          const own = items.filter((item) => item.dimension === dimension.id);
          const shown = (kind: Kind, key: string) => pooled.get(kind)?.has(key) ?? false;
          const keys = [...(pooled.get(`dimension:${dimension.id}`)?.keys() ?? [])].filter((key) =>
            own.every((item) => shown(`item:${item.id}`, key)),
          );
          const incomplete = (mask: number) =>
            teams.reduce(
              (sum, team, i) =>
                sum + (mask & (1 << i) ? (aggregates.teams[team.key]?.incomplete?.[dimension.id] ?? 0) : 0),
              0,
            );
          for (const key of keys) {
            const size = incomplete(atoms.get(key)!);
            expect(size === 0 || size >= k).toBe(true);
          }
          const masks = keys.map((key) => atoms.get(key)!);
          expect(smallestDerivableLeak(masks, incomplete, k)).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });
});
