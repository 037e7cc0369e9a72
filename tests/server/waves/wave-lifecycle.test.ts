import { randomUUID } from 'node:crypto';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { reclaimed, reclaimSoon, stopReclaiming, whenReclaimFails } from '../../../server/db/reclaim.ts';
import { computeWaveSums } from '../../../server/db/wave-aggregates.ts';
import { findWave } from '../../../server/db/waves.ts';
import { freezeThreadsRunning } from '../../../server/reports/report-builder.ts';
import { warnSummedInPlace } from '../../../server/waves/seal-wave.ts';
import { closeOverdueWaves, createWave } from '../../../server/waves/wave-lifecycle.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import {
  call,
  importTeams,
  issueCodes,
  setUpAssessment,
  someAnswers,
  TEAMS_CSV,
} from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

/** Spearman's rank correlation of two orderings of the same distinct values. */
function spearman(order: string[], reference: string[]): number {
  const rank = new Map(reference.map((value, i) => [value, i]));
  const n = order.length;
  const d2 = order.reduce((sum, value, i) => sum + (i - rank.get(value)!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe.each(testDatabases())('the life of a wave on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const db = () => test.handle.db;
  // Each answer from its own address, as different people's phones would send them.
  let people = 0;
  const submit = (code: string, payload: Record<string, unknown>) => {
    people += 1;
    return test.app.inject({
      method: 'POST',
      url: `/api/participate/${code}/responses`,
      payload,
      remoteAddress: `127.${(people >> 16) & 255}.${(people >> 8) & 255}.${people & 255}`,
    });
  };
  const answer = async (code: string, extra: Record<string, unknown> = {}) => {
    const response = await submit(code, { submissionId: randomUUID(), answers: someAnswers(), ...extra });
    expect(response.statusCode).toBe(201);
  };
  const waveRow = (waveId: string) =>
    db().selectFrom('wave').selectAll().where('id', '=', waveId).executeTakeFirstOrThrow();
  const auditActions = async (waveId: string) =>
    (await db().selectFrom('audit_event').select(['action', 'actor_email', 'detail']).execute()).filter((e) =>
      JSON.stringify(e.detail).includes(waveId),
    );

  it('creates no wave, and says why, when a chosen team is gone by the time it is written', async () => {
    const { orgId } = await setUpAssessment(test);
    // What a team import removing a team between the route's read and the insert leaves behind.
    const creating = createWave(
      db(),
      {
        organizationId: orgId,
        title: 'Raced',
        questionnaireKey: 'trust-os-pulse',
        questionnaireVersion: '1.0.0',
        closesAt: null,
        teamIds: [randomUUID()],
      },
      null,
    );
    await expect(creating).rejects.toMatchObject({ code: 'wave.teams-changed' });
    const waves = await db().selectFrom('wave').select('id').where('title', '=', 'Raced').execute();
    expect(waves).toEqual([]);
  });

  describe('closing is one transaction', () => {
    // Each step of the close, made to fail in turn by a trigger the database runs at that step.
    const steps = [
      { step: 'deleting submission keys', table: 'submission_key', event: 'delete' },
      { step: 'deleting invitations', table: 'invitation', event: 'delete' },
      { step: 'rewriting responses', table: 'response', event: 'insert' },
      { step: 'freezing the publication', table: 'wave_snapshot', event: 'insert' },
      { step: 'writing the audit entry', table: 'audit_event', event: 'insert' },
    ];
    it.each(steps)('leaves the wave open and intact when $step fails', async ({ table, event }) => {
      const { waveId, consultant, codes } = await setUpAssessment(test);
      for (let i = 0; i < 4; i++) await answer(codes.ops!);
      const { codes: invitations } = await issueCodes(test.app, consultant, waveId, 'sales', 3);
      await answer(codes.sales!, { invitation: invitations[0] });
      const state = async () => ({
        wave: await waveRow(waveId),
        responses: (
          await db()
            .selectFrom('response')
            .select(['id', 'comment'])
            .where('wave_id', '=', waveId)
            .orderBy('id')
            .execute()
        ).map((r) => r.id),
        keys: (
          await db().selectFrom('submission_key').select('key_hash').where('wave_id', '=', waveId).execute()
        ).length,
        invitations: await db()
          .selectFrom('invitation')
          .select(['code_hash', 'used'])
          .where('wave_id', '=', waveId)
          .orderBy('code_hash')
          .execute(),
        snapshot: await db()
          .selectFrom('wave_snapshot')
          .select('wave_id')
          .where('wave_id', '=', waveId)
          .execute(),
        audit: await auditActions(waveId),
      });
      const before = await state();
      expect(before.keys).toBe(5);

      await sql`create or replace function fail_close_step() returns trigger language plpgsql as $$
        begin raise exception 'injected failure'; end $$`.execute(db());
      await sql
        .raw(
          `create trigger fail_close_step before ${event} on ${table} for each row execute function fail_close_step()`,
        )
        .execute(db());
      try {
        const failed = await test.app.inject({
          method: 'POST',
          url: `/api/waves/${waveId}/close`,
          headers: { cookie: consultant },
        });
        expect(failed.statusCode).toBe(500);
      } finally {
        await sql.raw(`drop trigger fail_close_step on ${table}`).execute(db());
      }
      expect(await state()).toEqual(before);
      expect(before.wave.status).toBe('open');

      // Nothing was left half done: the same close now succeeds, whole.
      await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
      const after = await state();
      expect(after.wave).toMatchObject({ status: 'closed', sealed: true });
      expect(after.responses).toHaveLength(5);
      expect(after.keys).toBe(0);
      expect(after.invitations).toEqual([]);
      expect(after.snapshot).toHaveLength(1);
      expect(after.audit.filter((e) => e.action === 'wave.close')).toHaveLength(1);
    });
  });

  it('closes a wave at its deadline from the background task; reading it before changes nothing', async () => {
    const { waveId, orgId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 3; i++) await answer(codes.ops!);
    const deadline = new Date(Date.now() - 60_000);
    await db().updateTable('wave').set({ closes_at: deadline }).where('id', '=', waveId).execute();

    // Past its deadline, the wave takes no answer, whoever asks…
    expect(
      (await submit(codes.ops!, { submissionId: randomUUID(), answers: someAnswers() })).statusCode,
    ).toBe(410);
    // …and no read closes it, freezes it or writes anything.
    const before = await waveRow(waveId);
    await call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/waves`);
    await call(test.app, consultant, 'GET', `/api/waves/${waveId}/report`);
    await call(test.app, consultant, 'GET', `/api/waves/${waveId}/participation`);
    expect(await waveRow(waveId)).toEqual(before);
    expect(before.status).toBe('open');
    expect(
      await db().selectFrom('wave_snapshot').select('wave_id').where('wave_id', '=', waveId).execute(),
    ).toEqual([]);

    expect(await test.app.deadlines.runOnce()).toContain(waveId);
    const closed = await waveRow(waveId);
    expect(closed).toMatchObject({ status: 'closed', sealed: true });
    expect(closed.closed_at?.getTime()).toBe(deadline.getTime());
    const entries = (await auditActions(waveId)).filter((e) => e.action === 'wave.close');
    expect(entries).toEqual([
      { action: 'wave.close', actor_email: null, detail: { waveId, by: 'deadline' } },
    ]);
    const email = `leader-${randomUUID()}@example.org`;
    await createAccount(db(), { email, role: 'leader', organizationId: orgId });
    const report = await call(test.app, await signIn(test.app, email), 'GET', `/api/waves/${waveId}/report`);
    expect(report.organization.n).toBe(3);
    expect(await test.app.deadlines.runOnce()).not.toContain(waveId);
  });

  it('freezes a wave over the tree it had at its deadline, even when teams move before the task runs (R3)', async () => {
    const { waveId, orgId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 3; i++) await answer(codes['eng-platform']!);
    await db()
      .updateTable('wave')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', '=', waveId)
      .execute();
    const moved = await importTeams(
      test.app,
      consultant,
      orgId,
      [
        'key,name,parent_key,headcount',
        'ops,Operations,,40',
        'eng,Engineering,,30',
        'eng-platform,Platform,ops,12',
        'eng-apps,Applications,eng,14',
        'sales,Sales,,8',
      ].join('\n'),
    );
    expect(moved.statusCode).toBe(200);
    expect(await waveRow(waveId)).toMatchObject({ status: 'closed', sealed: true });
    const report = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/report`);
    expect(report.groups.find((g: { teamKey: string }) => g.teamKey === 'eng-platform').parentKey).toBe(
      'eng',
    );
  });

  it('closes a wave on its own once its deadline passes, with nobody reading, and stops on shutdown', async () => {
    // An instance of its own that checks every second, on the same database.
    const instance = await buildApp(testConfig({ waveDeadlineCheckSeconds: 1 }), {
      database: test.handle,
      logger: false,
    });
    await instance.ready();
    try {
      const { waveId } = await setUpAssessment(test);
      const deadline = new Date(Date.now() + 1000);
      await db().updateTable('wave').set({ closes_at: deadline }).where('id', '=', waveId).execute();
      // Poll the table only (no request to the app) until the task has closed it; bounded.
      let row = await waveRow(waveId);
      for (let i = 0; i < 300 && row.status !== 'closed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await waveRow(waveId);
      }
      expect(row).toMatchObject({ status: 'closed', sealed: true });
      expect(row.closed_at?.getTime()).toBe(deadline.getTime());
    } finally {
      await instance.close();
    }
  });

  it('closes the other overdue waves when one of them cannot be closed, and says which', async () => {
    const broken = await setUpAssessment(test);
    const fine = await setUpAssessment(test);
    await db()
      .updateTable('wave')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', 'in', [broken.waveId, fine.waveId])
      .execute();
    await sql
      .raw(`create or replace function fail_one_wave() returns trigger language plpgsql as $$
        begin if new.wave_id = '${broken.waveId}' then raise exception 'injected failure'; end if; return new; end $$`)
      .execute(db());
    await sql`create trigger fail_one_wave before insert on wave_snapshot for each row execute function fail_one_wave()`.execute(
      db(),
    );
    const failures: string[] = [];
    try {
      const closed = await closeOverdueWaves(db(), test.app.questionnaires, new Date(), (id) =>
        failures.push(id),
      );
      expect(closed).toContain(fine.waveId);
      expect(closed).not.toContain(broken.waveId);
      expect(failures).toEqual([broken.waveId]);
    } finally {
      await sql`drop trigger fail_one_wave on wave_snapshot`.execute(db());
    }
    expect((await waveRow(broken.waveId)).status).toBe('open');
    expect(await closeOverdueWaves(db(), test.app.questionnaires, new Date())).toContain(broken.waveId);
  });

  it('seals every overdue wave of an organization in the one transaction of a team import, each with its own answers (A6)', async () => {
    const first = await setUpAssessment(test);
    const second = await call(test.app, first.consultant, 'POST', `/api/organizations/${first.orgId}/waves`, {
      title: 'Winter pulse',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    await call(test.app, first.consultant, 'POST', `/api/waves/${second.id}/open`);
    const details = await call(test.app, first.consultant, 'GET', `/api/waves/${second.id}`);
    const secondOps = details.links.find((l: { teamKey: string }) => l.teamKey === 'ops').code as string;
    for (let i = 0; i < 4; i++) await answer(first.codes.ops!, { comment: `first ${i}` });
    for (let i = 0; i < 5; i++) await answer(secondOps, { comment: `second ${i}` });
    await db()
      .updateTable('wave')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', 'in', [first.waveId, second.id])
      .execute();

    // The import closes what is overdue before it replaces the tree, in its own transaction.
    const imported = await importTeams(test.app, first.consultant, first.orgId, TEAMS_CSV);
    expect(imported.statusCode).toBe(200);

    const { rows } = await sql<{ wave_id: string; comments: string[] }>`
      select wave_id, array_agg(comment order by comment) as comments
      from response where wave_id in (${first.waveId}, ${second.id}) group by wave_id`.execute(db());
    const byWave = new Map(rows.map((row) => [row.wave_id, row.comments]));
    expect(byWave.get(first.waveId)).toEqual([0, 1, 2, 3].map((i) => `first ${i}`));
    expect(byWave.get(second.id)).toEqual([0, 1, 2, 3, 4].map((i) => `second ${i}`));
    // Both waves' answers carry the one transaction id of the import.
    const { rows: together } = await sql<{ transactions: number }>`
      select count(distinct xmin::text)::int as transactions
      from response where wave_id in (${first.waveId}, ${second.id})`.execute(db());
    expect(together[0]!.transactions).toBe(1);
    for (const waveId of [first.waveId, second.id])
      expect(await waveRow(waveId)).toMatchObject({ status: 'closed', sealed: true });
  });

  it('closes each overdue wave exactly once when several instances look at the same moment', async () => {
    const setups = await Promise.all([1, 2, 3, 4].map(() => setUpAssessment(test)));
    for (const { codes } of setups) await answer(codes.ops!);
    const ids = setups.map((s) => s.waveId);
    await db()
      .updateTable('wave')
      .set({ closes_at: new Date(Date.now() - 1000) })
      .where('id', 'in', ids)
      .execute();
    // A second connection pool stands for a second instance where the database allows one.
    const other = await database.connectAgain?.(test.handle);
    try {
      const runs = await Promise.all([
        closeOverdueWaves(db(), test.app.questionnaires, new Date()),
        closeOverdueWaves(other?.db ?? db(), test.app.questionnaires, new Date()),
        closeOverdueWaves(db(), test.app.questionnaires, new Date()),
      ]);
      const closed = runs.flat().filter((id) => ids.includes(id));
      expect(closed.sort()).toEqual([...ids].sort());
      for (const id of ids) {
        expect((await auditActions(id)).filter((e) => e.action === 'wave.close')).toHaveLength(1);
        expect(
          await db().selectFrom('response').select('id').where('wave_id', '=', id).execute(),
        ).toHaveLength(1);
      }
    } finally {
      await other?.close();
    }
  });

  describe('summing a closing wave beside its transaction', () => {
    /** The respondents the frozen sums count per team, and the answers stored per team. */
    const counted = async (waveId: string) => {
      const { sums } = await db()
        .selectFrom('wave_snapshot')
        .select('sums')
        .where('wave_id', '=', waveId)
        .executeTakeFirstOrThrow();
      const frozen = new Map<string, number>();
      const document = (typeof sums === 'string' ? JSON.parse(sums) : sums) as { teams: [string, number][] };
      for (const [key, n] of document.teams) frozen.set(key, (frozen.get(key) ?? 0) + n);
      const stored = await db()
        .selectFrom('response')
        .innerJoin('team', 'team.id', 'response.team_id')
        .select(['team.key', (eb) => eb.fn.countAll<number>().as('n')])
        .where('response.wave_id', '=', waveId)
        .groupBy('team.key')
        .execute();
      return {
        frozen: Object.fromEntries(frozen),
        stored: Object.fromEntries(stored.map((r) => [r.key, r.n])),
      };
    };
    /**
     * The database handle, counting the transactions begun through it. From the `from`-th on, a
     * transaction either fails at once (`fail`) or waits for `gate` before it begins (`wait`), as
     * one on a full pool would; `waited` is then what that transaction came to.
     */
    const counting = (from = Number.POSITIVE_INFINITY, mode: 'fail' | 'wait' = 'fail') => {
      const begun = { count: 0 };
      let open = () => {};
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      const waited: Promise<unknown>[] = [];
      const handle = new Proxy(db(), {
        get(target, property) {
          if (property !== 'transaction') {
            const value = Reflect.get(target, property);
            return typeof value === 'function' ? value.bind(target) : value;
          }
          return () => {
            begun.count += 1;
            if (begun.count < from) return target.transaction();
            let builder = target.transaction();
            return {
              setIsolationLevel(level: Parameters<typeof builder.setIsolationLevel>[0]) {
                builder = builder.setIsolationLevel(level);
                return this;
              },
              setAccessMode(access: Parameters<typeof builder.setAccessMode>[0]) {
                builder = builder.setAccessMode(access);
                return this;
              },
              execute(work: Parameters<typeof builder.execute>[0]) {
                if (mode === 'fail') return Promise.reject(new Error('no connection to be had'));
                const outcome = gate.then(() => builder.execute(work));
                waited.push(
                  outcome.then(
                    () => 'summed',
                    (error: Error) => error.message,
                  ),
                );
                return outcome;
              },
            };
          };
        },
      });
      return { handle, begun, open, waited };
    };

    it('freezes every answer acknowledged before the close, with answers racing it', async () => {
      const { waveId, consultant, codes } = await setUpAssessment(test);
      for (let i = 0; i < 3; i++) await answer(codes.ops!);
      const racing = Array.from({ length: 24 }, (_, i) =>
        submit(i % 2 ? codes.ops! : codes.sales!, { submissionId: randomUUID(), answers: someAnswers() }),
      );
      const close = call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
      const statuses = (await Promise.all(racing)).map((r) => r.statusCode);
      await close;
      for (const status of statuses) expect([201, 410]).toContain(status);
      const { frozen, stored } = await counted(waveId);
      expect(frozen).toEqual(stored);
      // Not only as many: the very answers stored, every item's sums and every score's.
      const wave = (await findWave(db(), waveId))!;
      const definition = test.app.questionnaires.get(wave.questionnaireKey, wave.questionnaireVersion)!;
      const again = await computeWaveSums(
        db(),
        waveId,
        definition.items.map(({ id, dimension, reverse }) => ({ id, dimension, reverse })),
        definition.dimensions.map(({ id, outcome }) => ({ id, outcome })),
      );
      const { sums } = await db()
        .selectFrom('wave_snapshot')
        .select('sums')
        .where('wave_id', '=', waveId)
        .executeTakeFirstOrThrow();
      // Rows in any order: the statement groups without sorting.
      const rowsOf = (document: unknown) => {
        const parsed = (typeof document === 'string' ? JSON.parse(document) : document) as Record<
          string,
          unknown[] | null
        >;
        return Object.fromEntries(
          ['teams', 'scores', 'pairs'].map((part) => [
            part,
            (parsed[part] ?? []).map((row) => JSON.stringify(row)).sort(),
          ]),
        );
      };
      expect(rowsOf(sums).teams!.length).toBeGreaterThan(0);
      expect(rowsOf(sums)).toEqual(rowsOf(again.sums));
      const total = Object.values(stored).reduce((sum, n) => sum + n, 0);
      expect(total).toBe(3 + statuses.filter((s) => s === 201).length);
    });

    it('sums on a connection of its own on a server, and in the closing transaction where that fails', async () => {
      const { closeWave } = await import('../../../server/waves/wave-lifecycle.ts');
      for (const from of [Number.POSITIVE_INFINITY, 2]) {
        const { waveId, codes } = await setUpAssessment(test);
        for (let i = 0; i < 4; i++) await answer(codes.ops!);
        for (let i = 0; i < 3; i++) await answer(codes.sales!);
        const { handle, begun } = counting(from);
        const fallbacks: [string, string][] = [];
        const closed = await closeWave(
          handle,
          test.app.questionnaires,
          waveId,
          null,
          new Date(),
          (id, error) => fallbacks.push([id, (error as Error).message]),
        );
        expect(closed.status).toBe('closed');
        // The close itself, and on PostgreSQL the sums' own read-only transaction.
        expect(begun.count).toBe(database.name === 'pglite' ? 1 : 2);
        // Summing in the closing transaction is said, with why, where a second connection was tried.
        expect(fallbacks).toEqual(
          database.name === 'pglite' || from === Number.POSITIVE_INFINITY
            ? []
            : [[waveId, 'no connection to be had']],
        );
        expect(await counted(waveId)).toEqual({ frozen: { ops: 4, sales: 3 }, stored: { ops: 4, sales: 3 } });
      }
    });

    it('ends the thread started for its documents at once when the close fails before they are worked out', async () => {
      const { closeWave } = await import('../../../server/waves/wave-lifecycle.ts');
      const { waveId, codes } = await setUpAssessment(test);
      for (let i = 0; i < 3; i++) await answer(codes.ops!);
      // The open answers are read on the closing transaction on both databases, before the
      // documents can be worked out: that read fails.
      const failing: KyselyPlugin = {
        transformQuery({ node }) {
          if (node.kind === 'RawNode' && node.sqlFragments.join('?').includes('r.comment <>'))
            throw new Error('injected failure');
          return node;
        },
        transformResult: async ({ result }) => result,
      };
      await expect(
        closeWave(db().withPlugin(failing), test.app.questionnaires, waveId, null, new Date()),
      ).rejects.toThrow('injected failure');
      expect((await waveRow(waveId)).status).toBe('open');
      // Without being abandoned, it would wait five minutes for work that never comes.
      await vi.waitFor(() => expect(freezeThreadsRunning()).toBe(0), { timeout: 10_000, interval: 20 });
    });

    it('does not wait, holding the wave, for a second connection that does not come', async () => {
      const { closeWave } = await import('../../../server/waves/wave-lifecycle.ts');
      const { waveId, codes } = await setUpAssessment(test);
      for (let i = 0; i < 5; i++) await answer(codes.ops!);
      const { handle, open, waited } = counting(2, 'wait');
      // What the log is told: a warning with the wave and why.
      const warnings: { waveId: unknown; reason: string; message: string }[] = [];
      const log = {
        warn: (fields: { waveId?: unknown; err?: unknown }, message: string) =>
          warnings.push({ waveId: fields.waveId, reason: (fields.err as Error).message, message }),
      };
      // The second connection only comes once the close is done: had the close waited for it,
      // it would never end.
      const closed = await closeWave(
        handle,
        test.app.questionnaires,
        waveId,
        null,
        new Date(),
        warnSummedInPlace(log as unknown as Parameters<typeof warnSummedInPlace>[0]),
      );
      expect(closed.status).toBe('closed');
      expect(await counted(waveId)).toEqual({ frozen: { ops: 5 }, stored: { ops: 5 } });
      expect(warnings).toEqual(
        database.name === 'pglite'
          ? []
          : [
              {
                waveId,
                reason: 'no second connection within 500 ms',
                message: expect.stringContaining('second database connection'),
              },
            ],
      );
      open();
      // Once it comes, it gives up rather than sum a wave that is already frozen.
      expect(await Promise.all(waited)).toEqual(
        database.name === 'pglite' ? [] : ['the close summed its answers itself'],
      );
    });
  });

  it('rewrites answers at close so that neither transaction ids nor physical order follow arrival (A3, A6)', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const { codes: invitations } = await issueCodes(test.app, consultant, waveId, 'sales', 10);
    // A large team with no known headcount, so no cap on answers per link applies.
    await db().updateTable('team').set({ headcount: null }).where('key', '=', 'ops').execute();
    // Sent one at a time, as a quiet morning would: each answer its own transaction.
    const sent: string[] = [];
    for (let i = 0; i < 300; i++) {
      sent.push(`answer ${i}`);
      await answer(codes.ops!, { comment: `answer ${i}` });
    }
    for (const [i, code] of invitations.entries()) {
      sent.push(`invited ${i}`);
      await answer(codes.sales!, { invitation: code, comment: `invited ${i}` });
    }
    const physicalOrder = async () =>
      (
        await sql<{
          comment: string;
        }>`select comment from response where wave_id = ${waveId} order by ctid`.execute(db())
      ).rows.map((r) => r.comment);
    const pairedByTransaction = async () =>
      (
        await sql<{ comment: string }>`
          select r.comment from response r join invitation i on i.xmin = r.xmin and i.wave_id = r.wave_id
          where r.wave_id = ${waveId} and i.used`.execute(db())
      ).rows;
    // The attack, while the wave is open: a lone invited answer shares its transaction with its code.
    expect(await pairedByTransaction()).toHaveLength(10);
    expect(spearman(await physicalOrder(), sent)).toBeGreaterThan(0.9);

    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);

    expect(await pairedByTransaction()).toEqual([]);
    expect(
      await db().selectFrom('invitation').select('code_hash').where('wave_id', '=', waveId).execute(),
    ).toEqual([]);
    const { rows } = await sql<{ transactions: number }>`
      select count(distinct xmin::text)::int as transactions from response where wave_id = ${waveId}`.execute(
      db(),
    );
    expect(rows[0]!.transactions).toBe(1);
    const after = await physicalOrder();
    expect([...after].sort()).toEqual([...sent].sort());
    // A random order's correlation with arrival is about ±1/√310 ≈ ±0.06; 0.3 is five of those.
    expect(Math.abs(spearman(after, sent))).toBeLessThan(0.3);
    // The rows go in team by team (each row names its team anyway), so the shuffle that matters is
    // the one within a team: the 300 answers of one team, against the order they came in.
    const oneTeam = (order: string[]) => order.filter((comment) => comment.startsWith('answer '));
    expect(Math.abs(spearman(oneTeam(after), oneTeam(sent)))).toBeLessThan(0.3);
    const teamsInPlace = after.map((comment) => (comment.startsWith('answer ') ? 'ops' : 'sales'));
    expect(teamsInPlace.filter((team, i) => team !== teamsInPlace[i - 1]).length).toBe(2);
  });

  it('reclaims the old row versions after the close has answered, not before (A6)', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 6; i++) await answer(codes.ops!);
    const sealed = ['response', 'invitation', 'submission_key', 'wave_recipient', 'mail_outbox'];
    const lastVacuums = async () =>
      (
        await sql<{ relname: string; last_vacuum: Date | null }>`
          select relname, last_vacuum from pg_stat_user_tables
          where schemaname = current_schema() and relname in (${sql.join(sealed)})
          order by relname`.execute(db())
      ).rows;
    // A reclaim left from an earlier test must not count for this close.
    await reclaimed(db());
    const { rows } = await sql<{ now: Date }>`select now()`.execute(db());
    const before = rows[0]!.now;
    const close = () => call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    if (database.connectAgain) {
      // Another session holds a lock that VACUUM must wait for, and that the close does not: the
      // close answers all the same, and the reclaim ends once the lock goes.
      const other = await database.connectAgain(test.handle);
      try {
        await other.db.transaction().execute(async (trx) => {
          await sql`lock table mail_outbox in share update exclusive mode`.execute(trx);
          expect((await close()).status).toBe('closed');
          let reclaimedYet = false;
          const waiting = reclaimed(db()).then(() => {
            reclaimedYet = true;
          });
          // The lock is still held: whatever runs now, the reclaim cannot have ended.
          await sql`select pg_sleep(0)`.execute(trx);
          expect(reclaimedYet).toBe(false);
          void waiting;
        });
      } finally {
        await other.close();
      }
    } else {
      expect((await close()).status).toBe('closed');
    }
    await reclaimed(db());
    const vacuums = await lastVacuums();
    expect(vacuums.map((v) => v.relname)).toEqual([...sealed].sort());
    for (const { last_vacuum } of vacuums)
      expect(last_vacuum!.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });

  it.skipIf(!database.connectAgain)(
    'reclaims once more for a seal that commits while a reclaim runs',
    async () => {
      const first = await setUpAssessment(test);
      const second = await setUpAssessment(test);
      for (let i = 0; i < 6; i++) {
        await answer(first.codes.ops!);
        await answer(second.codes.ops!);
      }
      const vacuumedAt = async () =>
        (
          await sql<{ at: Date }>`
            select last_vacuum as at from pg_stat_user_tables
            where schemaname = current_schema() and relname = 'response'`.execute(db())
        ).rows[0]!.at;
      const other = await database.connectAgain!(test.handle);
      let secondClosed: Date | undefined;
      try {
        await other.db.transaction().execute(async (trx) => {
          // The first close's reclaim passes `response`, then waits at `mail_outbox`.
          await sql`lock table mail_outbox in share update exclusive mode`.execute(trx);
          await call(test.app, first.consultant, 'POST', `/api/waves/${first.waveId}/close`);
          await call(test.app, second.consultant, 'POST', `/api/waves/${second.waveId}/close`);
          secondClosed = (await sql<{ at: Date }>`select clock_timestamp() as at`.execute(trx)).rows[0]!.at;
        });
      } finally {
        await other.close();
      }
      await reclaimed(db());
      // The first pass had finished `response` before the second close (it then waited at
      // `mail_outbox`): a VACUUM of `response` that ended after that close was a second pass.
      expect((await vacuumedAt()).getTime()).toBeGreaterThan(secondClosed!.getTime());
    },
  );

  it('owes a close its reclaim until one has run: a failed one is tried again, and a server started later runs what is still owed', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 6; i++) await answer(codes.ops!);
    const owed = async () =>
      (
        await db()
          .selectFrom('wave')
          .select('reclaim_owed')
          .where('id', '=', waveId)
          .executeTakeFirstOrThrow()
      ).reclaim_owed;
    await reclaimed(db());

    // A second server on the same database, whose VACUUM fails: the close commits, and the wave
    // owes its reclaim until another pass (here the first server's) has run.
    const noVacuum: KyselyPlugin = {
      transformQuery: (args) => {
        if (db().getExecutor().compileQuery(args.node, args.queryId).sql.trimStart().startsWith('vacuum'))
          throw new Error('VACUUM refused');
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const failing = db().withPlugin(noVacuum);
    const other = await buildApp(testConfig(), {
      database: { ...test.handle, db: failing },
      logger: false,
      backgroundTimers: false,
    });
    try {
      // Whatever an earlier test left owed, this server's start tried (and failed) to reclaim.
      await reclaimed(failing);
      const failures: unknown[] = [];
      // Replaces the app's listener; not tried again within this test.
      whenReclaimFails(failing, (error) => failures.push(error), { firstRetryMs: 3_600_000 });
      expect((await call(other, consultant, 'POST', `/api/waves/${waveId}/close`)).status).toBe('closed');
      await reclaimed(failing);
      expect(failures).toEqual([new Error('VACUUM refused')]);
      expect(await owed()).toBe(true);
    } finally {
      await stopReclaiming(failing);
      await other.close();
    }
    reclaimSoon(db());
    await reclaimed(db());
    expect(await owed()).toBe(false);

    // A pass that fails leaves the wave owed (a table the VACUUM names is gone for a moment) and
    // is tried again by itself. A retry that comes before the table is back fails and waits twice
    // as long, so this waits for the outcome, not for a moment.
    const failures: unknown[] = [];
    const failOnce = async () => {
      await db().updateTable('wave').set({ reclaim_owed: true }).where('id', '=', waveId).execute();
      await sql`alter table mail_outbox rename to mail_outbox_away`.execute(db());
      try {
        reclaimSoon(db());
        await reclaimed(db());
        expect(await owed()).toBe(true);
      } finally {
        await sql`alter table mail_outbox_away rename to mail_outbox`.execute(db());
      }
    };
    whenReclaimFails(db(), (error) => failures.push(error), { firstRetryMs: 200 });
    await failOnce();
    expect(String(failures[0])).toContain('mail_outbox');
    await vi.waitFor(async () => expect(await owed()).toBe(false), { timeout: 60_000, interval: 50 });

    // A server that stops with a reclaim owed (no retry comes within this test, and closing the
    // handle stops them) leaves it marked, and the next one to start on the database runs it.
    whenReclaimFails(db(), (error) => failures.push(error), { firstRetryMs: 3_600_000 });
    await failOnce();
    await stopReclaiming(db());
    expect(await owed()).toBe(true);
    const next = await buildApp(testConfig(), {
      database: test.handle,
      logger: false,
      backgroundTimers: false,
    });
    try {
      await next.ready();
      await reclaimed(db());
      expect(await owed()).toBe(false);
    } finally {
      await next.close();
    }
  });

  it('shows a leader only published groups of their scope, and comments only from inside it', async () => {
    const { waveId, orgId, consultant, codes } = await setUpAssessment(test);
    for (let i = 0; i < 10; i++) await answer(codes.ops!, { comment: `ops comment ${i}` });
    for (let i = 0; i < 6; i++) await answer(codes['eng-platform']!, { comment: `platform comment ${i}` });
    for (let i = 0; i < 6; i++) await answer(codes['eng-apps']!, { comment: `apps comment ${i}` });
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);

    const leaderOf = async (teamKey: string | null) => {
      const email = `leader-${randomUUID()}@example.org`;
      await createAccount(db(), { email, role: 'leader', organizationId: orgId, teamKey });
      return signIn(test.app, email);
    };
    const whole = await leaderOf(null);
    const report = await call(test.app, whole, 'GET', `/api/waves/${waveId}/report`);
    const published = report.groups.filter((g: { suppressed: boolean }) => !g.suppressed);
    const participation = await call(test.app, whole, 'GET', `/api/waves/${waveId}/participation`);
    // Exactly the report's published groups, with the report's own n.
    expect(
      participation.map((r: { teamKey: string; responses: number }) => [r.teamKey, r.responses]),
    ).toEqual(published.map((g: { teamKey: string; n: number }) => [g.teamKey, g.n]));

    const eng = await leaderOf('eng');
    const engRows = await call(test.app, eng, 'GET', `/api/waves/${waveId}/participation`);
    expect(engRows.map((r: { teamKey: string }) => r.teamKey)).toEqual(['eng', 'eng-platform', 'eng-apps']);
    expect(engRows[0]).toMatchObject({ responses: 12, headcount: 30 + 12 + 14 });
    const engReport = await call(test.app, eng, 'GET', `/api/waves/${waveId}/report`);
    expect(engReport.comments.map((c: { teamKey: string }) => c.teamKey)).toEqual(['eng']);

    const ops = await leaderOf('ops');
    const opsRows = await call(test.app, ops, 'GET', `/api/waves/${waveId}/participation`);
    expect(opsRows.every((r: { teamKey: string }) => r.teamKey === 'ops')).toBe(true);
    const opsReport = await call(test.app, ops, 'GET', `/api/waves/${waveId}/report`);
    const opsComments = opsReport.comments.flatMap((c: { comments: string[] }) => c.comments);
    expect(opsComments.length).toBe(10);
    expect(opsComments.every((c: string) => c.startsWith('ops comment'))).toBe(true);
  });

  it("builds an open wave's preview from a count per team, reading no answer", async () => {
    const statements: string[] = [];
    const recorder: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(db().getExecutor().compileQuery(args.node, args.queryId).sql);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const watched = await buildApp(testConfig(), {
      database: { ...test.handle, db: db().withPlugin(recorder) },
      logger: false,
      backgroundTimers: false,
    });
    try {
      const { waveId, consultant, codes } = await setUpAssessment(test);
      for (let i = 0; i < 4; i++) await answer(codes.ops!, { comment: 'a comment' });
      statements.length = 0;
      const preview = await watched.inject({
        url: `/api/waves/${waveId}/report?detail=items`,
        headers: { cookie: consultant },
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.json().groups.find((g: { teamKey: string }) => g.teamKey === 'ops').n).toBe(4);
      const fromResponses = statements.filter((text) => /\bresponse\b/.test(text));
      expect(fromResponses.length).toBeGreaterThan(0);
      for (const text of fromResponses) {
        expect(text).toMatch(/count\(/i);
        expect(text).not.toMatch(/answers|comment/);
      }
    } finally {
      await watched.close();
    }
  });

  it('closes and reports a hierarchy as deep as the import allows, without recursion', async () => {
    // Its first wave a draft: the teams of an open wave could not be replaced.
    const { orgId, consultant } = await setUpAssessment(test, { open: false });
    const depth = 32;
    const csv = ['key,name,parent_key,headcount'];
    for (let level = 1; level <= depth; level++)
      csv.push(`level-${level},Level ${level},${level === 1 ? '' : `level-${level - 1}`},`);
    const imported = await importTeams(test.app, consultant, orgId, csv.join('\n'));
    expect(imported.statusCode).toBe(200);
    const wave = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Deep',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
      teamKeys: [`level-${depth}`, 'level-1'],
    });
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/open`);
    const { links } = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}`);
    const deepest = links.find((l: { teamKey: string }) => l.teamKey === `level-${depth}`).code;
    for (let i = 0; i < 4; i++) await answer(deepest);
    const preview = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/report`);
    expect(preview.organization.n).toBe(4);
    await call(test.app, consultant, 'POST', `/api/waves/${wave.id}/close`);
    const report = await call(test.app, consultant, 'GET', `/api/waves/${wave.id}/report`);
    expect(report.groups).toHaveLength(depth);
    expect(report.groups.at(-1)).toMatchObject({ teamKey: `level-${depth}`, depth: depth - 1, n: 4 });
  });
});
