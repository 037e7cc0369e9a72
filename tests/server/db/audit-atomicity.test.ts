import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call, setUpAssessment, TEAMS_CSV } from '../../support/assessment.ts';
import { createAccount, TEST_PASSWORD } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

/**
 * Every write that has an audit entry commits with it, or not at all: with the audit insert made
 * to fail, each command answers 500 and leaves no trace of its write.
 */
describe.each(testDatabases())('writes and their audit entries on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  const count = async (table: 'organization' | 'wave' | 'invitation' | 'team' | 'audit_event') =>
    Number(
      (
        await test.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const failAudits = async () => {
    await sql`create or replace function fail_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable'; end $$`.execute(test.handle.db);
    await sql`create trigger fail_audit before insert on audit_event for each row execute function fail_audit()`.execute(
      test.handle.db,
    );
  };
  const restoreAudits = () => sql`drop trigger if exists fail_audit on audit_event`.execute(test.handle.db);

  it('leaves no organization, team, wave, opening or invitation behind when its audit entry fails', async () => {
    const { orgId, waveId, consultant } = await setUpAssessment(test, { open: false });
    const draft = await call(test.app, consultant, 'POST', `/api/organizations/${orgId}/waves`, {
      title: 'Second',
      questionnaire: { key: 'trust-os-pulse', version: '1.0.0' },
    });
    const before = {
      organization: await count('organization'),
      wave: await count('wave'),
      invitation: await count('invitation'),
      team: await count('team'),
      audit: await count('audit_event'),
    };
    const teams = await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`);
    const waveStatus = async (id: string) =>
      (
        await test.handle.db
          .selectFrom('wave')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    await call(test.app, consultant, 'POST', `/api/waves/${draft.id}/open`);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true });
    const schedule = async (id: string) =>
      test.handle.db
        .selectFrom('wave')
        .select(['opens_at', 'reminder_days', 'locale'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const scheduleBefore = await schedule(waveId);
    const personalCodes = async () =>
      (
        await test.handle.db
          .selectFrom('wave_team')
          .select('personal_codes')
          .where('wave_id', '=', waveId)
          .where('personal_codes', '=', true)
          .execute()
      ).length;

    await failAudits();
    try {
      const attempts = [
        { method: 'POST', url: '/api/organizations', payload: { name: `Client ${randomUUID()}` } },
        {
          method: 'POST',
          url: `/api/organizations/${orgId}/waves`,
          payload: { title: 'Third', questionnaire: { key: 'trust-os-pulse', version: '1.0.0' } },
        },
        { method: 'POST', url: `/api/waves/${waveId}/open` },
        { method: 'POST', url: `/api/waves/${draft.id}/close` },
        { method: 'POST', url: `/api/waves/${waveId}/invitations`, payload: { teamKey: 'ops', count: 3 } },
        { method: 'PUT', url: `/api/waves/${waveId}/teams/sales`, payload: { personalCodes: true } },
        {
          method: 'PATCH',
          url: `/api/waves/${waveId}`,
          payload: {
            opensAt: new Date(Date.now() + 86_400_000).toISOString(),
            reminderDays: [2],
            locale: 'es',
          },
        },
      ] as const;
      for (const attempt of attempts) {
        const response = await test.app.inject({ ...attempt, headers: { cookie: consultant } });
        expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(500);
      }
      const csv = TEAMS_CSV.replace('sales,Sales,,8', 'sales,Field sales,,8\nnew,New team,,3');
      const replaced = await test.app.inject({
        method: 'PUT',
        url: `/api/organizations/${orgId}/teams`,
        headers: { cookie: consultant, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(replaced.statusCode).toBe(500);
    } finally {
      await restoreAudits();
    }
    expect({
      organization: await count('organization'),
      wave: await count('wave'),
      invitation: await count('invitation'),
      team: await count('team'),
      audit: await count('audit_event'),
    }).toEqual({ ...before, audit: before.audit + 2 }); // + the successful open and personal codes above
    expect(await schedule(waveId)).toEqual(scheduleBefore);
    expect(await personalCodes()).toBe(1);
    expect(await waveStatus(waveId)).toBe('draft');
    expect(await waveStatus(draft.id)).toBe('open');
    expect(await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).toEqual(teams);
  });

  it('opens no session when the sign-in cannot be audited', async () => {
    const email = `person-${randomUUID()}@example.org`;
    await createAccount(test.handle.db, { email, role: 'consultant' });
    const sessions = async () =>
      Number(
        (
          await test.handle.db
            .selectFrom('session')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await sessions();
    await failAudits();
    try {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await restoreAudits();
    }
    expect(await sessions()).toBe(before);
  });

  it('refuses text PostgreSQL cannot store with a 400 naming the field, and stores nothing', async () => {
    const { orgId, consultant } = await setUpAssessment(test);
    const waves = await count('wave');
    for (const title of ['\udfff', 'a\ud800b', 'nul\u0000']) {
      const response = await test.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/waves`,
        headers: { cookie: consultant },
        payload: { title, questionnaire: { key: 'trust-os-pulse', version: '1.0.0' } },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields[0].field).toBe('body.title');
    }
    // Bytes that are not UTF-8 at all, in JSON and in CSV.
    const invalid = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const json = await test.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgId}/waves`,
      headers: { cookie: consultant, 'content-type': 'application/json' },
      payload: invalid,
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().fields[0].field).toBe('body');
    const csv = await test.app.inject({
      method: 'PUT',
      url: `/api/organizations/${orgId}/teams`,
      headers: { cookie: consultant, 'content-type': 'text/csv' },
      payload: Buffer.concat([
        Buffer.from('key,name,parent_key\nops,Op'),
        Buffer.from([0xff]),
        Buffer.from(',\n'),
      ]),
    });
    expect(csv.statusCode).toBe(400);
    expect(await count('wave')).toBe(waves);
  });
});
