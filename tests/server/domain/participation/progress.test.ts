import { describe, expect, it } from 'vitest';
import { Hierarchy } from '../../../../server/domain/hierarchy/hierarchy.ts';
import {
  participationRate,
  TARGET_RATE,
  type WaveTeamCounts,
  waveProgress,
} from '../../../../server/domain/participation/progress.ts';

const noMail = { recipients: 0, queued: 0, sent: 0, failed: 0 };
const counts = (responses: number, headcount: number | null, name = 'Team'): WaveTeamCounts => ({
  name,
  responses,
  headcount,
  mail: noMail,
});

// Drawn by hand, siblings in the order given; (out) marks teams the wave does not cover:
//
//   (organization)
//   ├── eng        4 people, 1 answer
//   │   ├── web   10 people, 5 answers
//   │   │   └── ui     headcount unknown, 2 answers
//   │   ├── api    5 people, 3 answers
//   │   └── platform (out), 100 people
//   │       └── mobile   6 people, 1 answer
//   ├── ops (out), 50 people
//   │   └── field   8 people, 4 answers
//   └── sales      headcount unknown, 6 answers
const hierarchy = Hierarchy.from([
  { key: 'eng', parentKey: null },
  { key: 'ops', parentKey: null },
  { key: 'sales', parentKey: null },
  { key: 'web', parentKey: 'eng' },
  { key: 'api', parentKey: 'eng' },
  { key: 'platform', parentKey: 'eng' },
  { key: 'ui', parentKey: 'web' },
  { key: 'mobile', parentKey: 'platform' },
  { key: 'field', parentKey: 'ops' },
]);
const inWave = new Map([
  ['eng', counts(1, 4, 'Engineering')],
  ['web', counts(5, 10, 'Web')],
  ['ui', counts(2, null, 'UI')],
  ['api', counts(3, 5, 'API')],
  ['mobile', counts(1, 6, 'Mobile')],
  ['field', counts(4, 8, 'Field')],
  ['sales', counts(6, null, 'Sales')],
]);

describe('the progress of a wave over a hierarchy drawn by hand', () => {
  const progress = waveProgress(hierarchy, inWave);
  const row = (key: string) => progress.teams.find((team) => team.teamKey === key)!;

  it('lists the teams of the wave depth first, each under its nearest ancestor in the wave', () => {
    expect(progress.teams.map((t) => [t.teamKey, t.parentKey, t.depth])).toEqual([
      ['eng', null, 0],
      ['web', 'eng', 1],
      ['ui', 'web', 2],
      ['api', 'eng', 1],
      // platform is out: mobile rolls up to eng, one row below it.
      ['mobile', 'eng', 1],
      // ops is out and has no ancestor: field stands at the top.
      ['field', null, 0],
      ['sales', null, 0],
    ]);
  });

  it("computes each team's own figures from its own answers and headcount", () => {
    // eng 1/4 = 0.25; web 5/10 = 0.5; ui unknown; api 3/5 = 0.6; mobile 1/6 = 0.1666… → 0.166.
    expect(row('eng')).toMatchObject({ responses: 1, headcount: 4, rate: 0.25, teamName: 'Engineering' });
    expect(row('web')).toMatchObject({ responses: 5, headcount: 10, rate: 0.5 });
    expect(row('ui')).toMatchObject({ responses: 2, headcount: null, rate: null });
    expect(row('api')).toMatchObject({ responses: 3, headcount: 5, rate: 0.6 });
    expect(row('mobile')).toMatchObject({ responses: 1, headcount: 6, rate: 0.166 });
  });

  it('sums subtrees over the teams of the wave only, headcounts over the known ones', () => {
    // ui alone: nothing known.
    expect(row('ui').subtree).toEqual({ responses: 2, headcount: null, rate: null });
    // web + ui: 5 + 2 = 7 answers over 10 known people = 0.7 (ui's 2 counted, its people not).
    expect(row('web').subtree).toEqual({ responses: 7, headcount: 10, rate: 0.7 });
    // eng + web + ui + api + mobile: 1 + 5 + 2 + 3 + 1 = 12 over 4 + 10 + 5 + 6 = 25 = 0.48;
    // platform's 100 people are not in the wave and count nowhere.
    expect(row('eng').subtree).toEqual({ responses: 12, headcount: 25, rate: 0.48 });
    // field alone; ops' 50 people count nowhere either.
    expect(row('field').subtree).toEqual({ responses: 4, headcount: 8, rate: 0.5 });
    expect(row('sales').subtree).toEqual({ responses: 6, headcount: null, rate: null });
  });

  it('totals every team of the wave: 22 answers over 33 known people, truncated to 0.666', () => {
    // 12 (eng's subtree) + 4 (field) + 6 (sales) = 22; 25 + 8 = 33; 22/33 = 0.6666… → 0.666.
    expect(progress.total).toEqual({ responses: 22, headcount: 33, rate: 0.666 });
  });

  it('flags subtrees whose known rate is below the target, and only those', () => {
    // eng 0.48, field 0.5, mobile 0.166 are below; web 0.7 and api exactly 0.6 are not; ui and
    // sales have no rate to judge.
    expect(progress.teams.filter((t) => t.belowTarget).map((t) => t.teamKey)).toEqual([
      'eng',
      'mobile',
      'field',
    ]);
  });

  it('refuses a team of the wave that the hierarchy does not hold', () => {
    expect(() => waveProgress(hierarchy, new Map([['gone', counts(1, 1)]]))).toThrow(/not in the hierarchy/);
  });
});

