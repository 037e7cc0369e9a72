import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptBodiesCompressed } from '../../../server/routes/reports.ts';
import { reportSchema } from '../../../shared/contract/reports.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, PULSE_ITEMS, setUpAssessment } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { dayFromToday } from '../../support/dates.ts';

interface Figure {
  score: number;
  n: number;
  ci95: [number, number];
}
interface Action {
  id: string;
  title: string;
  dueDate: string;
  revision: number;
  teamKey: string | null;
  dimension: string;
  status: string;
  baseline: Figure;
  checkIns: { author: string; status: string | null; note: string | null }[];
  outcome: {
    waveId: string;
    waveTitle: string;
    current: Figure | null;
    delta: number | null;
    verdict: string;
  } | null;
}

const DIMENSION = 'ownership';

/**
 * Two waves of the pulse built by hand, threshold 3. Every respondent gives the same keyed value
 * to every item, so each dimension's mean is the mean of those values:
 *
 * | team         | wave 1 answers | wave 2 answers | intervals                           | verdict         |
 * | ops          | 2, 2, 2        | 5, 5, 5        | [2, 2] then [5, 5]: apart, higher   | improved        |
 * | eng-platform | 4, 4, 5        | 1, 1, 1        | [2.9, 5] then [1, 1]: apart, lower  | worsened        |
 * | eng-apps     | 3, 3, 4        | 3, 4, 4        | mean 3.33 then 3.67, both ± 1.43    | no-clear-change |
 * | sales        | 3, 3, 3        | nobody         | hidden in wave 2 (R1)               | not-measurable  |
 *
 * eng-platform in wave 1: mean 4.33, s = 0.577, t(0.975, 2) = 4.303, half-width 4.303 × 0.577 /
 * √3 = 1.43, so [2.90, 5] after clamping; wave 2's [1, 1] lies below it. Sales is empty in wave 2,
 * so nothing has to be hidden beside it (the organization's remainder is 0).
 */
const WAVE_1: Record<string, number[]> = {
  ops: [2, 2, 2],
  'eng-platform': [4, 4, 5],
  'eng-apps': [3, 3, 4],
  sales: [3, 3, 3],
};
const WAVE_2: Record<string, number[]> = {
  ops: [5, 5, 5],
  'eng-platform': [1, 1, 1],
  'eng-apps': [3, 4, 4],
  sales: [],
};

