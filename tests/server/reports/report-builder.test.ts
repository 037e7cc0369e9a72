import { describe, expect, it, vi } from 'vitest';
import {
  buildRankedReport,
  buildReport,
  type ReportInput,
} from '../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../server/domain/report/published-figures.ts';
import { type ReportSlice, sliceReport } from '../../../server/domain/report/slice-report.ts';
import { createAccumulator, type ScoredItem } from '../../../server/domain/scoring/aggregates.ts';
import {
  buildReportOffThread,
  itemSliceOffThread,
  jobsAnsweredOnThreads,
  prepareFreeze,
  type ReportSource,
  reportInputOf,
  reportThreadAnswered,
  reportThreadsEnded,
  runJob,
  setReportThreadHeapLimit,
} from '../../../server/reports/report-builder.ts';

const items: ScoredItem[] = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: true },
  { id: 'o1', dimension: 'o', reverse: false },
];

/**
 * A report's input; with `previous`, it carries the figures a previous wave published (the same
 * organization at another k), so that trends cross the thread too.
 */
function input(size = 12, previous = true): ReportInput {
  const teams = [
    { key: 'dept', name: 'Department', parentKey: null },
    ...Array.from({ length: size }, (_, i) => ({ key: `t${i}`, name: `Team ${i}`, parentKey: 'dept' })),
  ];
  const accumulator = createAccumulator(items, [
    { id: 'a', outcome: false },
    { id: 'o', outcome: true },
  ]);
  teams.slice(1).forEach((team, t) => {
    // Team 0 stays below k, so suppression decisions are part of what crosses the thread.
    for (let i = 0; i < (t === 0 ? 2 : 6 + t); i++)
      accumulator.add({
        teamKey: team.key,
        answers: { a1: 1 + ((i + t) % 5), a2: 1 + (i % 3), o1: i % 4 === 0 ? null : 2 + (i % 4) },
        comment: i === 0 ? `A comment from ${team.name}` : null,
      });
  });
  const made: ReportInput = {
    organizationName: 'Org',
    teams,
    aggregates: accumulator.result(),
    dimensions: [
      { id: 'a', name: 'A', outcome: false, recommendations: ['Do a'] },
      { id: 'o', name: 'O', outcome: true, recommendations: [] },
    ],
    items,
    k: 5,
    withItems: true,
    previous: null,
  };
  return previous ? { ...made, previous: publishedFigures(buildReport({ ...made, k: 3 })) } : made;
}

/** What a closed wave's report gets: its input, its sums and the previous wave's figures as the JSON texts stored. */
const sourceOf = ({ aggregates, previous, ...rest }: ReportInput): ReportSource => ({
  input: rest,
  frozen: { aggregates: JSON.stringify(aggregates) },
  previous: previous ? JSON.stringify(previous) : null,
});
/** The report the thread builds, as the kept text gives it back whole. */
/** A slice as the whole report and its ranking give it. */
const sliceOf = (one: ReportInput, slice: ReportSlice) => {
  const { report, ranking } = buildRankedReport(one);
  return sliceReport(report, slice, ranking);
};

const offThread = async (one: ReportInput) => (await buildReportOffThread(sourceOf(one))).whole();

