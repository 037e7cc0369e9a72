import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import type { DatabaseHandle } from '../../../server/db/connect.ts';
import type { App } from '../../../server/http/app-types.ts';
import { logSerializers } from '../../../server/http/log-serializers.ts';
import { testConfig } from '../../support/app.ts';
import { issueCodes, setUpAssessment, someAnswers } from '../../support/assessment.ts';
import { testDatabases } from '../../support/databases.ts';

const [pglite] = testDatabases();

describe('what the logs say about respondents (A2)', () => {
  const lines: string[] = [];
  let app: App;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await pglite!.open();
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp(testConfig(), {
      database: handle,
      logger: { level: 'trace', stream, serializers: logSerializers },
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

    expect(lines.length).toBeGreaterThan(6);
    const log = lines.join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/remoteAddress|127\.0\.0\.1|user-agent|"answers"/);
    expect(log).toContain('/api/participate/:code/responses');
  });
});
