import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../server/domain/report/build-report.ts';
import { contentOrder } from '../../../../server/domain/report/shuffle.ts';
import { createAccumulator, type RawResponse } from '../../../../server/domain/scoring/aggregates.ts';
import { fixtureDimensions, fixtureItems } from '../../../support/scoring-fixture.ts';

const reportDimensions = [
  { id: 'a', name: 'A', outcome: false, recommendations: [] },
  { id: 'x', name: 'X', outcome: true, recommendations: [] },
];
const answers = { a1: 4, a2: 2, a3: 4, x1: 4 };

/** A report of the organization's comments, the teams given in `teamOrder` and answers in the order given. */
function organizationComments(responses: RawResponse[], teamOrder: string[]) {
  const accumulator = createAccumulator(fixtureItems, fixtureDimensions);
  for (const response of responses) accumulator.add(response);
  const report = buildReport({
    organizationName: 'Org',
    teams: teamOrder.map((key) => ({ key, name: key, parentKey: null })),
    aggregates: accumulator.result(),
    dimensions: reportDimensions,
    items: fixtureItems,
    k: 5,
    withItems: false,
  });
  return report.comments;
}

const say = (teamKey: string, count: number, prefix: string): RawResponse[] =>
  Array.from({ length: count }, (_, i) => ({ teamKey, answers, comment: `${prefix} ${i + 1}` }));

describe("the order of a group's comments (R5)", () => {
  // Teams a and c are large enough to show their own comments (max(10, 2k) = 10); b, of 4, is not.
  // By subtraction the organization's would then give b's away, so a's are held back as well (R2 at
  // that threshold, the smaller key first), and b's are read only among the organization's 28.
  const responses = [...say('a', 12, 'from a'), ...say('b', 4, 'from b'), ...say('c', 12, 'from c')];

  it('shows only the groups allowed to, and the small team only within the organization', () => {
    const comments = organizationComments(responses, ['a', 'b', 'c']);
    expect(comments.map((group) => group.teamKey)).toEqual([null, 'c']);
    expect(comments[0]!.comments).toHaveLength(28);
  });

  it("depends only on the words: not on which team said what, the teams' order or the answers' order", () => {
    const organization = (r: RawResponse[], order: string[]) => organizationComments(r, order)[0]!.comments;
    const asGiven = organization(responses, ['a', 'b', 'c']);
    expect(asGiven).toEqual(contentOrder(responses.map((r) => r.comment!)));
    // The same texts, the teams listed in another order and the answers arriving in reverse.
    expect(organization([...responses].reverse(), ['c', 'b', 'a'])).toEqual(asGiven);
    // The same texts said by other teams: b's words now come from a, and some of a's from b.
    const moved = responses.map((r, i) => ({ ...r, teamKey: i < 4 ? 'b' : i < 16 ? 'a' : 'c' }));
    expect(organization(moved, ['a', 'b', 'c'])).toEqual(asGiven);
  });

  it('does not keep the blocks the comments were gathered in', () => {
    // Gathered team by team, the organization's comments were a's, then b's, then c's; a reader who
    // could put that order back would find b's four just before c's, which c's own group shows.
    const asGiven = organizationComments(responses, ['a', 'b', 'c'])[0]!.comments;
    const team = (text: string) => text.split(' ')[1];
    const runs = asGiven.filter((text, i) => i === 0 || team(asGiven[i - 1]!) !== team(text)).length;
    expect(runs).toBeGreaterThan(3);
  });
});

describe('comments beside what the heat map hides (R2, R5)', () => {
  it('gives no block to a group hidden to protect another, however many commented in it', () => {
    // k = 4: t0 (2) is too small, so t1 (5) is hidden with it; t2 has 3 of its own above t3's 10,
    // so t3 is hidden to keep t2's own three from being t2 − t3. A block of t3's comments would
    // say t3 is large, and with t2's 13 that t2's own number 1 to 3.
    const people = [
      ...say('t0', 2, 'zero'),
      ...say('t1', 5, 'one'),
      ...say('t2', 3, 'two'),
      ...say('t3', 10, 'three'),
    ];
    const accumulator = createAccumulator(fixtureItems, fixtureDimensions);
    for (const person of people) accumulator.add(person);
    const report = buildReport({
      organizationName: 'Org',
      teams: [
        { key: 't0', name: 'T0', parentKey: null },
        { key: 't1', name: 'T1', parentKey: null },
        { key: 't2', name: 'T2', parentKey: null },
        { key: 't3', name: 'T3', parentKey: 't2' },
      ],
      aggregates: accumulator.result(),
      dimensions: reportDimensions,
      items: fixtureItems,
      k: 4,
      withItems: false,
    });
    expect(report.groups.filter((g) => !g.suppressed).map((g) => g.teamKey)).toEqual(['t2']);
    expect(report.comments.map((block) => block.teamKey)).toEqual([null]);
  });
});

describe('contentOrder', () => {
  it('orders by each text alone, ties included, and keeps every copy', () => {
    const texts = ['same', 'other', 'same', 'third'];
    const ordered = contentOrder(texts);
    expect([...ordered].sort()).toEqual([...texts].sort());
    expect(contentOrder([...texts].reverse())).toEqual(ordered);
    expect(ordered.indexOf('same') + 1).toBe(ordered.lastIndexOf('same'));
  });
});
