import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { testConfig } from '../../support/app.ts';
import { call, issueCodes, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { capturedLog } from '../../support/captured-log.ts';
import { testDatabases } from '../../support/databases.ts';
import { type MailCatcher, mailCatcher } from '../../support/mail-catcher.ts';

const [pglite] = testDatabases();

describe('what the logs say about respondents (A2)', () => {
  const { lines, logger } = capturedLog('trace');
  let app: App;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await pglite!.open();
    app = await buildApp(testConfig(), {
      database: handle,
      logger,
    });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  it('never carries a code, a body or an address, even at trace level', async () => {
    const assessment = await setUpAssessment({ app, handle, close: async () => {} });
    const { codes: invitations } = await issueCodes(app, assessment.consultant, assessment.waveId, 'eng', 1);
    const submissionId = randomUUID();
    const comment = 'The roadmap changes every week';
    const secrets = [
      assessment.codes.ops!,
      assessment.codes.eng!,
      invitations[0],
      submissionId,
      comment,
      '203.0.113.9',
    ];
    lines.length = 0;

    await app.inject({
      url: `/api/participate/${assessment.codes.ops}`,
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    await app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.ops}/responses`,
      payload: { submissionId, answers: someAnswers(2), comment },
    });
    await app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.eng}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(), invitation: invitations[0] },
    });
    // Failures log too: a bad body, a reused invitation, a malformed JSON body.
    await app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.ops}/responses`,
      payload: { submissionId, answers: { x: comment } },
    });
    await app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.eng}/responses`,
      payload: { submissionId: randomUUID(), answers: someAnswers(), invitation: invitations[0] },
    });
    await app.inject({
      method: 'POST',
      url: `/api/participate/${assessment.codes.ops}/responses`,
      headers: { 'content-type': 'application/json' },
      payload: `{"comment": "${comment}"`,
    });

    // One line per request, naming the route pattern, never the path with the code in it.
    const requests = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request completed')
      .map(({ method, route, statusCode }) => [method, route, statusCode]);
    const submit = '/api/participate/:code/responses';
    expect(requests).toEqual([
      ['GET', '/api/participate/:code', 200],
      ['POST', submit, 201],
      ['POST', submit, 201],
      ['POST', submit, 400],
      ['POST', submit, 409],
      ['POST', submit, 400],
    ]);
    const log = lines.join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/remoteAddress|127\.0\.0\.1|user-agent|"answers"/);
    expect(log).toContain('/api/participate/:code/responses');
  });

  it('keeps out the link of an address the router cannot read, even at trace level (A2)', async () => {
    const assessment = await setUpAssessment({ app, handle, close: async () => {} });
    const code = assessment.codes.ops!;
    lines.length = 0;
    // A broken %-escape after the link, and a link run on past any parameter's length.
    const broken = await app.inject({
      method: 'POST',
      url: `/api/participate/${code}%E0%A4%A/responses`,
      payload: {},
    });
    const long = await app.inject({ url: `/api/participate/${code}${'x'.repeat(120)}` });
    expect([broken.statusCode, long.statusCode]).toEqual([400, 414]);
    // Nothing is logged of them today; should a line come, it must name no link.
    expect(lines.join('\n')).not.toContain(code);
  });

  it("keeps out the bytes of a request Node's parser refused, even at trace level", async () => {
    // Such a request never reaches a route: Node reports it with the bytes it read (`rawPacket`),
    // which hold the path with its code, the cookie and any body that came with them.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const code = 'Zq7Xk2Lm9Pw4Rt8Yv3Nc6Bd1';
    lines.length = 0;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/participate/${code}/responses HTTP/1.1\r\nHost: localhost\r\nCookie: trust_os_session=${code}\r\nBad header line\r\n\r\n`,
        );
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += String(chunk);
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const log = lines.join('\n');
    expect(log).toContain('client error');
    expect(log).not.toContain(code);
    expect(log).not.toContain('rawPacket');
  });
});

describe('what the logs say about recipients (A2)', () => {
  const { lines, logger } = capturedLog('trace');
  let app: App;
  let handle: DatabaseHandle;
  let smtp: MailCatcher;
  beforeAll(async () => {
    smtp = await mailCatcher({ refuse: (to) => to.startsWith('refused') });
    handle = await pglite!.open();
    app = await buildApp(
      testConfig({
        publicUrl: 'https://pulse.example.org',
        mail: { smtpUrl: smtp.url, from: 'pulse@example.org', perMinute: 60_000 },
      }),
      {
        database: handle,
        logger,
        backgroundTimers: false,
      },
    );
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await smtp?.stop();
  });

  it('never carries an address or a personal code, whether mail goes, fails or waits', async () => {
    const assessment = await setUpAssessment({ app, handle, close: async () => {} });
    await call(app, assessment.consultant, 'PUT', `/api/waves/${assessment.waveId}/teams/sales`, {
      personalCodes: true,
    });
    const people = ['ana.marquez@example.org', 'refused.person@example.org', 'sales.person@example.org'];
    await call(app, assessment.consultant, 'PUT', `/api/waves/${assessment.waveId}/recipients`, {
      recipients: [
        { email: people[0], teamKey: 'ops' },
        { email: people[1], teamKey: 'ops' },
        { email: people[2], teamKey: 'sales' },
      ],
    });
    // The mail server is down first (a warning is logged), then up (one refusal, two sent).
    await app.mail!.runOnce();
    await smtp.start();
    await app.mail!.runOnce(new Date(Date.now() + 3_600_000));
    expect(smtp.received).toHaveLength(2);
    const code = smtp.received
      .find((m) => m.to === people[2])!
      .text.match(/([0-9A-Z]{4}-){6}[0-9A-Z]{4}/)![0];

    const log = lines.join('');
    expect(log).toContain('not reachable');
    expect(log).toContain('mail sent');
    for (const person of people) expect(log).not.toContain(person.split('@')[0]);
    expect(log).not.toContain(code);
    expect(log).not.toContain(code.replaceAll('-', ''));
  });
});