describe('the target and the rate', () => {
  it('sets the target at 0.6', () => {
    expect(TARGET_RATE).toBe(0.6);
  });

  it.each([
    // responses, headcount, rate shown, below the target
    [3, 5, 0.6, false], // exactly 3/5: at the target, not below it
    [6, 10, 0.6, false],
    [599, 1000, 0.599, true], // just under
    [5999, 10000, 0.599, true], // 0.5999 would round to 0.600 and contradict its flag; truncated
    [29, 100, 0.29, true], // 0.29 × 1000 is 289.99… in floating point; 29 × 1000 / 100 is exact
    [2, 3, 0.666, false], // 0.6666…: truncated, not rounded to 0.667
    [7, 10, 0.7, false],
  ])('%i of %i people → %f, below: %s', (responses, headcount, rate, below) => {
    expect(participationRate(responses, headcount)).toBe(rate);
    const progress = waveProgress(
      Hierarchy.from([{ key: 't', parentKey: null }]),
      new Map([['t', counts(responses, headcount)]]),
    );
    expect(progress.teams[0]).toMatchObject({ rate, belowTarget: below, subtree: { rate } });
  });

  it('caps the rate at 1 and marks a link full at headcount + max(5, 20 %)', () => {
    const hierarchy = Hierarchy.from([
      { key: 'a', parentKey: null },
      { key: 'b', parentKey: null },
      { key: 'c', parentKey: null },
      { key: 'd', parentKey: 'c' },
    ]);
    const progress = waveProgress(
      hierarchy,
      new Map([
        // 4 people: the link takes 4 + max(5, 0.8 → 1) = 9.
        ['a', counts(8, 4)],
        ['b', counts(9, 4)],
        // 0 people: no rate; the link takes 0 + 5.
        ['c', counts(5, 0)],
        // 1 of 2 people below c: c's subtree is 5 + 1 = 6 over 0 + 2 = 2, capped at 1.
        ['d', counts(1, 2)],
      ]),
    );
    expect(progress.teams.map((t) => [t.teamKey, t.rate, t.full, t.subtree.rate, t.belowTarget])).toEqual([
      ['a', 1, false, 1, false],
      ['b', 1, true, 1, false],
      ['c', null, true, 1, false],
      ['d', 0.5, false, 0.5, true],
    ]);
    // 8 + 9 + 5 + 1 = 23 over 4 + 4 + 0 + 2 = 10: capped at 1.
    expect(progress.total).toEqual({ responses: 23, headcount: 10, rate: 1 });
  });

  it('has no headcount and no rate for a wave whose teams have none', () => {
    const progress = waveProgress(
      Hierarchy.from([{ key: 't', parentKey: null }]),
      new Map([['t', counts(3, null)]]),
    );
    expect(progress.total).toEqual({ responses: 3, headcount: null, rate: null });
    expect(progress.teams[0]).toMatchObject({ full: false, belowTarget: false });
  });
});

describe('a chain 5,000 teams deep', () => {
  // t0 ← t1 ← … ← t4999, each with 1 person who answered: nothing here may recurse.
  const chain = Array.from({ length: 5000 }, (_, i) => ({
    key: `t${i}`,
    parentKey: i === 0 ? null : `t${i - 1}`,
  }));
  const hierarchy = Hierarchy.from(chain);

  it('rolls every team up into the top one without running out of stack', () => {
    const progress = waveProgress(hierarchy, new Map(chain.map((t) => [t.key, counts(1, 1)])));
    expect(progress.teams).toHaveLength(5000);
    expect(progress.teams[0]!.subtree).toEqual({ responses: 5000, headcount: 5000, rate: 1 });
    expect(progress.teams[4999]).toMatchObject({ teamKey: 't4999', parentKey: 't4998', depth: 4999 });
    expect(progress.total).toEqual({ responses: 5000, headcount: 5000, rate: 1 });
  });

  it('skips every other team when only the even ones are in the wave', () => {
    // t2k's nearest ancestor in the wave is t2k−2: 2,500 rows, depth 0 to 2,499.
    const even = new Map(chain.filter((_, i) => i % 2 === 0).map((t) => [t.key, counts(1, 2)]));
    const progress = waveProgress(hierarchy, even);
    expect(progress.teams).toHaveLength(2500);
    expect(progress.teams[2499]).toMatchObject({ teamKey: 't4998', parentKey: 't4996', depth: 2499 });
    // 2,500 answers over 5,000 people: 0.5, below the target.
    expect(progress.teams[0]).toMatchObject({
      subtree: { responses: 2500, headcount: 5000, rate: 0.5 },
      belowTarget: true,
    });
  });
});
