import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { runSchedule } from '../../../server/waves/wave-delivery.ts';
import { closeOverdueWaves } from '../../../server/waves/wave-lifecycle.ts';
import { startTestApp, type TestApp, testConfig } from '../../support/app.ts';
import { call, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';
import { type CaughtMail, type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

const PUBLIC_URL = 'https://pulse.example.org';

/** The survey link in a message, as a path this app serves (`/s/<code>?code=…`). */
function linkIn(mail: CaughtMail): URL {
  const found = mail.text.match(/https:\/\/pulse\.example\.org\/s\/[^\s)>\]]+/);
  if (!found) throw new Error(`no survey link in: ${mail.text}`);
  return new URL(found[0]);
}

/** Addresses the mail server refuses for good until a test takes them off (a full mailbox, say). */
const refusedForNow = new Set<string>();

describe.each(testDatabases())('invitations and reminders by email on $name', (database) => {
  let test: TestApp;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await mailCatcher({ refuse: (to) => to.startsWith('nobody') || refusedForNow.has(to) });
    await smtp.start();
    test = await startTestApp(database, {
      publicUrl: PUBLIC_URL,
      mail: { smtpUrl: smtp.url, from: 'Trust OS <pulse@example.org>', perMinute: 60_000 },
    });
  });
  afterAll(async () => {
    await test?.close();
    await smtp?.stop();
  });

  const db = () => test.handle.db;
  const inject = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    cookie: string,
    payload?: unknown,
    csv = false,
  ) =>
    test.app.inject({
      method,
      url,
      headers: { cookie, ...(csv ? { 'content-type': 'text/csv' } : {}) },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  /** Sends until the queue has nothing due now. */
  /**
   * Sends until nothing is waiting. A connection the loaded machine drops counts as the server
   * being away (the sender waits before trying again), so the clock moves on a minute then: the
   * test does not depend on how fast the machine is.
   */
  const deliver = async (from = new Date()) => {
    let now = from;
    for (let round = 0; round < 40; round++) {
      const { sent, failed, retried } = await test.app.mail!.runOnce(now);
      if (sent + failed + retried > 0) continue;
      const waiting = await db().selectFrom('mail_outbox').select('id').where('failed', '=', false).execute();
      if (waiting.length === 0) return;
      now = new Date(now.getTime() + 60_000);
    }
  };
  const mailTo = (address: string) => smtp.received.filter((m) => m.to === address);

  it('refuses a bad list whole, naming each row, and stores nothing', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const response = await inject(
      'PUT',
      `/api/waves/${waveId}/recipients`,
      consultant,
      [
        'email,team_key',
        'ana@example.org,ops',
        'not-an-address,ops',
        'ANA@example.org,sales',
        'bo@example.org,nowhere',
      ].join('\n'),
      true,
    );
    expect(response.statusCode).toBe(400);
    const fields = (response.json().fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['row 3: email', 'row 4: email', 'row 5: team_key']);
    const stored = await db()
      .selectFrom('wave_recipient')
      .selectAll()
      .where('wave_id', '=', waveId)
      .execute();
    expect(stored).toEqual([]);

    const wrongHeader = await inject(
      'PUT',
      `/api/waves/${waveId}/recipients`,
      consultant,
      'mail,team\na@b.org,ops',
      true,
    );
    expect(wrongHeader.statusCode).toBe(400);
    expect(wrongHeader.json().message).toContain('email,team_key');

    // A row short of its team, or with a column too many: named by its row, not the whole file.
    const ragged = await inject(
      'PUT',
      `/api/waves/${waveId}/recipients`,
      consultant,
      ['email,team_key', 'cy@example.org', 'di@example.org,ops,extra', 'ed@example.org,ops'].join('\n'),
      true,
    );
    expect(ragged.statusCode).toBe(400);
    expect(ragged.json().fields.map((f: { field: string }) => f.field)).toEqual(['row 2: team_key']);
    // The same in JSON: a recipient without a team is named, not the whole body.
    const partial = await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, {
      recipients: [{ email: 'fa@example.org', teamKey: 'ops' }, { email: 'gi@example.org' }],
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().fields.map((f: { field: string }) => f.field)).toEqual(['recipients[1]: team_key']);
    // An address listed twice names the earlier one as a person counts rows, from 1.
    const twice = await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, {
      recipients: [
        { email: 'ha@example.org', teamKey: 'ops' },
        { email: 'HA@example.org', teamKey: 'ops' },
      ],
    });
    expect(twice.json().fields).toMatchObject([
      { field: 'recipients[1]: email', params: { row: 1 }, message: 'is already listed in row 1' },
    ]);
    expect(
      await db().selectFrom('wave_recipient').select('email').where('wave_id', '=', waveId).execute(),
    ).toEqual([]);
  });

  it('invites every recipient when the wave opens, in its language, with links that work', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test, { open: false });
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const patched = await inject('PATCH', `/api/waves/${waveId}`, consultant, { locale: 'es' });
    expect(patched.statusCode).toBe(200);
    const people = ['ana', 'bo', 'chen', 'dee'].map((name) => `${name}.${waveId.slice(0, 8)}@example.org`);
    const uploaded = await inject(
      'PUT',
      `/api/waves/${waveId}/recipients`,
      consultant,
      [
        'email,team_key',
        `${people[0]},ops`,
        `${people[1]},ops`,
        `${people[2]},sales`,
        `${people[3]},sales`,
      ].join('\n'),
      true,
    );
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json()).toEqual({
      teams: [
        { teamKey: 'ops', recipients: 2 },
        { teamKey: 'sales', recipients: 2 },
      ],
      invited: 0,
    });
    // A draft sends nothing yet.
    await deliver();
    for (const person of people) expect(mailTo(person)).toEqual([]);

    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
    await deliver();
    for (const person of people) expect(mailTo(person)).toHaveLength(1);
    const [ana, , chen, dee] = people.map((p) => mailTo(p)[0]!);
    for (const mail of [ana!, chen!]) {
      expect(mail.language).toBe('es');
      expect(mail.subject).toContain('Autumn pulse');
      expect(mail.html).toContain('lang="es"');
      expect(mail.html).not.toMatch(/<img/i);
    }

    // The link team's message carries the team's shared link, and nothing personal.
    const opsLink = linkIn(ana!);
    expect(opsLink.pathname).toBe(`/s/${codes.ops}`);
    expect(opsLink.search).toBe('');
    const survey = await test.app.inject({ method: 'GET', url: `/api/participate/${codes.ops}` });
    expect(survey.statusCode).toBe(200);

    // Each personal-code recipient gets a different code in the link, which works once.
    const chenLink = linkIn(chen!);
    const deeLink = linkIn(dee!);
    expect(chenLink.pathname).toBe(`/s/${codes.sales}`);
    const chenCode = chenLink.searchParams.get('code')!;
    expect(chenCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(deeLink.searchParams.get('code')).not.toBe(chenCode);
    expect(chen!.text).toContain(chenCode);

    const check = (invitation: string) =>
      test.app.inject({
        method: 'POST',
        url: `/api/participate/${codes.sales}/invitation`,
        payload: { invitation },
      });
    // Typed by hand: lower case, spaces instead of hyphens, O for 0.
    const typed = chenCode.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o');
    expect((await check(typed)).json()).toEqual({ status: 'valid' });
    const wrong = await check('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().reason).toBe('invitation-unknown');

    const submit = (invitation?: string) =>
      test.app.inject({
        method: 'POST',
        url: `/api/participate/${codes.sales}/responses`,
        payload: {
          submissionId: randomUUID(),
          answers: someAnswers(),
          ...(invitation ? { invitation } : {}),
        },
      });
    const withoutCode = await submit();
    expect(withoutCode.statusCode).toBe(400);
    expect(withoutCode.json().reason).toBe('invitation-required');
    expect((await submit(typed)).statusCode).toBe(201);
    const again = await submit(chenCode);
    expect(again.statusCode).toBe(409);
    expect(again.json().reason).toBe('invitation-used');
    // Checking never says whether a code was used: only sending answers with it does (and spends
    // an unused one), so holding someone's email tells nothing quietly.
    expect((await check(chenCode)).json()).toEqual({ status: 'valid' });

    // Nothing recorded which code went to whom: the invitation rows hold hashes, wave and team.
    const invitations = await db()
      .selectFrom('invitation')
      .selectAll()
      .where('wave_id', '=', waveId)
      .execute();
    // The team's two codes were drawn together with spares, in one statement: 2 + 5 rows.
    expect(invitations).toHaveLength(7);
    for (const row of invitations)
      expect(Object.keys(row).sort()).toEqual(['code_hash', 'team_id', 'used', 'wave_id']);

    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery).toMatchObject({ emailConfigured: true, recipients: 4, queued: 0, sent: 4, failed: 0 });

    // Someone added later gets a spare: no new row, so no row of their own for timing to point at.
    const late = `late.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [
        ...people.map((email, i) => ({ email, teamKey: i < 2 ? 'ops' : 'sales' })),
        { email: late, teamKey: 'sales' },
      ],
    });
    await deliver();
    const lateCode = linkIn(mailTo(late)[0]!).searchParams.get('code')!;
    expect((await check(lateCode)).json()).toEqual({ status: 'valid' });
    expect(
      await db().selectFrom('invitation').select('code_hash').where('wave_id', '=', waveId).execute(),
    ).toHaveLength(7);
  });

  it('sends each invitation once when two instances send from the same queue at the same time', async () => {
    const second = await buildApp(
      testConfig({
        publicUrl: PUBLIC_URL,
        mail: { smtpUrl: smtp.url, from: 'Trust OS <pulse@example.org>', perMinute: 60_000 },
      }),
      { database: test.handle, logger: false, backgroundTimers: false },
    );
    try {
      const { waveId, consultant } = await setUpAssessment(test, { open: false });
      await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
      const people = Array.from({ length: 12 }, (_, i) => `twice-${i}.${waveId.slice(0, 8)}@example.org`);
      const list = ['email,team_key', ...people.map((person, i) => `${person},${i % 2 ? 'sales' : 'ops'}`)];
      expect(
        (await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, list.join('\n'), true))
          .statusCode,
      ).toBe(200);
      await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
      let now = new Date();
      for (let round = 0; round < 40; round++) {
        const runs = await Promise.all([test.app.mail!.runOnce(now), second.mail!.runOnce(now)]);
        if (runs.some(({ sent, failed, retried }) => sent + failed + retried > 0)) continue;
        const waiting = await db()
          .selectFrom('mail_outbox')
          .select('id')
          .where('wave_id', '=', waveId)
          .where('failed', '=', false)
          .execute();
        if (waiting.length === 0) break;
        now = new Date(now.getTime() + 60_000);
      }
      for (const person of people) expect(mailTo(person), person).toHaveLength(1);
      // Every personal code sent works, once: none was issued twice or lost between the instances.
      const sentCodes = people
        .filter((_, i) => i % 2)
        .map((person) => new URL(linkIn(mailTo(person)[0]!)).searchParams.get('code'));
      expect(new Set(sentCodes).size).toBe(sentCodes.length);
    } finally {
      await second.close();
    }
  });

  it('reminds every recipient, and a personal-code reminder carries no code', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const people = [`r1.${waveId.slice(0, 8)}@example.org`, `r2.${waveId.slice(0, 8)}@example.org`];
    const uploaded = await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [
        { email: people[0], teamKey: 'ops' },
        { email: people[1], teamKey: 'sales' },
      ],
    });
    // The wave is open: they are invited at once.
    expect(uploaded.invited).toBe(2);
    // Uploading the same list again invites nobody twice.
    expect(
      (
        await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
          recipients: [
            { email: people[0], teamKey: 'ops' },
            { email: people[1], teamKey: 'sales' },
          ],
        })
      ).invited,
    ).toBe(0);
    await deliver();
    // Someone who moves team is invited again, with their new team's link.
    expect(
      (
        await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
          recipients: [
            { email: people[0], teamKey: 'eng' },
            { email: people[1], teamKey: 'sales' },
          ],
        })
      ).invited,
    ).toBe(1);
    await deliver();
    expect(linkIn(mailTo(people[0]!)[1]!).pathname).toBe(`/s/${codes.eng}`);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [
        { email: people[0], teamKey: 'ops' },
        { email: people[1], teamKey: 'sales' },
      ],
    });
    await deliver();
    smtp.received.splice(0, smtp.received.length, ...smtp.received.filter((m) => !people.includes(m.to)));
    const reminded = await inject('POST', `/api/waves/${waveId}/reminders`, consultant);
    expect(reminded.statusCode).toBe(202);
    expect(reminded.json()).toEqual({ recipients: 2 });
    await deliver();
    for (const person of people) expect(mailTo(person)).toHaveLength(1);
    const salesReminder = mailTo(people[1]!)[0]!;
    expect(salesReminder.subject).toMatch(/reminder|recordatorio/i);
    expect(linkIn(salesReminder).search).toBe('');
    expect(salesReminder.text).not.toMatch(/([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}/);
  });

  it('never invites twice someone taken off the list and put back, and re-invites a team switched to personal codes', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const person = `back.${waveId.slice(0, 8)}@example.org`;
    const list = (teamKey: string) => ({ recipients: [{ email: person, teamKey }] });
    expect(
      (await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, list('ops'))).invited,
    ).toBe(1);
    await deliver();
    // An incomplete upload, then the full list again: no second invitation.
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, { recipients: [] });
    expect((await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).recipients).toBe(0);
    expect(
      (await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, list('ops'))).invited,
    ).toBe(0);
    await deliver();
    expect(mailTo(person)).toHaveLength(1);
    expect(linkIn(mailTo(person)[0]!).search).toBe('');

    // Their team's link now needs a code they never got: they are invited again, with one.
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true });
    await deliver();
    expect(mailTo(person)).toHaveLength(2);
    const second = linkIn(mailTo(person)[1]!);
    expect(second.pathname).toBe(`/s/${codes.ops}`);
    expect(second.searchParams.get('code')).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);

    // Codes off and on again: a new invitation with a new code, and the unused first code (and
    // every spare drawn with it) no longer answers, so no one holds two.
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: false });
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true });
    await deliver();
    expect(mailTo(person)).toHaveLength(3);
    const third = linkIn(mailTo(person)[2]!).searchParams.get('code')!;
    expect(third).not.toBe(second.searchParams.get('code'));
    const answer = (invitation: string) =>
      test.app.inject({
        method: 'POST',
        url: `/api/participate/${codes.ops}/responses`,
        payload: { submissionId: randomUUID(), answers: someAnswers(), invitation },
      });
    expect((await answer(second.searchParams.get('code')!)).json().reason).toBe('invitation-unknown');
    expect((await answer(third)).statusCode).toBe(201);
  });

  it('does not send a second code, once put back, to someone whose invitation a round had already tried', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const tag = waveId.slice(0, 8);
    const list = [
      { email: `coded.${tag}@example.org`, teamKey: 'sales' },
      { email: `linked.${tag}@example.org`, teamKey: 'ops' },
    ];
    const put = (recipients: { email: string; teamKey: string }[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, { recipients });
    expect((await put(list)).invited).toBe(2);
    // As a round leaves them while it hands them to the mail server, or after a connection lost
    // mid-send: they may have gone.
    await db()
      .updateTable('mail_outbox')
      .set({ attempts: 1, may_have_gone: true })
      .where('wave_id', '=', waveId)
      .execute();
    await put([]);
    // The shared link's invitation may go twice; the personal code's never does.
    expect((await put(list)).invited).toBe(1);
    const queued = await db()
      .selectFrom('mail_outbox')
      .select('email')
      .where('wave_id', '=', waveId)
      .execute();
    expect(queued.map((row) => row.email)).toEqual([`linked.${tag}@example.org`]);
  });

  it('invites again, once put back, a personal-code recipient an outage kept from being tried', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const tag = waveId.slice(0, 8);
    const list = [0, 1, 2].map((i) => ({ email: `held${i}.${tag}@example.org`, teamKey: 'sales' }));
    const put = (recipients: { email: string; teamKey: string }[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, { recipients });
    // Nothing else waiting, so the outage is found on one of these.
    await deliver();
    await put(list);
    await smtp.stop();
    try {
      // The outage is found on one message, which may have gone; the other two were never tried.
      expect(await test.app.mail!.runOnce(new Date())).toEqual({ sent: 0, retried: 3, failed: 0 });
      await put([]);
      expect((await put(list)).invited).toBe(2);
    } finally {
      await smtp.start();
    }
  });

  it('invites someone taken off the list before their invitation went, once put back', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const person = `early.${waveId.slice(0, 8)}@example.org`;
    const put = (recipients: { email: string; teamKey: string }[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, { recipients });
    expect((await put([{ email: person, teamKey: 'ops' }])).invited).toBe(1);
    // Taken off while the invitation still waited, then put back: it was never sent, so it is.
    await put([]);
    expect((await put([{ email: person, teamKey: 'ops' }])).invited).toBe(1);
    await deliver();
    expect(mailTo(person)).toHaveLength(1);
  });

  it("keeps a wave's messages waiting past its deadline until it closes, so a deadline moved loses none", async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const hour = 3_600_000;
    const person = `late.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, {
      closesAt: new Date(Date.now() + hour).toISOString(),
    });
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: person, teamKey: 'ops' }],
    });
    // The sender's clock is past the deadline; the clock that closes waves has not run yet.
    const later = new Date(Date.now() + 2 * hour);
    expect(await test.app.mail!.runOnce(later)).toMatchObject({ sent: 0 });
    expect(mailTo(person)).toHaveLength(0);
    expect(
      await db().selectFrom('mail_outbox').select('id').where('wave_id', '=', waveId).execute(),
    ).toHaveLength(1);
    // Given more time, the invitation goes.
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, {
      closesAt: new Date(Date.now() + 3 * hour).toISOString(),
    });
    await deliver(new Date(later.getTime() + 60_000));
    expect(mailTo(person)).toHaveLength(1);
  });

  it('keeps the codes drawn for messages the server refused, for the people invited later', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/eng`, { personalCodes: true });
    const tag = waveId.slice(0, 8);
    const bad = Array.from({ length: 6 }, (_, i) => `nobody${i}.${tag}@example.org`);
    const good = Array.from({ length: 8 }, (_, i) => `good${i}.${tag}@example.org`);
    const put = (emails: string[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: emails.map((email) => ({ email, teamKey: 'eng' })),
      });
    await put(bad);
    await deliver();
    const rows = () =>
      db()
        .selectFrom('invitation')
        .select('code_hash')
        .where('wave_id', '=', waveId)
        .execute()
        .then((r) => r.length);
    // Six invitations and five spares drawn together; all six were refused, so nobody got a code.
    expect(await rows()).toBe(11);
    await put(good);
    await deliver();
    for (const person of good) expect(mailTo(person)).toHaveLength(1);
    // The eight added later took codes from those eleven: no batch of their own to tell them by.
    expect(await rows()).toBe(11);
  });

  it('refuses an empty schedule change with a 400 naming the body', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const response = await inject('PATCH', `/api/waves/${waveId}`, consultant, {});
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('at least one of');
    // An opening time in the past, or after the deadline: 400 naming it, and nothing changed.
    const closing = (await call(test.app, consultant, 'GET', `/api/waves/${waveId}`)).closesAt;
    for (const opensAt of [new Date(Date.now() - 60_000).toISOString(), ...(closing ? [closing] : [])]) {
      const refused = await inject('PATCH', `/api/waves/${waveId}`, consultant, { opensAt });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().fields[0].field).toBe('body.opensAt');
    }
    expect((await call(test.app, consultant, 'GET', `/api/waves/${waveId}`)).opensAt).toBeNull();
  });

  it("moves an open wave's deadline, or takes it away, and refuses one past or before its opening", async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const hour = 3_600_000;
    const patch = (body: unknown) => inject('PATCH', `/api/waves/${waveId}`, consultant, body);
    // Running late: given a week more. (Once its deadline has passed it takes none, even before
    // the clock closes it: tests/server/waves/past-deadline-commands.test.ts.)
    const inAWeek = new Date(Date.now() + 7 * 24 * hour).toISOString();
    const extended = await patch({ closesAt: inAWeek });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().closesAt).toBe(inAWeek);
    expect(await closeOverdueWaves(db(), test.app.questionnaires, new Date())).not.toContain(waveId);
    const past = await patch({ closesAt: new Date(Date.now() - hour).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().fields[0].field).toBe('body.closesAt');
    expect((await patch({ closesAt: null })).json().closesAt).toBeNull();
    const log = await call(
      test.app,
      consultant,
      'GET',
      `/api/organizations/${(await call(test.app, consultant, 'GET', `/api/waves/${waveId}`)).organizationId}/audit`,
    );
    expect(log.filter((e: { action: string }) => e.action === 'wave.schedule')).toHaveLength(2);

    // A draft opening tomorrow cannot close before it.
    const draft = await setUpAssessment(test, { open: false });
    const tomorrow = new Date(Date.now() + 24 * hour).toISOString();
    await call(test.app, draft.consultant, 'PATCH', `/api/waves/${draft.waveId}`, { opensAt: tomorrow });
    const early = await inject('PATCH', `/api/waves/${draft.waveId}`, draft.consultant, {
      closesAt: new Date(Date.now() + 2 * hour).toISOString(),
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().fields[0]).toMatchObject({
      field: 'body.closesAt',
      code: 'wave.closes-before-opening',
    });
    // Closed, it takes no new deadline.
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);
    expect((await patch({ closesAt: inAWeek })).statusCode).toBe(409);
  });

  it('opens a wave at its opening time and reminds on its days, once each', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    const opensAt = new Date(Date.now() + 3_600_000);
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, {
      opensAt: opensAt.toISOString(),
      reminderDays: [3, 6],
    });
    const person = `sched.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: person, teamKey: 'eng' }],
    });

    expect((await runSchedule(db(), new Date(opensAt.getTime() - 1000))).opened).not.toContain(waveId);
    expect((await runSchedule(db(), opensAt)).opened).toContain(waveId);
    const wave = await call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    expect(wave.status).toBe('open');
    const openedAt = new Date(wave.openedAt);
    const day = (n: number) => new Date(openedAt.getTime() + n * 86_400_000);
    expect((await runSchedule(db(), day(2.9))).reminded).not.toContain(waveId);
    expect((await runSchedule(db(), day(3))).reminded).toContain(waveId);
    expect((await runSchedule(db(), day(3.5))).reminded).not.toContain(waveId);
    await deliver(day(3.5));
    // Down over day 6 and beyond: one reminder, not one per missed day.
    expect((await runSchedule(db(), day(9))).reminded).toContain(waveId);
    expect((await runSchedule(db(), day(10))).reminded).not.toContain(waveId);
    await deliver(day(10));
    // One invitation and two reminders.
    expect(mailTo(person)).toHaveLength(3);
    expect((await call(test.app, consultant, 'GET', `/api/waves/${waveId}`)).remindersSent).toBe(2);
  });

  it('keeps a reminder that fell due when the schedule is saved again before it went', async () => {
    const { waveId, consultant } = await setUpAssessment(test, { open: false });
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, { reminderDays: [1, 3] });
    const person = `kept.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: person, teamKey: 'eng' }],
    });
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/open`);
    // Opened three and a half days ago; day 1's reminder went, day 3's fell due and waits.
    const openedAt = new Date(Date.now() - 3.5 * 86_400_000);
    await db()
      .updateTable('wave')
      .set({ opened_at: openedAt, reminders_sent: 1 })
      .where('id', '=', waveId)
      .execute();
    const shown = await call(test.app, consultant, 'GET', `/api/waves/${waveId}`);
    // The console saves every field of its form, here to change the emails' language only.
    await call(test.app, consultant, 'PATCH', `/api/waves/${waveId}`, {
      reminderDays: shown.reminderDays,
      locale: 'es',
    });
    expect((await runSchedule(db(), new Date())).reminded).toContain(waveId);
    expect((await runSchedule(db(), new Date())).reminded).not.toContain(waveId);
    await deliver();
    // The invitation, and the one reminder, in the language just chosen.
    expect(mailTo(person)).toHaveLength(2);
    expect(mailTo(person).filter((m) => /recordatorio/i.test(m.subject))).toHaveLength(1);

    // A due day taken off the list is not sent, and a day added in the past is not sent late.
    const other = await setUpAssessment(test, { open: true });
    await db()
      .updateTable('wave')
      .set({ opened_at: openedAt, reminder_days: JSON.stringify([1, 3]), reminders_sent: 1 })
      .where('id', '=', other.waveId)
      .execute();
    await call(test.app, other.consultant, 'PATCH', `/api/waves/${other.waveId}`, {
      reminderDays: [1, 2, 5],
    });
    expect((await runSchedule(db(), new Date())).reminded).not.toContain(other.waveId);
    const moved = await call(test.app, other.consultant, 'GET', `/api/waves/${other.waveId}`);
    expect(moved.remindersSent).toBe(2);
  });

  it('waits for a mail server that is down and loses no message', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const people = Array.from({ length: 5 }, (_, i) => `down${i}.${waveId.slice(0, 8)}@example.org`);
    await smtp.stop();
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: people.map((email) => ({ email, teamKey: 'ops' })),
    });
    const now = new Date();
    const down = await test.app.mail!.runOnce(now);
    expect(down).toEqual({ sent: 0, retried: 5, failed: 0 });
    // While it is away nothing is taken from the queue, so no round draws codes for nothing.
    expect(await test.app.mail!.runOnce(new Date(now.getTime() + 1000))).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    // Still down later: the messages wait and keep every try they had.
    await test.app.mail!.runOnce(new Date(now.getTime() + 3_600_000));
    const waiting = await db()
      .selectFrom('mail_outbox')
      .select(['attempts', 'failed'])
      .where('wave_id', '=', waveId)
      .execute();
    expect(waiting).toHaveLength(5);
    for (const row of waiting) expect(row).toEqual({ attempts: 0, failed: false });
    // The console says all five are held up, not only the one the outage was found on.
    expect((await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`)).heldUp.messages).toBe(
      5,
    );

    await smtp.start();
    await deliver(new Date(now.getTime() + 2 * 3_600_000));
    for (const person of people) expect(mailTo(person)).toHaveLength(1);
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery).toMatchObject({ queued: 0, sent: 5, failed: 0 });
  });

  it('gives up an address the server refuses for good, and says so while the wave is open', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const bad = `nobody.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: bad, teamKey: 'ops' }],
    });
    await deliver();
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery).toMatchObject({ queued: 0, sent: 0, failed: 1, failedAddresses: [bad] });
    expect(delivery.teams.find((t: { teamKey: string }) => t.teamKey === 'ops')).toMatchObject({
      recipients: 1,
      failed: 1,
    });
  });

  it('invites again an address it gave up on when the list names it again, and forgets one taken off', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const full = `full.${waveId.slice(0, 8)}@example.org`;
    const typo = `nobody.${waveId.slice(0, 8)}@example.org`;
    const fixed = `fixed.${waveId.slice(0, 8)}@example.org`;
    refusedForNow.add(full);
    const put = (emails: string[]) =>
      call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
        recipients: emails.map((email) => ({ email, teamKey: 'ops' })),
      });
    await put([full, typo]);
    await deliver();
    const delivery = () => call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(await delivery()).toMatchObject({ failed: 2, failedAddresses: [full, typo].sort() });
    // The mailbox has room again; the consultant uploads the corrected list, as the console asks.
    refusedForNow.delete(full);
    expect(await put([full, fixed])).toMatchObject({ invited: 2 });
    await deliver();
    expect(mailTo(full)).toHaveLength(1);
    expect(mailTo(fixed)).toHaveLength(1);
    expect(await delivery()).toMatchObject({ queued: 0, sent: 2, failed: 0, failedAddresses: [] });

    // A reminder given up on is tried again once the list names its address again, once however
    // many were given up.
    refusedForNow.add(full);
    await inject('POST', `/api/waves/${waveId}/reminders`, consultant);
    await deliver();
    await inject('POST', `/api/waves/${waveId}/reminders`, consultant);
    await deliver();
    expect(await delivery()).toMatchObject({ failed: 2, failedAddresses: [full] });
    refusedForNow.delete(full);
    expect(await put([full, fixed])).toMatchObject({ invited: 0 });
    expect(await delivery()).toMatchObject({ failed: 0, failedAddresses: [] });
    await deliver();
    expect(mailTo(full)).toHaveLength(2);
    expect(await delivery()).toMatchObject({ queued: 0, failed: 0 });
  });

  it('keeps no address anywhere once the wave closes', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/eng`, { personalCodes: true });
    const people = [
      `gone1.${waveId.slice(0, 8)}@example.org`,
      `gone2.${waveId.slice(0, 8)}@example.org`,
      `nobody.x${waveId.slice(0, 8)}@example.org`,
    ];
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [
        { email: people[0], teamKey: 'ops' },
        { email: people[1], teamKey: 'eng' },
        { email: people[2], teamKey: 'ops' },
      ],
    });
    await deliver();
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/reminders`);
    // One reminder still waits in the queue when the wave closes.
    await test.app.inject({
      method: 'POST',
      url: `/api/participate/${codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });
    await call(test.app, consultant, 'POST', `/api/waves/${waveId}/close`);

    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db());
    expect(tables.map((t) => t.name)).toContain('wave_recipient');
    for (const { name } of tables) {
      const { rows } = await sql<{ dump: string }>`
        select coalesce(string_agg(t::text, E'\n'), '') as dump from ${sql.table(name)} as t`.execute(db());
      for (const person of people) expect(rows[0]!.dump, `table ${name}`).not.toContain(person.split('@')[0]);
    }
    // What stays is how many went, per team.
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery).toMatchObject({ recipients: 0, queued: 0, sent: 2, failed: 1, failedAddresses: [] });
    expect((await inject('POST', `/api/waves/${waveId}/reminders`, consultant)).statusCode).toBe(409);
    expect(
      (await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, { recipients: [] })).statusCode,
    ).toBe(409);
  });

  it('answers any recipient list or typed code with a 4xx or success, never a 5xx, and a refused list stores nothing', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/sales`, { personalCodes: true });
    const stored = async () =>
      (await db().selectFrom('wave_recipient').select('email').where('wave_id', '=', waveId).execute())
        .length;
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const row = fc.record({
      email: fc.oneof(text, fc.emailAddress()),
      teamKey: fc.oneof(text, fc.constantFrom('ops', 'sales')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 8 }), fc.boolean(), async (rows, asCsv) => {
        const before = await stored();
        const response = asCsv
          ? await inject(
              'PUT',
              `/api/waves/${waveId}/recipients`,
              consultant,
              ['email,team_key', ...rows.map((r) => `${r.email},${r.teamKey}`)].join('\n'),
              true,
            )
          : await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, { recipients: rows });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          expect(response.json().message.length).toBeGreaterThan(0);
          expect(await stored()).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(text, async (invitation) => {
        const response = await test.app.inject({
          method: 'POST',
          url: `/api/participate/${codes.sales}/invitation`,
          payload: { invitation },
          remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('stores no recipient and queues no message when the audit entry of that change fails', async () => {
    const { waveId, consultant } = await setUpAssessment(test);
    const person = `audited.${waveId.slice(0, 8)}@example.org`;
    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/recipients`, {
      recipients: [{ email: person, teamKey: 'ops' }],
    });
    const outbox = () =>
      db().selectFrom('mail_outbox').select(['email', 'kind']).where('wave_id', '=', waveId).execute();
    const before = await outbox();
    await sql`create or replace function fail_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit store unavailable'; end $$`.execute(db());
    await sql`create trigger fail_audit before insert on audit_event for each row execute function fail_audit()`.execute(
      db(),
    );
    try {
      const upload = await inject('PUT', `/api/waves/${waveId}/recipients`, consultant, {
        recipients: [
          { email: person, teamKey: 'ops' },
          { email: `second.${person}`, teamKey: 'ops' },
        ],
      });
      expect(upload.statusCode).toBe(500);
      expect((await inject('POST', `/api/waves/${waveId}/reminders`, consultant)).statusCode).toBe(500);
    } finally {
      await sql`drop trigger if exists fail_audit on audit_event`.execute(db());
    }
    expect(await outbox()).toEqual(before);
    const recipients = await db()
      .selectFrom('wave_recipient')
      .select('email')
      .where('wave_id', '=', waveId)
      .execute();
    expect(recipients).toEqual([{ email: person }]);
  });

  it('never lets a leader near the recipients', async () => {
    const { waveId } = await setUpAssessment(test);
    const anonymous = await test.app.inject({ method: 'GET', url: `/api/waves/${waveId}/delivery` });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe.each(testDatabases())('a server without email on $name', (database) => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp(database);
  });
  afterAll(() => test?.close());

  it('says email is not set up, keeps links working, and takes no recipients', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const delivery = await call(test.app, consultant, 'GET', `/api/waves/${waveId}/delivery`);
    expect(delivery.emailConfigured).toBe(false);
    const upload = await test.app.inject({
      method: 'PUT',
      url: `/api/waves/${waveId}/recipients`,
      headers: { cookie: consultant },
      payload: { recipients: [{ email: 'a@example.org', teamKey: 'ops' }] },
    });
    expect(upload.statusCode).toBe(409);
    expect(upload.json().reason).toBe('email-not-configured');
    expect((await test.app.inject({ method: 'GET', url: `/api/participate/${codes.ops}` })).statusCode).toBe(
      200,
    );
  });

  it('never turns a shared link into one that needs a code without being told', async () => {
    const { waveId, consultant, codes } = await setUpAssessment(test);
    const issued = await test.app.inject({
      method: 'POST',
      url: `/api/waves/${waveId}/invitations`,
      headers: { cookie: consultant },
      payload: { teamKey: 'ops', count: 3 },
    });
    expect(issued.statusCode).toBe(409);
    expect(issued.json().reason).toBe('personal-codes-off');
    const open = await test.app.inject({ method: 'GET', url: `/api/participate/${codes.ops}` });
    expect(open.json().invitationRequired).toBe(false);

    await call(test.app, consultant, 'PUT', `/api/waves/${waveId}/teams/ops`, { personalCodes: true });
    const { codes: handed } = await call(test.app, consultant, 'POST', `/api/waves/${waveId}/invitations`, {
      teamKey: 'ops',
      count: 2,
    });
    expect(handed).toHaveLength(2);
    // Once told, the link asks for a code (the statement that stores answers checks it).
    const without = await test.app.inject({
      method: 'POST',
      url: `/api/participate/${codes.ops}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers() },
    });
    expect(without.statusCode).toBe(400);
    expect(without.json().reason).toBe('invitation-required');
    // The phone that opened the link just before checks the code it was given at once: taken, not
    // "no code needed" from the link as remembered a moment ago.
    const checked = await test.app.inject({
      method: 'POST',
      url: `/api/participate/${codes.ops}/invitation`,
      payload: { invitation: handed[0] },
    });
    expect(checked.statusCode, checked.body).toBe(200);
  });
});
