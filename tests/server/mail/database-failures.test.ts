import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { call, setUpAssessment } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

const MAIL = { from: 'pulse@example.org', perMinute: 60_000 };

/**
 * The database failing around a round of sending: before it sends (the team's codes cannot be
 * stored), or after the mail server accepted everything (what went cannot be recorded). Triggers
 * stand in for one statement lost to an outage.
 */
describe.each(testDatabases())('a round of sending when the database fails on $name', (database) => {
  let test: TestApp;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await mailCatcher();
    await smtp.start();
    test = await startTestApp(database, {
      publicUrl: 'https://pulse.example.org',
      mail: { smtpUrl: smtp.url, ...MAIL },
    });
  });
  afterEach(async () => {
    await sql`drop trigger if exists settle_blip on mail_outbox`.execute(test.handle.db);
    await sql`drop trigger if exists codes_refused on invitation`.execute(test.handle.db);
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  const db = () => test.handle.db;
  /** The next delete from the queue fails once, as a statement does when the connection is lost. */
  const loseNextSettle = async () => {
    await sql`create sequence if not exists settle_blip`.execute(db());
    await sql`select setval('settle_blip', 1, false)`.execute(db());
    await sql`create or replace function settle_blip() returns trigger language plpgsql as $$
      begin
        if nextval('settle_blip') = 1 then raise exception 'connection lost'; end if;
        return old;
      end $$`.execute(db());
    await sql`create trigger settle_blip before delete on mail_outbox
      for each row execute function settle_blip()`.execute(db());
  };
  /** One person of a personal-code team on the list of an open wave. */
  const onePerson = async () => {
    const assessment = await setUpAssessment(test);
    const { waveId, consultant } = assessment;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const person = `once.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: person, teamKey: 'sales' }],
    });
    return { ...assessment, person };
  };
  const codeIn = (to: string) =>
    smtp.received.filter((mail) => mail.to === to).map((mail) => mail.text.match(/\?code=([0-9A-Z-]+)/)![1]!);

  it('sends once, with one code, what went before its outcome could be recorded', async () => {
    const { waveId, consultant, codes, person } = await onePerson();
    await loseNextSettle();
    const now = new Date();
    await expect(test.app.mail!.runOnce(now)).rejects.toThrow('connection lost');
    expect(codeIn(person)).toHaveLength(1);
    // The next round records it before it takes anything, and sends nothing of it again.
    expect(await test.app.mail!.runOnce(new Date(now.getTime() + 5_000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    await test.app.mail!.runOnce(new Date(now.getTime() + 11 * 60_000));
    const sent = codeIn(person);
    expect(sent).toHaveLength(1);
    const checked = await test.app.inject({
      method: 'POST',
      url: `/api/participate/${codes.sales}/invitation`,
      payload: { invitation: sent[0] },
    });
    expect(checked.json()).toEqual({ status: 'valid' });
    expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).toMatchObject({
      queued: 0,
      sent: 1,
    });
  });

  it('records what went, once more, when the instance stops before its next round', async () => {
    // An instance of its own, to stop.
    const second = await buildApp(
      testConfig({ publicUrl: 'https://pulse.example.org', mail: { smtpUrl: smtp.url, ...MAIL } }),
      { database: test.handle, logger: false, backgroundTimers: false },
    );
    const { waveId, consultant, person } = await onePerson();
    await loseNextSettle();
    try {
      await expect(second.mail!.runOnce(new Date())).rejects.toThrow('connection lost');
    } finally {
      await second.close();
    }
    expect(codeIn(person)).toHaveLength(1);
    expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).toMatchObject({
      queued: 0,
      sent: 1,
    });
  });

  it('records only what went once its lease has passed, leaving what another round holds as it is', async () => {
    // An instance of its own, whose mail server refuses one address for good (550).
    const refusing = await mailCatcher({ refuse: (to) => to.startsWith('nobody.') });
    await refusing.start();
    const second = await buildApp(
      testConfig({ publicUrl: 'https://pulse.example.org', mail: { smtpUrl: refusing.url, ...MAIL } }),
      { database: test.handle, logger: false, backgroundTimers: false },
    );
    try {
      const { waveId, consultant } = await setUpAssessment(test);
      const tag = waveId.slice(0, 8);
      const [ok, nobody] = [`ok.${tag}@example.org`, `nobody.${tag}@example.org`];
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: [ok, nobody].map((email) => ({ email, teamKey: 'ops' })),
      });
      await loseNextSettle();
      const now = new Date();
      await expect(second.mail!.runOnce(now)).rejects.toThrow('connection lost');
      // The database is back only after the lease: another round has taken the refused address's
      // message meanwhile, with a lease and a record of its own.
      const theirs = new Date(now.getTime() + 30 * 60_000);
      await db()
        .updateTable('mail_outbox')
        .set({ next_attempt_at: theirs, last_error: 'held by another round' })
        .where('wave_id', '=', waveId)
        .where('email', '=', nobody)
        .execute();
      await second.mail!.runOnce(new Date(now.getTime() + 11 * 60_000));
      const rows = await db()
        .selectFrom('mail_outbox')
        .select(['email', 'failed', 'last_error', 'next_attempt_at'])
        .where('wave_id', '=', waveId)
        .execute();
      // What went is recorded (its row gone, counted once); the other is as its holder left it.
      expect(rows).toEqual([
        { email: nobody, failed: false, last_error: 'held by another round', next_attempt_at: theirs },
      ]);
      expect(await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).toMatchObject({
        sent: 1,
      });
    } finally {
      await second.close();
      await refusing.stop();
    }
  });

  it('gives back, their tries restored, invitations whose codes could not be stored, and sends the rest', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const tag = waveId.slice(0, 8);
    const coded = [0, 1].map((i) => `coded${i}.${tag}@example.org`);
    const linked = `linked.${tag}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [...coded.map((email) => ({ email, teamKey: 'sales' })), { email: linked, teamKey: 'ops' }],
    });
    await sql`create or replace function codes_refused() returns trigger language plpgsql as $$
      begin raise exception 'invitation store unavailable'; end $$`.execute(db());
    await sql`create trigger codes_refused before insert on invitation
      for each row execute function codes_refused()`.execute(db());
    const now = new Date();
    expect(await test.app.mail!.runOnce(now)).toEqual({ sent: 1, retried: 2, failed: 0 });
    expect(smtp.received.filter((mail) => mail.to === linked)).toHaveLength(1);
    // Not left leased for ten minutes at the cost of a try: due again in a minute, as they were.
    const waiting = await db()
      .selectFrom('mail_outbox')
      .select(['attempts', 'next_attempt_at', 'may_have_gone'])
      .where('wave_id', '=', waveId)
      .execute();
    expect(waiting).toHaveLength(2);
    for (const row of waiting) {
      expect(row).toMatchObject({ attempts: 0, may_have_gone: false });
      expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(now.getTime() + 60_000);
    }

    await sql`drop trigger codes_refused on invitation`.execute(db());
    expect(await test.app.mail!.runOnce(new Date(now.getTime() + 60_000))).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    for (const person of coded) expect(codeIn(person)).toHaveLength(1);
  });
});
