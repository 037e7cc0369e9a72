import { randomUUID } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, createDemoIfEmpty, type DemoAccounts } from '../../../server/demo/create-demo.ts';
import { commentThreshold } from '../../../server/domain/report/build-report.ts';
import { aggregatesFromFrozen } from '../../../server/domain/scoring/sums-document.ts';
import { sealClosedWaves } from '../../../server/waves/wave-lifecycle.ts';
import { reportSchema } from '../../../shared/contract/reports.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers, TEAMS_CSV } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

interface Cell {
  n: number;
  score: number;
  ci95: [number, number];
}
interface Group {
  teamKey: string | null;
  suppressed: boolean;
  n: number | null;
  dimensions: Record<string, Cell | null>;
  suppressionReason?: string;
}

describe.each(testDatabases())('diagnostic reports on $name', (database) => {
  let test: TestApp;
  let demo: DemoAccounts;
  let consultant: string;
  let leader: string;
  let pulseId: string;
  let diagnosticId: string;

  beforeAll(async () => {
    test = await startTestApp(database);
    demo = (await createDemoIfEmpty(test.handle.db, test.app.questionnaires))!;
    consultant = await signIn(test.app, demo.consultant.email, demo.consultant.password);
    leader = await signIn(test.app, demo.leader.email, demo.leader.password);
    const waves = await call(test.app, leader, 'GET', `/api/organizations/${demo.organizationId}/waves`);
    pulseId = waves.find(
      (w: { questionnaire: { key: string } }) => w.questionnaire.key === 'trust-os-pulse',
    ).id;
    diagnosticId = waves.find(
      (w: { questionnaire: { key: string } }) => w.questionnaire.key === 'trust-os-diagnostic',
    ).id;
  });
  afterAll(() => test?.close());

  it('creates the demo once: a second start on the same database adds nothing', async () => {
    expect(await createDemoIfEmpty(test.handle.db, test.app.questionnaires)).toBeNull();
    expect(await test.handle.db.selectFrom('organization').select('id').execute()).toHaveLength(1);
  });

  it('shows a leader the heat map with small teams suppressed, publishing not even their n', async () => {
    const report = await call(test.app, leader, 'GET', `/api/waves/${pulseId}/report`);
    expect(report.anonymityThreshold).toBe(5);
    expect(report.dimensions.map((d: { id: string }) => d.id)).toEqual([
      'decision-stability',
      'ownership',
      'authority',
      'psychological-safety',
      'execution',
    ]);
    const web = report.groups.find((g: Group) => g.teamKey === 'eng-apps-web');
    expect(web).toMatchObject({ suppressed: true, n: null, trustIndex: null });
    expect(Object.values(web.dimensions).every((cell) => cell === null)).toBe(true);
    expect(report.groups.filter((g: Group) => g.suppressed).length).toBeGreaterThan(1);
    for (const group of [report.organization, ...report.groups] as Group[]) {
      // Not why it is hidden either: below k, or protecting a smaller group, would say on which
      // side of k its n lies.
      expect(group).not.toHaveProperty('suppressionReason');
      if (group.suppressed) continue;
      expect(group.n).toBeGreaterThanOrEqual(5);
      for (const cell of Object.values(group.dimensions)) if (cell) expect(cell.n).toBeGreaterThanOrEqual(5);
    }
    expect(report.organization.n).toBe(110);
    expect(report.organization.trustIndex).toBeGreaterThan(0);
    expect(report.hotspots.length).toBeGreaterThan(0);
    expect(report.hotspots[0].recommendations.length).toBeGreaterThan(0);
  });

  it('shows trends against the previous closed wave, matched by item and dimension', async () => {
    const report = await call(test.app, leader, 'GET', `/api/waves/${pulseId}/report?detail=items`);
    const cell = report.organization.dimensions['decision-stability'];
    expect(cell.trend).toMatchObject({
      previousScore: expect.any(Number),
      change: expect.any(Number),
      significant: expect.any(Boolean),
    });
    expect(report.organization.items['ds-reopened'].trend).toBeDefined();
  });

  it('compares against exactly what the previous wave published, kept at its close or sealed once at start-up', async () => {
    const url = `/api/waves/${pulseId}/report?detail=items`;
    const pulse = await call(test.app, leader, 'GET', url);
    const diagnostic = await call(test.app, leader, 'GET', `/api/waves/${diagnosticId}/report?detail=items`);
    const before = new Map([diagnostic.organization, ...diagnostic.groups].map((g: Group) => [g.teamKey, g]));
    let compared = 0;
    for (const group of [pulse.organization, ...pulse.groups] as (Group & {
      items: Record<string, Cell>;
    })[]) {
      const earlier = before.get(group.teamKey) as (Group & { items: Record<string, Cell> }) | undefined;
      for (const kind of ['dimensions', 'items'] as const) {
        for (const [id, cell] of Object.entries(group[kind])) {
          if (!cell) continue;
          const previous = earlier?.[kind][id] ?? null;
          const trend = (cell as Cell & { trend?: { previousScore: number } }).trend;
          // A trend only against a cell the previous wave showed, and against its published score.
          expect(trend?.previousScore ?? null).toBe(previous?.score ?? null);
          if (trend) compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);

    // A wave closed before published figures were kept: reading a report writes nothing (it shows
    // no trend meanwhile); the start-up seal works them out once, and the trends are the same.
    await test.handle.db
      .updateTable('wave_snapshot')
      .set({ published: null })
      .where('wave_id', '=', diagnosticId)
      .execute();
    await test.handle.db.updateTable('wave').set({ sealed: false }).where('id', '=', diagnosticId).execute();
    const published = () =>
      test.handle.db
        .selectFrom('wave_snapshot')
        .select('published')
        .where('wave_id', '=', diagnosticId)
        .executeTakeFirstOrThrow();
    const unsealed = await call(test.app, leader, 'GET', url);
    expect(unsealed.organization.dimensions['decision-stability'].trend).toBeUndefined();
    expect((await published()).published).toBeNull();
    expect(await sealClosedWaves(test.handle.db, test.app.questionnaires)).toBe(1);
    expect((await published()).published).not.toBeNull();
    expect(await call(test.app, leader, 'GET', url)).toEqual(pulse);
  });

  it('reads a snapshot of the earlier form (the sums decoded, as JSON) into the same report', async () => {
    const url = `/api/waves/${diagnosticId}/report?detail=items`;
    const stored = () =>
      test.handle.db
        .selectFrom('wave_snapshot')
        .select([
          sql<string | null>`sums::text`.as('sums'),
          sql<string | null>`comments::text`.as('comments'),
          sql<string | null>`aggregates::text`.as('aggregates'),
        ])
        .where('wave_id', '=', diagnosticId)
        .executeTakeFirstOrThrow();
    // A close stores the sums as the database computed them, and no decoded copy.
    const current = await stored();
    expect(current.aggregates).toBeNull();
    expect(JSON.parse(current.sums!)).toHaveProperty('teams');
    expect(JSON.parse(current.comments!).length).toBeGreaterThan(0);
    const report = await call(test.app, leader, 'GET', url);
    const sliceUrl = `${url}&root=${report.groups[0].teamKey}&depth=1`;
    const slice = await call(test.app, leader, 'GET', sliceUrl);

    // One form or the other: a snapshot without either is refused by the table.
    await expect(
      test.handle.db
        .updateTable('wave_snapshot')
        .set({ sums: null, comments: null })
        .where('wave_id', '=', diagnosticId)
        .execute(),
    ).rejects.toThrow(/wave_snapshot_one_form/);

    const wave = await test.handle.db
      .selectFrom('wave')
      .select(['questionnaire_key', 'questionnaire_version'])
      .where('id', '=', diagnosticId)
      .executeTakeFirstOrThrow();
    const definition = test.app.questionnaires.get(wave.questionnaire_key, wave.questionnaire_version)!;
    // What a close stored before: the same sums, decoded (the comments in the order read at close).
    const aggregates = aggregatesFromFrozen(
      { sums: current.sums!, comments: current.comments! },
      definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse })),
      definition.dimensions.map(({ id, outcome }) => ({ id, outcome })),
    );
    await test.handle.db
      .updateTable('wave_snapshot')
      .set({ aggregates: JSON.stringify(aggregates), sums: null, comments: null })
      .where('wave_id', '=', diagnosticId)
      .execute();
    // The snapshot's row changed, so the report is built again, from the other form: the item
    // detail first, made on the report thread from the stored sums, then the whole report.
    expect((await stored()).aggregates).not.toBeNull();
    expect(await call(test.app, leader, 'GET', sliceUrl)).toEqual(slice);
    expect(await call(test.app, leader, 'GET', url)).toEqual(report);
    await test.handle.db
      .updateTable('wave_snapshot')
      .set({ aggregates: null, sums: current.sums, comments: current.comments })
      .where('wave_id', '=', diagnosticId)
      .execute();
    expect(await call(test.app, leader, 'GET', sliceUrl)).toEqual(slice);
    expect(await call(test.app, leader, 'GET', url)).toEqual(report);
  });

  it('reports reliability and drivers of execution for the diagnostic', async () => {
    const report = await call(test.app, leader, 'GET', `/api/waves/${diagnosticId}/report`);
    for (const id of ['decision-stability', 'ownership', 'authority', 'psychological-safety', 'execution']) {
      expect(report.reliability[id].n).toBeGreaterThanOrEqual(30);
      expect(report.reliability[id].alpha).toBeGreaterThan(0.7);
      expect(report.reliability[id].alpha).toBeLessThanOrEqual(0.9);
    }
    expect(report.drivers).toHaveLength(4);
    const strengths = report.drivers.map((d: { correlation: number }) => Math.abs(d.correlation));
    expect(strengths).toEqual([...strengths].sort((a: number, b: number) => b - a));
  });

  it('shows comments only for groups of at least max(10, 2k), without dates', async () => {
    const report = await call(test.app, leader, 'GET', `/api/waves/${diagnosticId}/report`);
    const sizes = new Map([
      [null, report.organization.n],
      ...report.groups.map((g: Group) => [g.teamKey, g.n]),
    ]);
    expect(report.comments.length).toBeGreaterThan(0);
    for (const block of report.comments) {
      expect(sizes.get(block.teamKey)).toBeGreaterThanOrEqual(commentThreshold(5));
      for (const comment of block.comments) expect(typeof comment).toBe('string');
    }
  });

  it('sends every report exactly in the documented shape: no field more, none of another type', async () => {
    // The report route serializes without checking (it is large); this is the check instead.
    const scopedEmail = `shape-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, {
      email: scopedEmail,
      role: 'leader',
      organizationId: demo.organizationId,
      teamKey: 'eng',
    });
    const scoped = await signIn(test.app, scopedEmail);
    for (const [reader, url] of [
      [leader, `/api/waves/${pulseId}/report?detail=items`],
      [leader, `/api/waves/${diagnosticId}/report?locale=es`],
      [consultant, `/api/waves/${diagnosticId}/report?detail=items`],
      [scoped, `/api/waves/${pulseId}/report?detail=items`],
    ] as const) {
      const body = await call(test.app, reader, 'GET', url);
      const parsed = reportSchema.parse({
        ...body,
        wave: { ...body.wave, closedAt: body.wave.closedAt && new Date(body.wave.closedAt) },
      });
      // Parsing drops unknown fields, so equality means there were none.
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(body);
    }
  });

  it('compresses reports for browsers that accept it', async () => {
    const url = `/api/waves/${diagnosticId}/report?detail=items`;
    const plain = await test.app.inject({ url, headers: { cookie: leader } });
    const brotli = await test.app.inject({ url, headers: { cookie: leader, 'accept-encoding': 'gzip, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString())).toEqual(plain.json());
    const csv = await test.app.inject({
      url: `/api/waves/${diagnosticId}/report.csv`,
      headers: { cookie: leader, 'accept-encoding': 'gzip' },
    });
    expect(csv.headers['content-encoding']).toBe('gzip');
  });

  it('gives a scoped leader a subset of the same decisions, never a recomputation (R3)', async () => {
    const email = `scoped-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, {
      email,
      role: 'leader',
      organizationId: demo.organizationId,
      teamKey: 'eng',
    });
    const scoped = await call(test.app, await signIn(test.app, email), 'GET', `/api/waves/${pulseId}/report`);
    const full = await call(test.app, consultant, 'GET', `/api/waves/${pulseId}/report`);
    expect(scoped.groups.map((g: Group) => g.teamKey)).toEqual([
      'eng',
      'eng-platform',
      'eng-apps',
      'eng-apps-mobile',
      'eng-apps-web',
      'eng-data',
    ]);
    for (const group of scoped.groups)
      expect(group).toEqual(full.groups.find((g: Group) => g.teamKey === group.teamKey));
    expect(scoped.organization).toEqual(full.organization);
  });

  it('exports CSV with the same suppression as the JSON', async () => {
    const response = await test.app.inject({
      url: `/api/waves/${pulseId}/report.csv`,
      headers: { cookie: leader },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="trust-os-report-.*\.csv"/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^team_key,team_name,parent_key,depth,dimension,suppressed/);
    expect(lines).toHaveLength(1 + 17 * 5);
    const web = lines.filter((l) => l.startsWith('eng-apps-web,'));
    expect(web).toHaveLength(5);
    for (const line of web) expect(line).toMatch(/,true,group,,,,/);
    expect(response.body).not.toMatch(/below-threshold|complementary/);
    const json = await call(test.app, leader, 'GET', `/api/waves/${pulseId}/report`);
    const shown = [json.organization, ...json.groups].flatMap((g: Group) =>
      Object.values(g.dimensions).filter(Boolean),
    ).length;
    expect(lines.filter((l) => l.includes(',false,')).length).toBe(shown);
  });

  it('shows leaders nothing of an open wave and outsiders nothing at all', async () => {
    const other = await setUpAssessment(test);
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${other.codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });
    const email = `other-leader-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'leader', organizationId: other.orgId });
    const otherLeader = await signIn(test.app, email);
    expect(
      (await test.app.inject({ url: `/api/waves/${other.waveId}/report`, headers: { cookie: otherLeader } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await test.app.inject({ url: `/api/waves/${pulseId}/report`, headers: { cookie: otherLeader } }))
        .statusCode,
    ).toBe(404);
    // A consultant may preview the open wave, still under R1: one response shows nothing.
    const preview = await call(test.app, other.consultant, 'GET', `/api/waves/${other.waveId}/report`);
    expect(preview.organization).toMatchObject({ suppressed: true, n: null });
  });

  it('keeps the hierarchy a wave closed with: moving or renaming teams later changes nothing it publishes (R3)', async () => {
    const { orgId, waveId, consultant: owner, codes } = await setUpAssessment(test, { threshold: 3 });
    const answersFrom: Record<string, number> = { ops: 5, 'eng-platform': 2, 'eng-apps': 4, sales: 3 };
    for (const [team, count] of Object.entries(answersFrom))
      for (let i = 0; i < count; i++)
        await call(test.app, owner, 'POST', `/api/participate/${codes[team]}/responses`, {
          submissionId: randomUUID(),
          answers: someAnswers((i % 5) + 1),
        });
    await call(test.app, owner, 'POST', `/api/waves/${waveId}/close`);
    const reportUrl = `/api/waves/${waveId}/report?detail=items`;
    const atClose = await call(test.app, owner, 'GET', reportUrl);
    const moveTeams = (csv: string) =>
      test.app.inject({
        method: 'PUT',
        url: `/api/organizations/${orgId}/teams`,
        headers: { cookie: owner, 'content-type': 'text/csv' },
        payload: csv,
      });
    // Platform moves under Operations and Sales is renamed: a different tree, different sums.
    const moved = await moveTeams(
      [
        'key,name,parent_key,headcount',
        'ops,Operations,,40',
        'eng,Engineering,,30',
        'eng-platform,Platform,ops,12',
        'eng-apps,Applications,eng,14',
        'sales,Field sales,,8',
      ].join('\n'),
    );
    expect(moved.statusCode).toBe(200);
    expect(await call(test.app, owner, 'GET', reportUrl)).toEqual(atClose);

    // A snapshot from before trees were frozen: a read writes nothing and says the report is being
    // prepared; the start-up seal freezes the tree of that moment once, and it is kept.
    await test.handle.db
      .updateTable('wave_snapshot')
      .set({ teams: null })
      .where('wave_id', '=', waveId)
      .execute();
    await test.handle.db.updateTable('wave').set({ sealed: false }).where('id', '=', waveId).execute();
    const notReady = await test.app.inject({ url: reportUrl, headers: { cookie: owner } });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['retry-after']).toBeDefined();
    expect(await sealClosedWaves(test.handle.db, test.app.questionnaires)).toBe(1);
    const sealed = await call(test.app, owner, 'GET', reportUrl);
    expect(sealed.groups.find((g: Group) => g.teamKey === 'eng-platform').parentKey).toBe('ops');
    expect((await moveTeams(TEAMS_CSV)).statusCode).toBe(200);
    expect(await call(test.app, owner, 'GET', reportUrl)).toEqual(sealed);
  });

  it("gives a consultant's preview of an open wave counts but no figures, so two looks cannot be subtracted (R6)", async () => {
    const { waveId, consultant: owner, codes } = await setUpAssessment(test, { threshold: 3 });
    const answer = (value: number) =>
      call(test.app, owner, 'POST', `/api/participate/${codes.ops}/responses`, {
        submissionId: randomUUID(),
        answers: someAnswers(value),
        comment: 'A comment',
      });
    for (const value of [1, 2, 3, 4, 5, 4, 3]) await answer(value);
    const before = await call(test.app, owner, 'GET', `/api/waves/${waveId}/report?detail=items`);
    await answer(5);
    const after = await call(test.app, owner, 'GET', `/api/waves/${waveId}/report?detail=items`);

    expect(before.organization).toMatchObject({ suppressed: false, n: 7, trustIndex: null });
    expect(after.organization).toMatchObject({ suppressed: false, n: 8, trustIndex: null });
    for (const report of [before, after]) {
      for (const group of [report.organization, ...report.groups] as (Group & { items: object })[]) {
        expect(Object.values(group.dimensions).every((cell) => cell === null)).toBe(true);
        expect(Object.values(group.items).every((cell) => cell === null)).toBe(true);
      }
      expect(report).toMatchObject({ hotspots: [], drivers: [], reliability: {}, comments: [] });
    }
    const csv = await test.app.inject({ url: `/api/waves/${waveId}/report.csv`, headers: { cookie: owner } });
    expect(csv.statusCode).toBe(409);
    expect(csv.json().message).toMatch(/once the wave has closed/);

    await call(test.app, owner, 'POST', `/api/waves/${waveId}/close`);
    const closed = await call(test.app, owner, 'GET', `/api/waves/${waveId}/report`);
    expect(closed.organization.n).toBe(8);
    expect(closed.organization.dimensions['decision-stability'].n).toBe(8);
  });

  it('adds a further demo organization on demand', async () => {
    const second = await createDemo(test.handle.db, test.app.questionnaires, 7);
    expect(second.organizationId).not.toBe(demo.organizationId);
  });
});