describe.each(testDatabases())('actions on $name', (database) => {
  let test: TestApp;
  let orgId: string;
  let consultant: string;
  let scoped: string;
  let wave1: string;
  let wave2: string;
  const made: Record<string, Action> = {};
  /** Answers whose keyed value is `value` on every item. */
  const answers = (value: number) => {
    const items = test.app.questionnaires.get('trust-os-pulse', '1.0.0')!.items;
    return Object.fromEntries(
      PULSE_ITEMS.map((id) => [id, items.find((i) => i.id === id)!.reverse ? 6 - value : value]),
    );
  };

  const inject = (
    cookie: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => test.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const submitAll = async (codes: Record<string, string>, plan: Record<string, number[]>) => {
    for (const [team, values] of Object.entries(plan))
      for (const value of values) {
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${codes[team]}/responses`,
          payload: { submissionId: randomUUID(), answers: answers(value) },
        });
        expect(response.statusCode).toBe(201);
      }
  };
  const action = (teamKey: string | null, extra: object = {}) => ({
    teamKey,
    dimension: DIMENSION,
    title: `Make owners explicit in ${teamKey ?? 'the organization'}`,
    owner: 'Head of operations',
    dueDate: dayFromToday(60),
    steps: ['Name an owner for every agreed next step'],
    ...extra,
  });
  const actionsOf = async (cookie: string): Promise<Action[]> =>
    call(test.app, cookie, 'GET', `/api/organizations/${orgId}/actions`);

  beforeAll(async () => {
    test = await startTestApp(database);
    const a = await setUpAssessment(test, { threshold: 3 });
    ({ orgId, consultant } = a);
    wave1 = a.waveId;
    await submitAll(a.codes, WAVE_1);
    await call(test.app, consultant, 'POST', `/api/waves/${wave1}/close`);
    await createAccount(test.handle.db, {
      email: `scoped-${orgId}@example.org`,
      role: 'leader',
      organizationId: orgId,
      teamKey: 'eng',
    });
    scoped = await signIn(test.app, `scoped-${orgId}@example.org`);
  });
  afterAll(() => test?.close());

  it("records the report's own cell as the baseline, for a team and for the organization", async () => {
    const report = await call(test.app, consultant, 'GET', `/api/waves/${wave1}/report`);
    for (const teamKey of ['ops', 'eng-platform', 'eng-apps', 'sales', null]) {
      const response = await inject(consultant, 'POST', `/api/waves/${wave1}/actions`, action(teamKey));
      expect(response.statusCode, response.body).toBe(201);
      const created: Action = response.json();
      const group =
        teamKey === null
          ? report.organization
          : report.groups.find((g: { teamKey: string }) => g.teamKey === teamKey);
      const cell = group.dimensions[DIMENSION];
      expect(created.baseline).toEqual({ score: cell.score, n: cell.n, ci95: cell.ci95 });
      expect(created).toMatchObject({ teamKey, status: 'planned', outcome: null, checkIns: [] });
      made[teamKey ?? ''] = created;
    }
    expect(made.ops!.baseline).toEqual({ score: 25, n: 3, ci95: [2, 2] });
  });

  it('refuses bad input with a 400 naming the field, and stores nothing', async () => {
    const count = async () => (await test.handle.db.selectFrom('action').select('id').execute()).length;
    const before = await count();
    for (const [payload, field] of [
      [action('ops', { dimension: 'no-such-dimension' }), 'body.dimension'],
      [action('no-such-team'), 'body.teamKey'],
      [action('ops', { dueDate: '2026-02-30' }), 'body.dueDate'],
      [action('ops', { dueDate: 'tomorrow' }), 'body.dueDate'],
      [action('ops', { title: '   ' }), 'body.title'],
      [action('ops', { title: 'Owners\r\n=1+1' }), 'body.title'],
      [action('ops', { owner: '\u200b' }), 'body.owner'],
      [action('ops', { steps: ['One\ttwo'] }), 'body.steps.0'],
      [action('ops', { steps: ['x'.repeat(301)] }), 'body.steps.0'],
      [{ ...action('ops'), owner: undefined }, 'body.owner'],
    ] as const) {
      const response = await inject(consultant, 'POST', `/api/waves/${wave1}/actions`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('holds a due date to a year before the wave closed and ten years after, naming the window', async () => {
    const count = async () => (await test.handle.db.selectFrom('action').select('id').execute()).length;
    const before = await count();
    const { closedAt } = await call(test.app, consultant, 'GET', `/api/waves/${wave1}`);
    const closed = new Date(closedAt);
    const yearsFromClose = (years: number, days: number) => {
      const day = new Date(closed.getTime());
      day.setUTCFullYear(day.getUTCFullYear() + years);
      return new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    };
    const window = { earliest: yearsFromClose(-1, 0), latest: yearsFromClose(10, 0) };
    // A century typed wrong either way, and the first day outside the window on each side.
    for (const dueDate of ['1926-01-31', '2126-01-31', yearsFromClose(-1, -1), yearsFromClose(10, 1)]) {
      const response = await inject(
        consultant,
        'POST',
        `/api/waves/${wave1}/actions`,
        action('ops', { dueDate }),
      );
      expect(response.statusCode, dueDate).toBe(400);
      expect(response.json().fields).toEqual([
        expect.objectContaining({
          field: 'body.dueDate',
          code: 'action.due-date-out-of-range',
          params: window,
        }),
      ]);
    }
    expect(await count()).toBe(before);
    // A change is held to the same window, and changes nothing when refused.
    const url = `/api/actions/${made.ops!.id}`;
    const moved = await inject(consultant, 'PATCH', url, {
      dueDate: yearsFromClose(10, 1),
      owner: 'Someone else',
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().fields[0]).toMatchObject({ field: 'body.dueDate', params: window });
    const [unchanged] = (await actionsOf(consultant)).filter((a) => a.id === made.ops!.id);
    expect(unchanged).toMatchObject({ revision: made.ops!.revision, dueDate: dayFromToday(60) });
    // The window's own ends are allowed.
    for (const dueDate of [window.earliest, window.latest]) {
      const response = await inject(consultant, 'PATCH', url, { dueDate });
      expect(response.statusCode, dueDate).toBe(200);
      expect(response.json().dueDate).toBe(dueDate);
    }
    const back = await inject(consultant, 'PATCH', url, { dueDate: dayFromToday(60) });
    expect(back.statusCode).toBe(200);
    made.ops = back.json();
  });

  it('keeps a leader limited to a subtree inside it', async () => {
    const outside = await inject(scoped, 'POST', `/api/waves/${wave1}/actions`, action('ops'));
    expect(outside.statusCode).toBe(403);
    // A key that names no team is answered the same: trying keys does not map the rest of the tree.
    const unknown = await inject(scoped, 'POST', `/api/waves/${wave1}/actions`, action('no-such-team'));
    expect({ status: unknown.statusCode, code: unknown.json().code }).toEqual({
      status: 403,
      code: outside.json().code,
    });
    const wholeOrganization = await inject(scoped, 'POST', `/api/waves/${wave1}/actions`, action(null));
    expect(wholeOrganization.statusCode).toBe(403);
    const inside = await inject(
      scoped,
      'POST',
      `/api/waves/${wave1}/actions`,
      action('eng-apps', { title: 'Weekly demo' }),
    );
    expect(inside.statusCode).toBe(201);
    made.scopedOwn = inside.json();

    // Their subtree's actions, and the organization's, whose row their report shows too.
    const seen = await actionsOf(scoped);
    expect(new Set(seen.map((a) => a.teamKey))).toEqual(new Set(['eng-platform', 'eng-apps', null]));
    expect((await actionsOf(consultant)).length).toBe(6);
    // The organization's they read, not change.
    const organizationWide = seen.find((a) => a.teamKey === null)!;
    const patchOrganization = await inject(scoped, 'PATCH', `/api/actions/${organizationWide.id}`, {
      status: 'done',
    });
    expect(patchOrganization.statusCode).toBe(403);
    expect(patchOrganization.json().code).toBe('action.team-outside-scope');

    const patchOutside = await inject(scoped, 'PATCH', `/api/actions/${made.ops!.id}`, { status: 'done' });
    expect(patchOutside.statusCode).toBe(404);
    const patchInside = await inject(scoped, 'PATCH', `/api/actions/${made.scopedOwn!.id}`, {
      note: 'Started',
    });
    expect(patchInside.statusCode).toBe(200);
  });

  it('keeps status changes and notes as dated check-ins by their author, and refuses empty or bad changes', async () => {
    const url = `/api/actions/${made['eng-apps']!.id}`;
    expect((await inject(consultant, 'PATCH', url, {})).statusCode).toBe(400);
    const bad = await inject(consultant, 'PATCH', url, { status: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('body.status');
    const response = await inject(consultant, 'PATCH', url, { status: 'in-progress', note: 'Kick-off held' });
    expect(response.statusCode).toBe(200);
    const updated: Action = response.json();
    expect(updated.status).toBe('in-progress');
    expect(updated.checkIns).toHaveLength(1);
    expect(updated.checkIns[0]).toMatchObject({ status: 'in-progress', note: 'Kick-off held' });
    expect(updated.checkIns[0]!.author).toMatch(/^consultant-/);
    const later = dayFromToday(90);
    const moved: Action = (
      await inject(consultant, 'PATCH', url, { dueDate: later, owner: 'Apps lead' })
    ).json();
    expect(moved).toMatchObject({ dueDate: later, owner: 'Apps lead' });
    expect(moved.checkIns).toHaveLength(1);
    const audits = await test.handle.db
      .selectFrom('audit_event')
      .select('action')
      .where('organization_id', '=', orgId)
      .where('action', 'like', 'action.%')
      .execute();
    expect(audits.filter((a) => a.action === 'action.update').length).toBeGreaterThanOrEqual(3);
    // A dropped action is not measured by later waves.
    expect(
      (await inject(consultant, 'PATCH', `/api/actions/${made.scopedOwn!.id}`, { status: 'dropped' }))
        .statusCode,
    ).toBe(200);
  });

  it('measures every open or done action when the next wave closes, with a verdict from the two intervals', async () => {
    const created = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    wave2 = created.id;
    await call(test.app, consultant, 'POST', `/api/waves/${wave2}/open`);
    const details = await call(test.app, consultant, 'GET', `/api/waves/${wave2}`);
    const codes = Object.fromEntries(
      details.links.map((l: { teamKey: string; code: string }) => [l.teamKey, l.code]),
    );
    await submitAll(codes, WAVE_2);
    await call(test.app, consultant, 'POST', `/api/waves/${wave2}/close`);

    const byId = new Map((await actionsOf(consultant)).map((a) => [a.id, a]));
    const verdict = (key: string) => byId.get(made[key]!.id)!.outcome;
    expect(verdict('ops')).toEqual({
      waveId: wave2,
      waveTitle: 'Winter pulse',
      current: { score: 100, n: 3, ci95: [5, 5] },
      delta: 75,
      verdict: 'improved',
    });
    expect(verdict('eng-platform')).toMatchObject({
      current: { score: 0, n: 3 },
      delta: -83.3,
      verdict: 'worsened',
    });
    // The delta is between published scores, as a leader reads them: 66.7 − 58.3.
    expect(verdict('eng-apps')).toMatchObject({ current: { n: 3 }, delta: 8.4, verdict: 'no-clear-change' });
    expect(verdict('sales')).toEqual({
      waveId: wave2,
      waveTitle: 'Winter pulse',
      current: null,
      delta: null,
      verdict: 'not-measurable',
    });
    expect(verdict('scopedOwn')).toBeNull();

    // The report of wave 2 carries the same outcomes, its figures those of its own cells.
    const report = await call(test.app, consultant, 'GET', `/api/waves/${wave2}/report`);
    expect(() =>
      reportSchema.parse({ ...report, wave: { ...report.wave, closedAt: new Date(report.wave.closedAt) } }),
    ).not.toThrow();
    const opsCell = report.groups.find((g: { teamKey: string }) => g.teamKey === 'ops').dimensions[DIMENSION];
    const opsAction = report.actions.find((a: Action) => a.id === made.ops!.id);
    expect(opsAction.outcome.current).toEqual({ score: opsCell.score, n: opsCell.n, ci95: opsCell.ci95 });
    expect(report.actions).toHaveLength(6);
    // Wave 1's report lists no actions: none were made before it.
    expect((await call(test.app, consultant, 'GET', `/api/waves/${wave1}/report`)).actions).toEqual([]);
    // A scoped leader's report shows the actions inside their subtree, and the organization's.
    const scopedReport = await call(test.app, scoped, 'GET', `/api/waves/${wave2}/report`);
    expect(new Set(scopedReport.actions.map((a: Action) => a.teamKey))).toEqual(
      new Set(['eng-platform', 'eng-apps', null]),
    );
  });

  it('refuses an action on a cell the report hides, saying why', async () => {
    const response = await inject(consultant, 'POST', `/api/waves/${wave2}/actions`, action('sales'));
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/hides this cell/);
  });

  it('refuses actions on a wave that has not closed', async () => {
    const open = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Draft',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    expect(
      (await inject(consultant, 'POST', `/api/waves/${open.id}/actions`, action('ops'))).statusCode,
    ).toBe(409);
    // R6: a leader does not even learn that it exists.
    expect(
      (await inject(scoped, 'POST', `/api/waves/${open.id}/actions`, action('eng-apps'))).statusCode,
    ).toBe(404);
  });

  it('measures outcomes in the transaction that closes the wave: a failure there leaves the wave open', async () => {
    const created = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Spring pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    await call(test.app, consultant, 'POST', `/api/waves/${created.id}/open`);
    const db = test.handle.db;
    await sql`create or replace function fail_outcome() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`.execute(db);
    await sql`create trigger fail_outcome before insert on action_outcome for each row execute function fail_outcome()`.execute(
      db,
    );
    try {
      const failed = await inject(consultant, 'POST', `/api/waves/${created.id}/close`);
      expect(failed.statusCode).toBe(500);
    } finally {
      await sql`drop trigger fail_outcome on action_outcome`.execute(db);
    }
    const row = await db
      .selectFrom('wave')
      .select('status')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    expect(
      await db.selectFrom('wave_snapshot').select('wave_id').where('wave_id', '=', created.id).execute(),
    ).toEqual([]);
    await call(test.app, consultant, 'POST', `/api/waves/${created.id}/close`);
    const outcomes = await db
      .selectFrom('action_outcome')
      .select('verdict')
      .where('wave_id', '=', created.id)
      .execute();
    // Five measured actions; the dropped one is not.
    expect(outcomes).toHaveLength(5);
  });

  it('writes a kept report around the wave and actions of the moment, as JSON.stringify would', async () => {
    const read = async (cookie: string) => {
      const response = await inject(cookie, 'GET', `/api/waves/${wave2}/report`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      // Valid JSON whose keys come in the order a plain serialization of the body gives.
      expect(response.body).toBe(JSON.stringify(JSON.parse(response.body)));
      const body = JSON.parse(response.body);
      expect(Object.keys(body)[0]).toBe('wave');
      expect(Object.keys(body).at(-1)).toBe('actions');
      // Exactly the documented shape: parsing drops unknown fields, so equality means none.
      const parsed = reportSchema.parse({
        ...body,
        wave: { ...body.wave, closedAt: new Date(body.wave.closedAt) },
      });
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(body);
      return body;
    };
    const ownerOf = (body: { actions: { id: string; owner: string }[] }) =>
      body.actions.find((a) => a.id === made['eng-apps']!.id)?.owner;
    const before = await read(consultant);
    const warm = await read(consultant);
    expect(warm).toEqual(before);
    // The actions beside the report are read anew: only the report's own text is kept.
    const changed = await inject(consultant, 'PATCH', `/api/actions/${made['eng-apps']!.id}`, {
      owner: 'Platform lead',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await read(consultant);
    expect(ownerOf(before)).not.toBe('Platform lead');
    expect(ownerOf(after)).toBe('Platform lead');
    expect({ ...after, actions: [] }).toEqual({ ...before, actions: [] });
    // A leader's subtree is its own cut, written whole.
    const subtree = await read(scoped);
    expect(subtree.groups.every((g: { teamKey: string }) => g.teamKey.startsWith('eng'))).toBe(true);
  });

  it('sends a kept report compressed once, the same document, and compresses it again when the actions change', async () => {
    const url = `/api/waves/${wave2}/report`;
    const plain = async () => (await inject(consultant, 'GET', url)).body;
    const compressed = async (acceptEncoding: string) => {
      const response = await test.app.inject({
        method: 'GET',
        url,
        headers: { cookie: consultant, 'accept-encoding': acceptEncoding },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      return response;
    };
    const decoded = (response: { rawPayload: Buffer; headers: Record<string, unknown> }) => {
      const encoding = response.headers['content-encoding'];
      if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString();
      if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString();
      return response.rawPayload.toString();
    };
    for (const [acceptEncoding, expected] of [
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['*', 'gzip'],
      ['br;q=0, *', 'gzip'],
      ['gzip, x-gzip;q=0', 'gzip'],
      ['br;q=abc, gzip;q=0.1', 'gzip'],
      ['identity', undefined],
      ['br;q=0, gzip;q=0', undefined],
    ] as const) {
      const compressions = keptBodiesCompressed;
      const first = await compressed(acceptEncoding);
      expect(first.headers['content-encoding'], acceptEncoding).toBe(expected);
      expect(decoded(first)).toBe(await plain());
      if (expected) {
        expect(first.headers.vary).toContain('accept-encoding');
        // Kept: the same bytes again, not compressed anew.
        expect((await compressed(acceptEncoding)).rawPayload.equals(first.rawPayload)).toBe(true);
        expect(keptBodiesCompressed).toBeLessThanOrEqual(compressions + 1);
      }
    }
    const before = await compressed('br');
    const compressions = keptBodiesCompressed;
    expect((await compressed('br')).rawPayload.equals(before.rawPayload)).toBe(true);
    expect(keptBodiesCompressed).toBe(compressions);
    const changed = await inject(consultant, 'PATCH', `/api/actions/${made['eng-apps']!.id}`, {
      owner: 'Operations lead',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await compressed('br');
    expect(keptBodiesCompressed).toBe(compressions + 1);
    expect(after.rawPayload.equals(before.rawPayload)).toBe(false);
    expect(decoded(after)).toBe(await plain());
    expect(
      JSON.parse(decoded(after)).actions.some((a: { owner: string }) => a.owner === 'Operations lead'),
    ).toBe(true);
    // A leader's subtree is cut for them and compressed by the plugin, as before.
    const subtree = await test.app.inject({
      method: 'GET',
      url,
      headers: { cookie: scoped, 'accept-encoding': 'gzip' },
    });
    expect(subtree.headers['content-encoding']).toBe('gzip');
    expect(
      JSON.parse(decoded(subtree)).groups.every((g: { teamKey: string }) => g.teamKey.startsWith('eng')),
    ).toBe(true);
  });
  it('refuses a change made against a revision someone has changed since, and changes nothing', async () => {
    const url = `/api/actions/${made.ops!.id}`;
    const seen = (await actionsOf(consultant)).find((a) => a.id === made.ops!.id)!;
    const first = await inject(consultant, 'PATCH', url, { status: 'done', revision: seen.revision });
    expect(first.statusCode, first.body).toBe(200);
    const done: Action = first.json();
    expect(done.revision).toBe(seen.revision + 1);
    const negative = await inject(scoped, 'PATCH', `/api/actions/${made['eng-apps']!.id}`, {
      note: 'Kick-off moved',
      revision: -1,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().fields[0].field).toBe('body.revision');
    // Someone still reading the action as it was sets it in progress: refused, nothing changed.
    const late = await inject(consultant, 'PATCH', url, { status: 'in-progress', revision: seen.revision });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('action.changed-meanwhile');
    expect((await actionsOf(consultant)).find((a) => a.id === made.ops!.id)).toEqual(done);
    // A change that names no revision is made as before, against whatever the action is now.
    const renamed = await inject(consultant, 'PATCH', url, { title: '  Name an owner per step  ' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Name an owner per step', revision: done.revision + 1 });
    expect(renamed.json().checkIns).toEqual(done.checkIns);
    // A revision alone, or an empty title, changes nothing and says so.
    const alone = await inject(consultant, 'PATCH', url, { revision: done.revision + 1 });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().code).toBe('action.nothing-to-change');
    const empty = await inject(consultant, 'PATCH', url, { title: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].field).toBe('body.title');
  });

  it('measures an action taken up again against the waves that closed while it was dropped', async () => {
    const url = `/api/actions/${made.scopedOwn!.id}`;
    expect((await actionsOf(scoped)).find((a) => a.id === made.scopedOwn!.id)!.outcome).toBeNull();
    const reopened = await inject(scoped, 'PATCH', url, { status: 'in-progress' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    // Measured as the action on the same team and cell, never dropped, was by every later wave.
    const twin = (await actionsOf(consultant)).find((a) => a.id === made['eng-apps']!.id)!;
    expect(twin.outcome).not.toBeNull();
    expect(reopened.json().outcome).toEqual(twin.outcome);
    const report = await call(test.app, scoped, 'GET', `/api/waves/${wave2}/report?locale=es`);
    const inWave2 = (id: string) => report.actions.find((a: Action) => a.id === id).outcome;
    // Each action's dimension is named in the report's language, from the questionnaire that asks it.
    const named = test.app.questionnaires
      .get('trust-os-pulse', '1.0.0')!
      .dimensions.find((d) => d.id === DIMENSION)!.name.es;
    expect(report.actions.map((a: { dimensionName: string }) => a.dimensionName)).toEqual(
      report.actions.map(() => named),
    );
    expect(inWave2(made['eng-apps']!.id)).toMatchObject({ waveId: wave2, verdict: 'no-clear-change' });
    expect(inWave2(made.scopedOwn!.id)).toEqual(inWave2(made['eng-apps']!.id));

    // Dropped and taken up again once more: the outcome it has is kept as it was recorded.
    const outcome = () =>
      test.handle.db
        .selectFrom('action_outcome')
        .select('delta')
        .where('action_id', '=', made.scopedOwn!.id)
        .where('wave_id', '=', wave2)
        .executeTakeFirstOrThrow();
    const recorded = (await outcome()).delta;
    await sql`update action_outcome set delta = 99 where action_id = ${made.scopedOwn!.id}`.execute(
      test.handle.db,
    );
    expect((await inject(scoped, 'PATCH', url, { status: 'dropped' })).statusCode).toBe(200);
    expect((await inject(scoped, 'PATCH', url, { status: 'planned' })).statusCode).toBe(200);
    expect((await outcome()).delta).toBe(99);
    await sql`update action_outcome set delta = ${recorded} where action_id = ${made.scopedOwn!.id}`.execute(
      test.handle.db,
    );
  });

  it('changes nothing, not even the revision, for a change that leaves the action as it is', async () => {
    const url = `/api/actions/${made.scopedOwn!.id}`;
    const now = (await actionsOf(scoped)).find((a) => a.id === made.scopedOwn!.id)!;
    const same = await inject(scoped, 'PATCH', url, {
      status: now.status,
      title: now.title,
      revision: now.revision,
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual(now);
    // So another leader who read the same revision still makes their change.
    const theirs = await inject(scoped, 'PATCH', url, {
      note: 'Demo moved to Thursdays',
      revision: now.revision,
    });
    expect(theirs.statusCode, theirs.body).toBe(200);
  });
});
