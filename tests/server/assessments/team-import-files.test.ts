import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx, XLSX_TYPE } from '../../../server/spreadsheets/xlsx-file.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { call } from '../../support/assessment.ts';
import { createAccount, signIn } from '../../support/auth.ts';
import { testDatabases } from '../../support/databases.ts';

/** The same hierarchy in every variant: Spanish and German letters in names, a comma in one. */
const TEAMS = [
  ['key', 'name', 'parent_key', 'headcount'],
  ['dir', 'Dirección General', '', '4'],
  ['ops', 'Operaciones, Logística', 'dir', '25'],
  ['muc', 'Büro München – Straße', 'ops', '12'],
  ['esp', 'Señalización y Diseño', 'dir', ''],
];
const EXPECTED = [
  { key: 'dir', name: 'Dirección General', parentKey: null, headcount: 4, depth: 0 },
  { key: 'ops', name: 'Operaciones, Logística', parentKey: 'dir', headcount: 25, depth: 1 },
  { key: 'muc', name: 'Büro München – Straße', parentKey: 'ops', headcount: 12, depth: 2 },
  { key: 'esp', name: 'Señalización y Diseño', parentKey: 'dir', headcount: null, depth: 1 },
];

const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const join = (separator: string, lineEnd: string, quote: (cell: string) => string) =>
  TEAMS.map((row) =>
    row.map((cell) => (cell.includes(separator) ? quoted(cell) : quote(cell))).join(separator),
  ).join(lineEnd);

const variants: [string, string][] = [
  ['comma, LF', join(',', '\n', (c) => c)],
  ['semicolon, as Excel writes it in Spain and Germany', join(';', '\r\n', (c) => c)],
  ['tab', join('\t', '\n', (c) => c)],
  ['UTF-8 with a byte-order mark', `\uFEFF${join(',', '\n', (c) => c)}`],
  ['CRLF line ends', join(',', '\r\n', (c) => c)],
  ['every field quoted, a trailing line end', `${join(';', '\r\n', quoted)}\r\n`],
];

