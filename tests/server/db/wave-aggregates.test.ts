import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import { createOrganization, listTeams, replaceTeams } from '../../../server/db/organizations.ts';
import { publishQuestionnaires } from '../../../server/db/questionnaire-versions.ts';
import { insertResponses } from '../../../server/db/responses.ts';
import { computeWaveAggregates, computeWaveSums } from '../../../server/db/wave-aggregates.ts';
import { buildReport } from '../../../server/domain/report/build-report.ts';
import { publishedFigures } from '../../../server/domain/report/published-figures.ts';
import {
  createAccumulator,
  type Moments,
  type RawResponse,
  type ScoredDimension,
  type ScoredItem,
  type WaveAggregates,
} from '../../../server/domain/scoring/aggregates.ts';
import { surveyDefinitionsDir } from '../../../server/paths.ts';
import { loadCatalog } from '../../../server/questionnaires/catalog.ts';
import {
  buildReportOffThread,
  jobsAnsweredOnThreads,
  prepareFreeze,
  reportThreadAnswered,
  reportThreadsEnded,
} from '../../../server/reports/report-builder.ts';
import { createWave } from '../../../server/waves/wave-lifecycle.ts';
import { openMigrated, testDatabases } from '../../support/databases.ts';
import { fixtureDimensions, fixtureItems, threeRespondents } from '../../support/scoring-fixture.ts';

const TEAM_KEYS = ['north', 'south', 'east', 'west'];

/** The accumulator, fed one response at a time: what the database must agree with. */
function accumulate(items: ScoredItem[], dimensions: ScoredDimension[], responses: RawResponse[]) {
  const accumulator = createAccumulator(items, dimensions);
  for (const response of responses) accumulator.add(response);
  return accumulator.result();
}

const closeTo = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

/**
 * Counts, respondents and n must be identical; sums of integers too. Sums of dimension scores are
 * added in another order than the accumulator's, so they agree to 1e-9, relatively.
 */
function expectSameAggregates(actual: WaveAggregates, expected: WaveAggregates) {
  expect(Object.keys(actual.teams).sort()).toEqual(Object.keys(expected.teams).sort());
  for (const [key, team] of Object.entries(expected.teams)) {
    const got = actual.teams[key]!;
    expect(got.respondents).toBe(team.respondents);
    expect(got.items).toEqual(team.items);
    // Who answered a dimension in part, and who answered all of it, decide whether its item cells
    // may be shown: counts, exact.
    expect(got.incomplete).toEqual(team.incomplete);
    expect(got.complete).toEqual(team.complete);
    expect([...got.comments].sort()).toEqual([...team.comments].sort());
    expect(Object.keys(got.dimensions)).toEqual(Object.keys(team.dimensions));
    for (const [dimension, cell] of Object.entries(team.dimensions)) {
      const mine: Moments = got.dimensions[dimension]!;
      expect({ n: mine.n, counts: mine.counts }).toEqual({ n: cell.n, counts: cell.counts });
      expect(closeTo(mine.sum, cell.sum), `${key}.${dimension}.sum ${mine.sum} ≠ ${cell.sum}`).toBe(true);
      expect(closeTo(mine.sumSq, cell.sumSq), `${key}.${dimension}.sumSq ${mine.sumSq} ≠ ${cell.sumSq}`).toBe(
        true,
      );
    }
  }
  expect(actual.organization.reliability).toEqual(expected.organization.reliability);
  expect(Object.keys(actual.organization.drivers)).toEqual(Object.keys(expected.organization.drivers));
  for (const [dimension, sums] of Object.entries(expected.organization.drivers)) {
    const mine = actual.organization.drivers[dimension]!;
    expect(mine.n).toBe(sums.n);
    for (const sum of ['sx', 'sy', 'sxy', 'sxx', 'syy'] as const)
      expect(closeTo(mine[sum], sums[sum]), `${dimension}.${sum} ${mine[sum]} ≠ ${sums[sum]}`).toBe(true);
  }
}

/**
 * A small questionnaire: one to three trust dimensions of one to four items, sometimes an outcome
 * dimension, items reversed at random and listed in a shuffled order.
 */