describe('building reports on their own thread', () => {
  // First, while no thread has started: the bound applies to threads started after it is set.
  it("builds in place a report too large for the thread's heap, and goes on using threads", async () => {
    const ended = reportThreadsEnded();
    const large = input(6_000, false);
    setReportThreadHeapLimit(8);
    try {
      expect(await offThread(large)).toEqual(buildReport(large));
    } finally {
      setReportThreadHeapLimit(1024);
    }
    // The thread ran out of heap and ended; the report was built here instead.
    expect(reportThreadsEnded()).toBe(ended + 1);
    expect(reportThreadAnswered()).toBe(false);
    // Running out of heap is no sign that threads do not work: the next report gets a new one.
    expect(await offThread(input())).toEqual(buildReport(input()));
    expect(reportThreadAnswered()).toBe(true);
  });

  it('gives exactly the report built in place, and leaves the event loop free meanwhile', async () => {
    const asked = offThread(input());
    let settled = false;
    void asked.then(() => {
      settled = true;
    });
    // Built in place, the report would be there once these microtasks have run. From the thread it
    // comes back as a message, which only a later turn of the event loop delivers, however fast
    // the thread (a count of turns said nothing once the thread was warm).
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(settled).toBe(false);
    const report = await asked;
    expect(report).toEqual(buildReport(input()));
    // The previous wave's figures crossed too: the report compares against them.
    expect(report.organization.dimensions.a?.trend).toBeDefined();
    expect(reportThreadAnswered()).toBe(true);
  });

  it('builds in place what cannot be copied to the thread, and leaves the thread serving', async () => {
    // A function cannot cross to another thread; the builder never reads this property.
    const uncopyable = { ...input(), extra: () => {} } as ReportInput;
    expect(await offThread(uncopyable)).toEqual(buildReport(input()));
    expect(await offThread(input())).toEqual(buildReport(input()));
    expect(reportThreadAnswered()).toBe(true);
  });

  it('ends a thread left idle, which gives its memory back, and starts a new one for the next report', async () => {
    await offThread(input());
    expect(reportThreadAnswered()).toBe(true);
    const ended = reportThreadsEnded();
    // Ended after some seconds with nothing to do: the thread has exited, and none is serving.
    await vi.waitFor(
      () => {
        expect(reportThreadsEnded()).toBeGreaterThan(ended);
        expect(reportThreadAnswered()).toBe(false);
      },
      { timeout: 60_000, interval: 100 },
    );
    // The next report is built on a new thread, not in place.
    expect(await offThread(input())).toEqual(buildReport(input()));
    expect(reportThreadAnswered()).toBe(true);
  });

  it('serves several reports asked for at once, each its own', async () => {
    const inputs = [3, 5, 8].map((k) => ({ ...input(), k }));
    const reports = await Promise.all(inputs.map(offThread));
    expect(reports).toEqual(inputs.map((one) => buildReport(one)));
    expect(new Set(reports.map((r) => r.anonymityThreshold))).toEqual(new Set([3, 5, 8]));
  });

  it('answers item detail from the basis it keeps, so the sums of a wave cross once', async () => {
    const one = input();
    const other = { ...input(), k: 3 };
    const asked: string[] = [];
    const basisOf = (name: string, one: ReportInput) => async () => {
      asked.push(name);
      return sourceOf(one);
    };
    const slices = [
      { root: 't3', depth: 0 },
      { root: null, depth: 1 },
      { root: 'dept', depth: 1 },
      { root: 'nowhere', depth: 0 },
    ];
    for (const slice of slices)
      expect(await itemSliceOffThread('one', slice, basisOf('one', one))).toEqual(sliceOf(one, slice));
    // The first click sent the sums; the others were answered from what the thread kept.
    expect(asked).toEqual(['one']);
    expect(reportThreadAnswered()).toBe(true);
    // Another wave's detail is kept beside it: clicks on the two in turn build neither again.
    for (const key of ['other', 'one', 'other'])
      expect(await itemSliceOffThread(key, slices[0]!, basisOf(key, key === 'one' ? one : other))).toEqual(
        sliceOf(key === 'one' ? one : other, slices[0]!),
      );
    expect(asked).toEqual(['one', 'other']);
    // Any other work empties the thread's bases first: the next click sends the sums again.
    await offThread(input());
    expect(await itemSliceOffThread('one', slices[0]!, basisOf('one', one))).toEqual(
      sliceOf(one, slices[0]!),
    );
    expect(asked).toEqual(['one', 'other', 'one']);
  });

  it('freezes on a thread of its own beside a report being built, and ends only that thread', async () => {
    await offThread(input());
    expect(reportThreadAnswered()).toBe(true);
    const [ended, answered] = [reportThreadsEnded(), jobsAnsweredOnThreads()];
    const large = input(1_500, false);
    const building = offThread(large);
    // A wave with no answers: every group is frozen hidden.
    const { aggregates: _, ...report } = input(3, false);
    const freezing = prepareFreeze()({
      sums: { sums: JSON.stringify({ teams: null, scores: null, pairs: null }), comments: '[]' },
      report,
    });
    const [built, frozen] = await Promise.all([building, freezing]);
    expect(built).toEqual(buildReport(large));
    const published = JSON.parse(frozen.published);
    expect(published.groups).toHaveLength(report.teams.length);
    expect(published.organization.dimensions).toEqual({ a: null, o: null });
    // Both were answered on threads: the report's, busy, went on serving; the freeze's has ended.
    expect(jobsAnsweredOnThreads()).toBe(answered + 2);
    expect(reportThreadAnswered()).toBe(true);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(ended + 1), { timeout: 10_000, interval: 20 });
    expect(reportThreadAnswered()).toBe(true);
  });

  it('starts a freeze thread ahead, and freezes on another when that one ended unused', async () => {
    const { aggregates: _, ...report } = input(3, false);
    const empty = { sums: JSON.stringify({ teams: null, scores: null, pairs: null }), comments: '[]' };
    // A freeze first ends the reports' thread if it is idle, then its own: afterwards, only the
    // threads of this test start and end.
    const before = reportThreadsEnded() + (reportThreadAnswered() ? 2 : 1);
    const expected = JSON.parse((await prepareFreeze()({ sums: empty, report })).published);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(before), { timeout: 10_000, interval: 20 });

    // Given its work in time, the thread started ahead does it and ends.
    let [ended, answered] = [reportThreadsEnded(), jobsAnsweredOnThreads()];
    const ready = prepareFreeze();
    expect(JSON.parse((await ready({ sums: empty, report })).published)).toEqual(expected);
    expect(jobsAnsweredOnThreads()).toBe(answered + 1);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(ended + 1), { timeout: 10_000, interval: 20 });

    // Left without work (a close that failed before its sums came), it ends by itself; a freeze
    // asked of it afterwards is done all the same, on a thread of its own.
    [ended, answered] = [reportThreadsEnded(), jobsAnsweredOnThreads()];
    const unused = prepareFreeze(0);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(ended + 1), { timeout: 10_000, interval: 20 });
    expect(JSON.parse((await unused({ sums: empty, report })).published)).toEqual(expected);
    expect(jobsAnsweredOnThreads()).toBe(answered + 1);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(ended + 2), { timeout: 10_000, interval: 20 });
  });

  it('reads a previous wave stored as a JSON null as no previous wave', () => {
    const { aggregates: _, previous: __, ...rest } = input();
    const source = {
      input: rest,
      frozen: { aggregates: '{"teams":{},"organization":{"reliability":{},"drivers":{}}}' },
    };
    expect(reportInputOf({ ...source, previous: 'null' }).previous).toBeNull();
    expect(reportInputOf({ ...source, previous: null }).previous).toBeNull();
  });

  it('keeps no basis where it works without a thread, where nothing would give its memory back', () => {
    const slice = { root: 't3', depth: 0 };
    const made = runJob({ kind: 'slice', key: 'in place', slice, basis: sourceOf(input()) });
    expect(made).toEqual({ report: sliceOf(input(), slice) });
    expect(runJob({ kind: 'slice', key: 'in place', slice })).toEqual({ missing: true });
  });
});
