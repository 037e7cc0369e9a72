import { describe, expect, it } from 'vitest';
import type { Group, Report } from '../../../server/domain/report/build-report.ts';
import type { HotspotRanking } from '../../../server/domain/report/hotspots.ts';
import { KeptReport, keptReportParts } from '../../../server/reports/kept-report.ts';
import { ReportCache, WeightedCache } from '../../../server/reports/report-cache.ts';

const group = (teamKey: string | null, dimensions: number): Group => ({
  teamKey,
  name: teamKey ?? 'Organization',
  parentKey: null,
  depth: teamKey === null ? 0 : 1,
  suppressed: false,
  n: 10,
  trustIndex: 50,
  dimensions: Object.fromEntries(Array.from({ length: dimensions }, (_, i) => [`d${i}`, null])),
});

const NO_HOTSPOTS: HotspotRanking = {
  group: new Uint32Array(),
  dimension: new Uint16Array(),
  score: new Float64Array(),
  delta: new Float64Array(),
  dimensions: [],
};

/** A report of `teams` teams with `dimensions` dimensions: (teams + 1) × (dimensions + 1) cells. */
const report = (teams: number, dimensions = 4) =>
  new KeptReport(keptReportParts({ report: reportObject(teams, dimensions), ranking: NO_HOTSPOTS }));

const reportObject = (teams: number, dimensions: number): Report => ({
  anonymityThreshold: 5,
  dimensions: [],
  organization: group(null, dimensions),
  groups: Array.from({ length: teams }, (_, i) => group(`t${i}`, dimensions)),
  hotspots: [],
  drivers: [],
  reliability: {},
  comments: [{ teamKey: null, name: 'Organization', comments: ['Good team.'] }],
});

describe('the cache of closed-wave reports', () => {
  it('gives back what it was given, and lets go of the least recently read first when over budget', () => {
    // Each report of 9 teams weighs 10 × 5 = 50 cells; the budget holds two.
    const cache = new ReportCache(100);
    const a = cache.set('a', report(9));
    cache.set('b', report(9));
    expect(cache.get('a')).toBe(a);
    cache.set('c', report(9));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('keeps nothing larger than its whole budget, and still hands the report back', () => {
    const cache = new ReportCache(100);
    const large = report(30);
    expect(cache.set('large', large)).toBe(large);
    expect(cache.get('large')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('hands every reader a report of its own, so no reader can change what the next one sees', () => {
    const cache = new ReportCache(1000);
    cache.set('a', report(2));
    const read = cache.get('a')!.whole();
    read.groups[0]!.name = 'changed';
    // What is not a group is shared between readers, and frozen.
    expect(() => read.comments[0]!.comments.push('another')).toThrow(TypeError);
    expect(() => {
      read.organization.name = 'changed';
    }).toThrow(TypeError);
    expect(cache.get('a')!.whole().groups[0]!.name).toBe('t0');
    expect(cache.get('a')!.whole().comments[0]!.comments).toEqual(['Good team.']);
  });

  it('replaces an entry under the same key without counting it twice', () => {
    const cache = new ReportCache(100);
    cache.set('a', report(9));
    cache.set('a', report(9));
    cache.set('b', report(9));
    expect(cache.size).toBe(2);
  });
});

describe('values kept up to a budget of weight', () => {
  it('lets the least recently asked go first, makes room before a value is made, and empties', () => {
    const cache = new WeightedCache<string>(10);
    cache.set('a', 'A', 4);
    cache.set('b', 'B', 4);
    expect(cache.get('a')).toBe('A');
    // Room for 4 more: `b`, asked least recently, goes; `a` stays.
    cache.makeRoom(4);
    expect([cache.get('a'), cache.get('b'), cache.size]).toEqual(['A', undefined, 1]);
    cache.set('c', 'C', 6);
    expect(cache.size).toBe(2);
    cache.clear();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([undefined, undefined, 0]);
  });

  it('keeps a value heavier than the whole budget, alone', () => {
    const cache = new WeightedCache<string>(10);
    cache.set('a', 'A', 4);
    cache.set('big', 'BIG', 25);
    expect([cache.get('a'), cache.get('big'), cache.size]).toEqual([undefined, 'BIG', 1]);
    cache.set('a', 'A', 4);
    expect([cache.get('big'), cache.get('a')]).toEqual([undefined, 'A']);
  });
});