const questionnaire = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    outcomeSize: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    reversed: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
  })
  .map(({ sizes, outcomeSize, reversed, order }) => {
    const dimensions: ScoredDimension[] = sizes.map((_, d) => ({ id: `trust-${d}`, outcome: false }));
    if (outcomeSize !== null) dimensions.splice(1, 0, { id: 'execution', outcome: true });
    const items: ScoredItem[] = [];
    [...sizes, ...(outcomeSize === null ? [] : [outcomeSize])].forEach((size, d) => {
      const dimension = d < sizes.length ? `trust-${d}` : 'execution';
      for (let i = 0; i < size; i++)
        items.push({ id: `${dimension}-item-${i}`, dimension, reverse: reversed[items.length]! });
    });
    const shuffled = items
      .map((item, i) => ({ item, place: order[i]! }))
      .sort((a, b) => a.place - b.place)
      .map(({ item }) => item);
    return { items: shuffled, dimensions };
  });

/** An answer: mostly 1–5, sometimes skipped as null, sometimes missing from the answers. */
const answer = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const responsesFor = (items: ScoredItem[]) =>
  fc.array(
    fc.record({
      teamKey: fc.constantFrom(...TEAM_KEYS),
      answers: fc.array(answer, { minLength: items.length, maxLength: items.length }),
      comment: fc.oneof(
        fc.constant(null),
        fc.constant(''),
        // PostgreSQL text holds any character but NUL.
        fc.string({ unit: 'grapheme', maxLength: 20 }).filter((text) => !text.includes('\u0000')),
        fc.constantFrom("It's fine.", 'Nothing "works"\\n', 'Más tiempo, por favor'),
      ),
    }),
    { maxLength: 60 },
  );

