import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_FILE_LIMIT_BYTES } from '../../../server/routes/teams.ts';
import { XLSX_TYPE } from '../../../server/spreadsheets/xlsx-file.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';
import { rawXlsx, sheetXml, textCell } from '../../support/xlsx-fixtures.ts';

const [pglite] = testDatabases();
const HEADER = ['key', 'name', 'parent_key', 'headcount'];

/**
 * A zip bomb that lies: 20 MB of zeros declared as 100 bytes, in the central directory and in the
 * local header, so a reader that trusts the declared size allocates little and inflates it all.
 */
function lyingBomb(): Buffer {
  const file = rawXlsx([{ name: 'Teams', xml: sheetXml([HEADER]) }], {
    'xl/sharedStrings.xml': new Uint8Array(20 * 1024 * 1024),
  });
  const name = Buffer.from('xl/sharedStrings.xml');
  for (let at = 0; at < file.length - 4; at++) {
    const signature = file.readUInt32LE(at);
    if (signature === 0x04034b50 && file.subarray(at + 30, at + 30 + name.length).equals(name))
      file.writeUInt32LE(100, at + 22);
    if (signature === 0x02014b50 && file.subarray(at + 46, at + 46 + name.length).equals(name))
      file.writeUInt32LE(100, at + 24);
  }
  return file;
}