describe.each(testDatabases())('importing teams from spreadsheets on $name', (database) => {
  let test: TestApp;
  let consultant: string;
  let orgId: string;
  beforeAll(async () => {
    test = await startTestApp(database);
    await createAccount(test.handle.db, { email: 'files@example.org', role: 'consultant' });
    consultant = await signIn(test.app, 'files@example.org');
    orgId = (await call(test.app, consultant, 'POST', '/api/organizations', { name: 'Ibérica' })).id;
  });
  afterAll(() => test?.close());

  const send = (
    method: 'PUT' | 'POST',
    payload: string | Buffer | object,
    type: string,
    query: Record<string, string> = {},
  ) =>
    test.app.inject({
      method,
      url: `/api/organizations/${orgId}/teams${method === 'POST' ? '/preview' : ''}`,
      query,
      headers: { cookie: consultant, 'content-type': type },
      payload,
    });
  const stored = async () =>
    (await call(test.app, consultant, 'GET', `/api/organizations/${orgId}/teams`)).teams;

  it.each(variants)('reads CSV with %s', async (_variant, csv) => {
    const preview = await send('POST', csv, 'text/csv');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ ok: true, format: 'csv' });
    const response = await send('PUT', csv, 'text/csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(await stored()).toEqual(EXPECTED);
  });

  it('reads UTF-16 text with its byte-order mark, as Excel saves "Unicode text"', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        join('\t', '\r\n', (c) => c),
        'utf16le',
      ),
    ]);
    const response = await send('PUT', utf16, 'text/csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(await stored()).toEqual(EXPECTED);
  });

  it('reads an .xlsx upload, the first sheet or the one named', async () => {
    const file = await writeXlsx('Equipos', TEAMS);
    const response = await send('PUT', file, XLSX_TYPE);
    expect(response.statusCode, response.body).toBe(200);
    expect(await stored()).toEqual(EXPECTED);

    const { rawXlsx, sheetXml } = await import('../../support/xlsx-fixtures.ts');
    const twoSheets = rawXlsx([
      { name: 'Notes', xml: sheetXml([['Read me first']]) },
      { name: 'Teams', xml: sheetXml(TEAMS) },
    ]);
    const first = (await send('POST', twoSheets, XLSX_TYPE)).json();
    expect(first).toMatchObject({ sheets: ['Notes', 'Teams'], sheet: 'Notes', ok: false });
    const chosen = (await send('POST', twoSheets, XLSX_TYPE, { sheet: 'Teams' })).json();
    expect(chosen).toMatchObject({ sheet: 'Teams', ok: true, changes: { unchanged: 4, added: 0 } });
    const missing = await send('POST', twoSheets, XLSX_TYPE, { sheet: 'Nope' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual([
      { field: 'sheet', message: 'the workbook has no sheet "Nope"; its sheets are Notes, Teams' },
    ]);
  });

  it('gives an .xlsx the same row-numbered errors as a CSV', async () => {
    const broken = [
      ['key', 'name', 'parent_key', 'headcount'],
      ['a', 'Ärger', 'zz', '3'],
      ['a', 'Dup', '', 'x'],
    ];
    const csv = await send('PUT', broken.map((r) => r.join(',')).join('\n'), 'text/csv');
    const xlsx = await send('PUT', await writeXlsx('S', broken), XLSX_TYPE);
    expect(xlsx.statusCode).toBe(400);
    expect(xlsx.json().fields).toEqual(csv.json().fields);
    expect(xlsx.json().fields).toEqual([
      { field: 'row 3: key', message: 'duplicate key "a" (first used in row 2)' },
      { field: 'row 3: headcount', message: 'must be a whole number from 0 to 1000000 (got "x")' },
      { field: 'row 2: parent_key', message: 'unknown parent "zz"' },
    ]);
  });

  describe('column mapping', () => {
    const spanish = [
      ['Código', 'Nombre del equipo', 'Depende de', 'Nº de personas'],
      ['dir', 'Dirección', '', '3'],
      ['ops', 'Operaciones', 'dir', '9'],
    ];
    const german = [
      ['Kennung', 'Bezeichnung', 'Übergeordnet', 'Mitarbeiter'],
      ['dir', 'Geschäftsführung', '', '3'],
    ];
    const hr = [
      ['Org Unit', 'Unit Title', 'Reports Into', 'FTE', 'Cost centre'],
      ['dir', 'Direction', '', '3', 'C1'],
      ['ops', 'Opérations', 'dir', '9', 'C2'],
    ];
    const csvOf = (rows: string[][]) => rows.map((r) => r.join(';')).join('\n');

    it('recognises Spanish and German header names by themselves', async () => {
      const es = (await send('POST', csvOf(spanish), 'text/csv')).json();
      expect(es).toMatchObject({
        ok: true,
        mapping: { key: 'Código', name: 'Nombre del equipo', parentKey: 'Depende de', headcount: null },
      });
      const de = (await send('POST', csvOf(german), 'text/csv')).json();
      expect(de.mapping).toEqual({
        key: 'Kennung',
        name: 'Bezeichnung',
        parentKey: 'Übergeordnet',
        headcount: 'Mitarbeiter',
      });
    });

    it('shows the columns and names the mapping to choose when headers are unknown; nothing is stored', async () => {
      const before = await stored();
      const preview = (await send('POST', csvOf(hr), 'text/csv')).json();
      expect(preview).toMatchObject({
        ok: false,
        columns: ['Org Unit', 'Unit Title', 'Reports Into', 'FTE', 'Cost centre'],
        rows: [],
      });
      expect(preview.problems.map((p: { field: string }) => p.field)).toEqual([
        'keyColumn',
        'nameColumn',
        'parentKeyColumn',
      ]);
      const refused = await send('PUT', csvOf(hr), 'text/csv');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().fields[0]).toEqual({
        field: 'keyColumn',
        message:
          "choose the column that holds the team key; the file's columns are Org Unit, Unit Title, Reports Into, FTE, Cost centre",
      });
      expect(await stored()).toEqual(before);
    });

    it('uses the columns chosen, remembers them for the organization, and offers them for the next file', async () => {
      const mapping = {
        keyColumn: 'Org Unit',
        nameColumn: 'Unit Title',
        parentKeyColumn: 'Reports Into',
        headcountColumn: 'FTE',
      };
      const twice = await send('POST', csvOf(hr), 'text/csv', { ...mapping, nameColumn: 'Org Unit' });
      expect(twice.json().problems).toEqual([
        expect.objectContaining({
          field: 'nameColumn',
          code: 'columnTwice',
          values: { column: 'Org Unit', other: 'key' },
        }),
      ]);
      const saved = await send('PUT', await writeXlsx('HR', hr), XLSX_TYPE, mapping);
      expect(saved.statusCode, saved.body).toBe(200);
      expect((await stored()).map((t: { name: string; headcount: number }) => [t.name, t.headcount])).toEqual(
        [
          ['Direction', 3],
          ['Opérations', 9],
        ],
      );
      const next = (await send('POST', csvOf(hr), 'text/csv')).json();
      expect(next).toMatchObject({
        ok: true,
        mappingSource: 'remembered',
        mapping: { key: 'Org Unit', name: 'Unit Title', parentKey: 'Reports Into', headcount: 'FTE' },
        changes: { added: 0, removed: 0, moved: 0, renamed: 0, unchanged: 2 },
      });
      // A file without those columns falls back to the names it recognises.
      expect((await send('POST', csvOf(spanish), 'text/csv')).json().mappingSource).toBe('recognized');
    });
  });

  describe('the preview checks what the save checks', () => {
    const cases: [string, string[][], { field: string; code: string }[]][] = [
      [
        'an unknown parent',
        [['a', 'A', 'nowhere', '']],
        [{ field: 'row 2: parent_key', code: 'unknownParent' }],
      ],
      [
        'a duplicate key',
        [
          ['a', 'A', '', ''],
          ['a', 'B', '', ''],
        ],
        [{ field: 'row 3: key', code: 'duplicateKey' }],
      ],
      [
        'a cycle',
        [
          ['a', 'A', 'b', ''],
          ['b', 'B', 'a', ''],
        ],
        [{ field: 'row 2: parent_key', code: 'cycle' }],
      ],
      ['a bad headcount', [['a', 'A', '', '-1']], [{ field: 'row 2: headcount', code: 'badHeadcount' }]],
      [
        'a hierarchy deeper than 32 levels',
        Array.from({ length: 33 }, (_, i) => [`l${i}`, `Level ${i + 1}`, i === 0 ? '' : `l${i - 1}`, '']),
        [{ field: 'row 34: parent_key', code: 'tooDeep' }],
      ],
    ];
    it.each(cases)(
      '%s: preview names the row, Save refuses with the same fields, nothing stored',
      async (_case, rows, expected) => {
        const before = await stored();
        const csv = [TEAMS[0]!, ...rows].map((r) => r.join(',')).join('\n');
        const preview = (await send('POST', csv, 'text/csv')).json();
        expect(preview.ok).toBe(false);
        const previewed = preview.rows.flatMap((r: { problems: { field: string; code: string }[] }) =>
          r.problems.map(({ field, code }) => ({ field, code })),
        );
        expect(previewed).toEqual(expected);
        const saved = await send('PUT', csv, 'text/csv');
        expect(saved.statusCode).toBe(400);
        expect(saved.json().fields.map((f: { field: string }) => f.field)).toEqual(
          expected.map((e) => e.field),
        );
        expect(await stored()).toEqual(before);
      },
    );
  });

  it('exports CSV and .xlsx in the import format; importing either unchanged changes nothing', async () => {
    expect(
      (
        await send(
          'PUT',
          join(',', '\n', (c) => c),
          'text/csv',
        )
      ).statusCode,
    ).toBe(200);
    const ids = async () =>
      (
        await test.handle.db.selectFrom('team').select(['id', 'key', 'position']).orderBy('key').execute()
      ).filter((t) => EXPECTED.some((e) => e.key === t.key));
    const before = { teams: await stored(), ids: await ids() };

    const csv = await test.app.inject({
      url: `/api/organizations/${orgId}/teams.csv`,
      headers: { cookie: consultant },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(
      '\uFEFFkey,name,parent_key,headcount\r\ndir,Dirección General,,4\r\nops,"Operaciones, Logística",dir,25\r\nmuc,Büro München – Straße,ops,12\r\nesp,Señalización y Diseño,dir,\r\n',
    );
    const xlsx = await test.app.inject({
      url: `/api/organizations/${orgId}/teams.xlsx`,
      headers: { cookie: consultant },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);

    for (const [body, type] of [
      [csv.body, 'text/csv'],
      [xlsx.rawPayload, XLSX_TYPE],
    ] as const) {
      const preview = (await send('POST', body, type)).json();
      expect(preview.changes).toEqual({ added: 0, removed: 0, moved: 0, renamed: 0, unchanged: 4 });
      expect((await send('PUT', body, type)).statusCode).toBe(200);
      expect(await stored()).toEqual(before.teams);
      expect(await ids()).toEqual(before.ids);
    }
  });

  it('gives a name that begins like a formula back exactly after a CSV round trip', async () => {
    const teams = { teams: [{ key: 'f', name: '=SUM(A1); -x,+y', parentKey: null }] };
    expect((await send('PUT', teams, 'application/json')).statusCode).toBe(200);
    const csv = (
      await test.app.inject({ url: `/api/organizations/${orgId}/teams.csv`, headers: { cookie: consultant } })
    ).body;
    expect(csv).toContain(`"'=SUM(A1); -x,'+y"`);
    expect((await send('PUT', csv, 'text/csv')).statusCode).toBe(200);
    expect((await stored())[0].name).toBe('=SUM(A1); -x,+y');
  });

  it('lets only consultants export', async () => {
    await createAccount(test.handle.db, { email: 'lead@example.org', role: 'leader', organizationId: orgId });
    const leader = await signIn(test.app, 'lead@example.org');
    for (const url of ['teams.csv', 'teams.xlsx'])
      expect(
        (await test.app.inject({ url: `/api/organizations/${orgId}/${url}`, headers: { cookie: leader } }))
          .statusCode,
      ).toBe(403);
  });
});