describe.each(testDatabases())('sums computed by the database at close on $name', (database) => {
  let handle: DatabaseHandle;
  let organizationId: string;
  let teamIds: Map<string, string>;

  beforeAll(async () => {
    handle = await openMigrated(database);
    const catalog = await loadCatalog(surveyDefinitionsDir);
    await publishQuestionnaires(handle.db, catalog.entries());
    const organization = await handle.db
      .transaction()
      .execute((trx) => createOrganization(trx, { name: 'Sums', anonymityThreshold: 3 }));
    organizationId = organization.id;
    await handle.db.transaction().execute((trx) =>
      replaceTeams(
        trx,
        organizationId,
        TEAM_KEYS.map((key) => ({ key, name: key, parentKey: null, headcount: null })),
      ),
    );
    teamIds = new Map((await listTeams(handle.db, organizationId)).map((t) => [t.key, t.id]));
  });
  afterAll(() => handle?.close());

  /** A wave holding exactly these responses, stored in the order of `items`. */
  async function waveWith(items: readonly { id: string }[], responses: RawResponse[]) {
    const wave = await createWave(
      handle.db,
      {
        organizationId,
        title: 'sums',
        questionnaireKey: 'trust-os-pulse',
        questionnaireVersion: '1.0.0',
        closesAt: null,
        teamIds: [...teamIds.values()],
      },
      null,
    );
    await insertResponses(
      handle.db,
      { id: wave.id, questionnaireVersion: 'trust-os-pulse@1.0.0' },
      items,
      teamIds,
      responses,
    );
    return wave.id;
  }

  it('equal the accumulator on random answers: reversed items, skips, several teams, comments', async () => {
    await fc.assert(
      fc.asyncProperty(
        questionnaire.chain((definition) =>
          responsesFor(definition.items).map((responses) => ({ ...definition, responses })),
        ),
        async ({ items, dimensions, responses }) => {
          const raw: RawResponse[] = responses.map((r) => ({
            teamKey: r.teamKey,
            // undefined leaves the item out of the stored answers altogether.
            answers: Object.fromEntries(
              items.flatMap((item, i) => (r.answers[i] === undefined ? [] : [[item.id, r.answers[i]!]])),
            ),
            comment: r.comment,
          }));
          const waveId = await waveWith(items, raw);
          const fromDatabase = await computeWaveAggregates(handle.db, waveId, items, dimensions);
          expectSameAggregates(fromDatabase, accumulate(items, dimensions, raw));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives the hand-computed figures of the scoring fixture', async () => {
    // The three respondents of the scoring fixture, in team north:
    //   r1: a1=5, a2=1 (reverse → 5), a3=4, x1=4 → a score (5+5+4)/3 = 14/3
    //   r2: a1=4, a2=2 (→ 4), a3 skipped, x1=3   → 2 of 3 answered: score (4+4)/2 = 4
    //   r3: a1=2, a2 and a3 skipped, x1=2         → 1 of 3 answered < 2: no a score
    const items = fixtureItems;
    const dimensions = fixtureDimensions;
    const waveId = await waveWith(items, threeRespondents('north'));
    const { teams, organization } = await computeWaveAggregates(handle.db, waveId, items, dimensions);
    const a = teams.north!.dimensions.a!;
    expect(a.n).toBe(2);
    expect(a.sum).toBeCloseTo(14 / 3 + 4, 12);
    // (14/3)² + 4² = 196/9 + 16
    expect(a.sumSq).toBeCloseTo(196 / 9 + 16, 12);
    // Keyed answers in a: r1 5,5,4; r2 4,4; r3 2 → counts of 1..5: [0,1,0,3,2]
    expect(a.counts).toEqual([0, 1, 0, 3, 2]);
    expect(teams.north!.items.a2).toEqual({ n: 2, sum: 9, sumSq: 41, counts: [0, 0, 0, 1, 1] });
    // Only r1 answered all of a: total 14, items 5, 5, 4.
    expect(organization.reliability.a).toEqual({
      n: 1,
      items: { a1: { sum: 5, sumSq: 25 }, a2: { sum: 5, sumSq: 25 }, a3: { sum: 4, sumSq: 16 } },
      totalSum: 14,
      totalSumSq: 196,
    });
    // r1 and r2 have both scores: x = 14/3 and 4, y = 4 and 3.
    const drivers = organization.drivers.a!;
    expect(drivers.n).toBe(2);
    expect(drivers.sx).toBeCloseTo(14 / 3 + 4, 12);
    expect(drivers.sy).toBe(7);
    expect(drivers.sxy).toBeCloseTo((14 / 3) * 4 + 4 * 3, 12);
    expect(drivers.sxx).toBeCloseTo(196 / 9 + 16, 12);
    expect(drivers.syy).toBe(25);
  });

  it('counts exactly in a team with more answers of one value than a packed field holds', async () => {
    // 4,200 of one team answer 5 to the first item: more than the 4,095 a 12-bit field can count.
    const items = [
      { id: 'one', dimension: 'd', reverse: false },
      { id: 'two', dimension: 'd', reverse: true },
    ];
    const dimensions = [{ id: 'd', outcome: false }];
    const responses: RawResponse[] = Array.from({ length: 4200 }, (_, i) => ({
      teamKey: 'north',
      answers: { one: 5, two: i % 3 === 0 ? null : (i % 5) + 1 },
      comment: null,
    }));
    responses.push({ teamKey: 'south', answers: { one: 1, two: 1 }, comment: 'Small team.' });
    for (let i = 0; i < 3; i++)
      responses.push({ teamKey: 'east', answers: { one: 2 + i, two: 3 }, comment: null });
    const waveId = await waveWith(items, responses);
    const fromDatabase = await computeWaveAggregates(handle.db, waveId, items, dimensions);
    expect(fromDatabase.teams.north!.items.one!.counts).toEqual([0, 0, 0, 0, 4200]);
    expectSameAggregates(fromDatabase, accumulate(items, dimensions, responses));
    // Only the large team is summed in parts: a small team's sums, as stored, are never split into
    // parts of one or two people.
    const stored = JSON.parse((await computeWaveSums(handle.db, waveId, items, dimensions)).sums) as {
      teams: [string, number, number[]][];
    };
    const parts = (key: string) => stored.teams.filter(([teamKey]) => teamKey === key).map(([, n]) => n);
    expect(parts('north').length).toBeGreaterThan(1);
    expect(parts('north').reduce((a, b) => a + b, 0)).toBe(4200);
    expect(parts('south')).toEqual([1]);
    expect(parts('east')).toEqual([3]);
  });

  it('counts a team whose packed counts would overflow a 64-bit integer before it is summed in parts', async () => {
    // 32,768 answers of 5 to one item, all answered alike: one group whose packed sum, 2^15 × 2^48,
    // is past the largest bigint. The close must sum the team in parts, not fail.
    const items = [{ id: 'one', dimension: 'd', reverse: false }];
    const dimensions = [{ id: 'd', outcome: false }];
    const responses: RawResponse[] = Array.from({ length: 32_768 }, () => ({
      teamKey: 'west',
      answers: { one: 5 },
      comment: null,
    }));
    responses.push({ teamKey: 'south', answers: { one: 2 }, comment: null });
    const waveId = await waveWith(items, responses);
    const fromDatabase = await computeWaveAggregates(handle.db, waveId, items, dimensions);
    expect(fromDatabase.teams.west!.items.one!.counts).toEqual([0, 0, 0, 0, 32_768]);
    expect(fromDatabase.teams.west!.respondents).toBe(32_768);
    expectSameAggregates(fromDatabase, accumulate(items, dimensions, responses));
  });

  it('freezes on the report thread the same published figures as worked out in place', async () => {
    const items = fixtureItems;
    const dimensions = fixtureDimensions;
    // Three teams of several respondents, one of two that the report hides (k = 3).
    const responses: RawResponse[] = ['north', 'south', 'east'].flatMap((teamKey, t) =>
      Array.from({ length: 3 + t }, (_, i) => ({
        teamKey,
        answers: Object.fromEntries(items.map((item, j) => [item.id, ((i + j + t) % 5) + 1])),
        comment: i === 0 ? `From ${teamKey}` : null,
      })),
    );
    responses.push(...threeRespondents('west').slice(0, 2));
    const waveId = await waveWith(items, responses);
    const sums = await computeWaveSums(handle.db, waveId, items, dimensions);
    const report = {
      organizationName: 'Sums',
      teams: TEAM_KEYS.map((key) => ({ key, name: key, parentKey: null })),
      dimensions: dimensions.map((d) => ({ ...d, name: d.id, recommendations: [] })),
      items,
      k: 3,
      withItems: true,
      previous: null,
    };
    // A thread that has built a report before is not given the freeze: the freeze gets a thread of
    // its own, which ends after it, and both threads end.
    const { previous: _, ...input } = report;
    await buildReportOffThread({ input, frozen: sums, previous: null });
    expect(reportThreadAnswered()).toBe(true);
    const [ended, answered] = [reportThreadsEnded(), jobsAnsweredOnThreads()];
    const frozen = await prepareFreeze()({ sums, report });
    expect(jobsAnsweredOnThreads()).toBe(answered + 1);
    expect(reportThreadAnswered()).toBe(false);
    await vi.waitFor(() => expect(reportThreadsEnded()).toBe(ended + 2), { timeout: 10_000 });

    const aggregates = await computeWaveAggregates(handle.db, waveId, items, dimensions);
    const asStored = (value: unknown) => JSON.parse(JSON.stringify(value));
    // Only the figures come back: the sums are stored as the database wrote them.
    expect(Object.keys(frozen)).toEqual(['published']);
    const published = JSON.parse(frozen.published);
    expect(published).toEqual(asStored(publishedFigures(buildReport({ ...report, aggregates }))));
    const byTeam = new Map(published.groups.map((g: { teamKey: string }) => [g.teamKey, g]));
    expect(byTeam.get('east')).toMatchObject({ dimensions: { a: { n: 5 } }, items: { a1: { n: 5 } } });
    expect(byTeam.get('west')).toMatchObject({ dimensions: { a: null } });
  });

  it('lists comments in the order of the random response ids, not the order they were stored (A6, R5)', async () => {
    const wave = await createWave(
      handle.db,
      {
        organizationId,
        title: 'order',
        questionnaireKey: 'trust-os-pulse',
        questionnaireVersion: '1.0.0',
        closesAt: null,
        teamIds: [...teamIds.values()],
      },
      null,
    );
    const ids = Array.from({ length: 20 }, () => randomUUID()).sort();
    // Stored one statement at a time in an order unrelated to the ids.
    const storage = ids.map((id, i) => ({ id, i, place: Math.random() })).sort((a, b) => a.place - b.place);
    for (const { id, i } of storage)
      await handle.db
        .insertInto('response')
        .values({
          id,
          wave_id: wave.id,
          team_id: teamIds.get('north')!,
          questionnaire_version: 'trust-os-pulse@1.0.0',
          answers: '{3}',
          comment: `comment ${i}`,
        })
        .execute();
    const { teams } = await computeWaveAggregates(
      handle.db,
      wave.id,
      [{ id: 'q', dimension: 'd', reverse: false }],
      [{ id: 'd', outcome: false }],
    );
    expect(teams.north!.comments).toEqual(ids.map((_, i) => `comment ${i}`));
  });
});