describe('team imports under malformed and hostile files', () => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(pglite!);
    await createAccount(test.handle.db, { email: 'hostile@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'hostile@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Hostile' })).id;
    await call(test.app, consultant, 'PUT', `/api/organizations/${orgId}/teams`, {
      teams: [{ key: 'keep', name: 'Kept', parentKey: null }],
    });
  });
  afterAll(() => test?.close());

  const send = (url: 'teams' | 'teams/preview', payload: string | Buffer, type: string | undefined) =>
    test.app.inject({
      method: url === 'teams' ? 'PUT' : 'POST',
      url: `/api/organizations/${orgId}/${url}`,
      headers: { cookie: consultant, ...(type ? { 'content-type': type } : {}) },
      payload,
    });
  const teamsStored = async () =>
    (await test.handle.db.selectFrom('team').select(['key', 'name']).execute()).map(
      (t) => `${t.key}:${t.name}`,
    );

  /** Both endpoints answer this status naming this field, and the stored hierarchy is untouched. */
  async function refused(payload: string | Buffer, type: string | undefined, status: number, field: string) {
    for (const url of ['teams', 'teams/preview'] as const) {
      const response = await send(url, payload, type);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
      expect(response.json().fields?.[0]?.field, response.body).toBe(field);
    }
    expect(await teamsStored()).toEqual(['keep:Kept']);
  }

  it.each([
    ['random bytes', Buffer.from('definitely not a workbook')],
    ['a ZIP header and garbage', Buffer.from('PK\u0003\u0004garbage after the signature')],
    ['a truncated workbook', rawXlsx([{ name: 'T', xml: sheetXml([HEADER]) }]).subarray(0, 200)],
    ['a ZIP without a workbook', Buffer.from(zipSync({ 'hello.txt': new Uint8Array([104, 105]) }))],
  ])('refuses %s sent as .xlsx with a 400 naming the body', async (_case, file) => {
    await refused(file, XLSX_TYPE, 400, 'body');
    expect((await send('teams', file, XLSX_TYPE)).json().message).toBe('body: is not a readable .xlsx file');
  });

  it('says a legacy .xls must be saved as .xlsx', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    await refused(xls, XLSX_TYPE, 400, 'body');
    expect((await send('teams', xls, XLSX_TYPE)).json().message).toMatch(/old \.xls file; save it as \.xlsx/);
  });

  it('refuses a zip bomb, whether it declares its size or lies about it', async () => {
    const honest = rawXlsx([{ name: 'Teams', xml: sheetXml([HEADER]) }], {
      'xl/sharedStrings.xml': new Uint8Array(20 * 1024 * 1024),
    });
    expect(honest.length).toBeLessThan(TEAM_FILE_LIMIT_BYTES);
    await refused(honest, XLSX_TYPE, 400, 'body');
    expect((await send('teams', honest, XLSX_TYPE)).json().message).toMatch(/unpacks to more than 16 MB/);
    const lying = lyingBomb();
    await refused(lying, XLSX_TYPE, 400, 'body');
    expect((await send('teams', lying, XLSX_TYPE)).json().message).toMatch(/unpacks to more than 16 MB/);
  });

  it('refuses a sheet whose cells reach far away, before anything builds its grid', async () => {
    const far = rawXlsx([
      { name: 'Teams', xml: `${sheetXml([HEADER])}<row r="1048576">${textCell('XFD1048576', 'x')}</row>` },
    ]);
    await refused(far, XLSX_TYPE, 400, 'body');
    expect((await send('teams', far, XLSX_TYPE)).json().message).toMatch(/row 1048576, beyond 10000 rows/);
  });

  it('refuses more than 5,000 teams, by the same rule as CSV', async () => {
    const rows = [HEADER, ...Array.from({ length: 5_001 }, (_, i) => [`t${i}`, `Team ${i}`, '', ''])];
    const file = rawXlsx([{ name: 'Teams', xml: sheetXml(rows) }]);
    const response = await send('teams', file, XLSX_TYPE);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual([
      { field: 'teams', message: 'at most 5000 teams (this has 5001)' },
    ]);
    expect(await teamsStored()).toEqual(['keep:Kept']);
  });

  it('keeps the answer small when one long cell repeats: no rows past the limit, values cut in messages', async () => {
    const long = 'x'.repeat(100_000);
    // Past the limit the preview gives the count alone, not 5,001 rows (of 100 KB cells, as may be).
    const many = [HEADER, ...Array.from({ length: 5_001 }, (_, i) => [`t${i}`, 'x', 'y', 'z'])];
    const tooMany = await send('teams/preview', rawXlsx([{ name: 'Teams', xml: sheetXml(many) }]), XLSX_TYPE);
    expect(tooMany.statusCode).toBe(200);
    expect(tooMany.json()).toMatchObject({ ok: false, rows: [] });
    expect(tooMany.body.length).toBeLessThan(5_000);
    // Within the limit, every row is shown, but a cell quoted or echoed is cut.
    const few = [HEADER, ...Array.from({ length: 50 }, (_, i) => [`t${i}`, long, long, long])];
    const file = rawXlsx([{ name: 'Teams', xml: sheetXml(few) }]);
    const preview = await send('teams/preview', file, XLSX_TYPE);
    expect(preview.statusCode).toBe(200);
    expect(preview.body.length).toBeLessThan(200_000);
    expect(preview.json().rows[0].problems).toContainEqual(
      expect.objectContaining({ field: 'row 2: parent_key', message: `unknown parent "${'x'.repeat(80)}…"` }),
    );
    const put = await send('teams', file, XLSX_TYPE);
    expect(put.statusCode).toBe(400);
    expect(put.body.length).toBeLessThan(200_000);
    expect(await teamsStored()).toEqual(['keep:Kept']);
  });

  it('previews 5,000 rows that each have a problem, every problem beside its own row', async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 5_000 }, (_, i) => [`t${i}`, `Team ${i}`, `gone-${i}`, '']),
    ];
    const preview = await send('teams/preview', rawXlsx([{ name: 'Teams', xml: sheetXml(rows) }]), XLSX_TYPE);
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.ok).toBe(false);
    expect(body.problems).toEqual([]);
    expect(body.rows).toHaveLength(5_000);
    body.rows.forEach((row: { key: string; problems: { field: string; message: string }[] }, i: number) => {
      expect(row.key).toBe(`t${i}`);
      expect(row.problems).toEqual([
        expect.objectContaining({ field: `row ${i + 2}: parent_key`, message: `unknown parent "gone-${i}"` }),
      ]);
    });
    expect(await teamsStored()).toEqual(['keep:Kept']);
  });

  it('refuses a file over the limit with 413, saying the limit', async () => {
    const big = `${HEADER.join(',')}\n${'x'.repeat(TEAM_FILE_LIMIT_BYTES)}`;
    await refused(big, 'text/csv', 413, 'body');
    const response = await send('teams', Buffer.alloc(TEAM_FILE_LIMIT_BYTES + 1), XLSX_TYPE);
    expect(response.json()).toMatchObject({
      statusCode: 413,
      message: 'The request body is too large: at most 2 MB.',
      fields: [{ field: 'body', message: 'is larger than 2 MB' }],
    });
  });

  it('refuses a content type it cannot read with 415, naming the ones it takes', async () => {
    for (const type of [
      'application/pdf',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/vnd.ms-excel',
    ])
      await refused('key,name\na,A', type, 415, 'headers.content-type');
    expect((await send('teams', 'x', 'application/pdf')).json().message).toBe(
      'This content type is not accepted here; send one of application/json, text/csv, .xlsx.',
    );
  });

  it('refuses empty files and sheets, and a header without rows', async () => {
    await refused('', 'text/csv', 400, 'body');
    await refused('\r\n\r\n', 'text/csv', 400, 'body');
    await refused(Buffer.alloc(0), XLSX_TYPE, 400, 'body');
    await refused(rawXlsx([{ name: 'Empty', xml: '' }]), XLSX_TYPE, 400, 'sheet');
    const headerOnly = await send('teams', HEADER.join(','), 'text/csv');
    expect(headerOnly.statusCode).toBe(400);
    expect(headerOnly.json().fields).toEqual([{ field: 'teams', message: 'at least one team is needed' }]);
  });

  it('refuses text that is not UTF-8, a NUL and an unclosed quote, naming where', async () => {
    await refused(Buffer.from([0x6b, 0x65, 0x79, 0x0a, 0xe9, 0x0a]), 'text/csv', 400, 'body');
    const nul = await send('teams', 'key,name,parent_key\na,A\u0000,', 'text/csv');
    expect(nul.statusCode).toBe(400);
    await refused('key,name,parent_key\na,"Open,\nb,B,', 'text/csv', 400, 'line 3');
  });

  it('answers any bytes under any of its content types with a 4xx, never a 5xx, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.uint8Array({ maxLength: 400 }).map((tail) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail])),
          // A real workbook with some bytes overwritten.
          fc
            .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
            .map((edits) => {
              const file = rawXlsx([{ name: 'T', xml: sheetXml([HEADER, ['a', 'A', '', '1']]) }]);
              for (const [at, byte] of edits) file[at % file.length] = byte;
              return new Uint8Array(file);
            }),
        ),
        fc.constantFrom(XLSX_TYPE, 'text/csv'),
        async (bytes, type) => {
          const response = await send('teams/preview', Buffer.from(bytes), type);
          expect(response.statusCode, response.body).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await teamsStored()).toEqual(['keep:Kept']);
  });
});
