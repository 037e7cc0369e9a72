import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx, UnreadableSpreadsheetError } from '../../../server/spreadsheets/xlsx-file.ts';
import { rawXlsx, sheetXml, textCell } from '../../support/xlsx-fixtures.ts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;

/** Offsets of each central directory entry, and of the end record, in a ZIP fflate wrote. */
function directory(zip: Buffer): { eocd: number; entries: { at: number; name: string; local: number }[] } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = [];
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    expect(zip.readUInt32LE(at)).toBe(CENTRAL);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ at, name, local: zip.readUInt32LE(at + 42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { eocd, entries };
}

/** Shared strings that unpack to `bytes` of well-formed XML, packing to a few kilobytes. */
const bigSharedStrings = (bytes: number) =>
  strToU8(
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(bytes)}</t></si></sst>`,
  );

const refusal = async (file: Buffer) => {
  const error = await readXlsx(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnreadableSpreadsheetError);
  return (error as Error).message;
};

const TEAMS = rawXlsx([
  {
    name: 'Teams',
    xml: sheetXml([
      ['key', 'name'],
      ['a', 'A'],
    ]),
  },
]);

describe('reading an .xlsx upload', () => {
  it('reads a plain workbook through the rebuilt archive', async () => {
    expect(await readXlsx(TEAMS)).toEqual([
      {
        name: 'Teams',
        rows: [
          ['key', 'name'],
          ['a', 'A'],
        ],
      },
    ]);
  });

  it('scans a worksheet of unclosed "<c <c <c" tags in one pass and refuses it', async () => {
    // 16 MB that a backtracking pattern took quadratic time over, holding the event loop.
    const xml = '<c '.repeat(5_000_000);
    expect(await refusal(rawXlsx([{ name: 'T', xml }]))).toMatch(/<c> tag that cannot be read/);
  });

  it('refuses an archive without a central directory, which the streaming reader would read', async () => {
    const { entries } = directory(TEAMS);
    const firstCentral = Math.min(...entries.map((e) => e.at));
    expect(await refusal(TEAMS.subarray(0, firstCentral))).toBe('is not a readable .xlsx file');
  });

  it('ignores an entry the directory does not list: only listed, verified parts reach the reader', async () => {
    // A second sheet1.xml after the listed ones, which a reader streaming local headers took last.
    const hidden = Buffer.from(
      zipSync({
        'xl/worksheets/sheet1.xml': strToU8(
          `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetXml([['hidden']])}</sheetData></worksheet>`,
        ),
      }),
    );
    const hiddenEnd = Math.min(...directory(hidden).entries.map((e) => e.at));
    const { eocd, entries } = directory(TEAMS);
    const directoryStart = Math.min(...entries.map((e) => e.at));
    const file = Buffer.concat([
      TEAMS.subarray(0, directoryStart),
      hidden.subarray(0, hiddenEnd),
      TEAMS.subarray(directoryStart),
    ]);
    const end = eocd + hiddenEnd;
    file.writeUInt32LE(directoryStart + hiddenEnd, end + 16);
    expect(file.readUInt32LE(end)).toBe(EOCD);
    expect(await readXlsx(file)).toEqual([
      {
        name: 'Teams',
        rows: [
          ['key', 'name'],
          ['a', 'A'],
        ],
      },
    ]);
  });

  it('refuses a data-descriptor entry whose data runs past the size the directory declares', async () => {
    // fflate writes the shared strings first, so the descriptor can go after their data and
    // every later offset moves by its 16 bytes.
    const zip = Buffer.from(
      zipSync({ 'xl/sharedStrings.xml': bigSharedStrings(64 * 1024 * 1024) }, { level: 9 }),
    );
    const rest = rawXlsx([{ name: 'T', xml: sheetXml([['key']]) }]);
    const strings = directory(zip).entries[0]!;
    const dataEnd = strings.at; // the directory follows the only entry's data
    const crc = zip.readUInt32LE(strings.local + 14);
    const packed = zip.readUInt32LE(strings.local + 18);
    const size = zip.readUInt32LE(strings.local + 22);
    const local = Buffer.from(zip.subarray(0, dataEnd));
    // Local header: flag 3 and no sizes, so a streaming reader inflates to the end of the stream.
    local.writeUInt16LE(local.readUInt16LE(6) | 0x8, 6);
    for (const at of [14, 18, 22]) local.writeUInt32LE(0, at);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(packed, 8);
    descriptor.writeUInt32LE(size, 12);
    // The directory entry claims a small file: what a guard reading only it would believe.
    const central = Buffer.from(zip.subarray(strings.at, zip.length - 22));
    central.writeUInt16LE(central.readUInt16LE(8) | 0x8, 8);
    central.writeUInt32LE(100, 20);
    central.writeUInt32LE(1_000, 24);
    // Then the workbook's own entries, shifted past the shared strings.
    const shift = local.length + descriptor.length;
    const other = directory(rest);
    const otherDirectoryStart = Math.min(...other.entries.map((e) => e.at));
    const otherCentral = Buffer.from(rest.subarray(otherDirectoryStart, other.eocd));
    for (const entry of other.entries)
      otherCentral.writeUInt32LE(entry.local + shift, entry.at - otherDirectoryStart + 42);
    const end = Buffer.from(rest.subarray(other.eocd));
    end.writeUInt16LE(other.entries.length + 1, 8);
    end.writeUInt16LE(other.entries.length + 1, 10);
    end.writeUInt32LE(central.length + otherCentral.length, 12);
    end.writeUInt32LE(shift + otherDirectoryStart, 16);
    const file = Buffer.concat([
      local,
      descriptor,
      rest.subarray(0, otherDirectoryStart),
      central,
      otherCentral,
      end,
    ]);
    expect(await refusal(file)).toBe('is not a readable .xlsx file');
  });

  it('refuses a local header whose sizes differ from the directory', async () => {
    const file = Buffer.from(TEAMS);
    const entry = directory(file).entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(file.readUInt32LE(entry.local)).toBe(LOCAL);
    // The reader allocated whatever the local header declared, up to 4 GB.
    file.writeUInt32LE(0xfffffff0, entry.local + 22);
    expect(await refusal(file)).toBe('is not a readable .xlsx file');
  });

  it.each([
    [
      'a part outside xl/worksheets the relationships may point to',
      'xl/other.xml',
      `<row r="1"><c r="CW1"/></row>`,
    ],
    ['single quotes', 'xl/worksheets/sheet9.xml', `<row r='1'><c r='CW1'/></row>`],
    [
      'a namespace prefix',
      'xl/worksheets/sheet9.xml',
      `<x:row r="1"><x:c r="A1"/></x:row><x:row r="10001"/>`,
    ],
    ['eight digits', 'xl/worksheets/sheet9.xml', `<row><c r="A99999999"/></row>`],
    ['four letters', 'xl/worksheets/sheet9.xml', `<row><c r="AAAA1"/></row>`],
    ['an exponent', 'xl/worksheets/sheet9.xml', `<row r="1e8"/>`],
    ['an entity', 'xl/worksheets/sheet9.xml', `<row r="&#49;0000000"/>`],
  ])('refuses a far cell or row written with %s', async (_case, path, xml) => {
    const file = rawXlsx([{ name: 'T', xml: sheetXml([['key']]) }], {
      [path]: strToU8(`<worksheet>${xml}</worksheet>`),
    });
    expect(await refusal(file)).toMatch(/beyond 10000|not a cell address|row numbered/);
  });

  it('reads only the chosen sheet, and lists the others by name', async () => {
    const far = (i: number) => `<row r="10000">${textCell('CV10000', `far ${i}`)}</row>`;
    const sheets = Array.from({ length: 50 }, (_, i) => ({ name: `S${i}`, xml: far(i) }));
    const file = rawXlsx([{ name: 'Teams', xml: sheetXml([['key'], ['a']]) }, ...sheets]);
    const read = await readXlsx(file, 'Teams');
    expect(read).toHaveLength(51);
    expect(read[0]).toEqual({ name: 'Teams', rows: [['key'], ['a']] });
    expect(read.slice(1).every((sheet) => sheet.rows.length === 0)).toBe(true);
    expect((await readXlsx(file, 'S3'))[4]!.rows[9999]![99]).toBe('far 3');
  });

  it('finds a sheet by its name as the workbook spells it, escapes decoded', async () => {
    const file = rawXlsx([
      { name: 'Notes', xml: '' },
      { name: 'R&D <Ops> Été', xml: sheetXml([['key'], ['a']]) },
    ]);
    expect(await readXlsx(file, 'R&D <Ops> Été')).toEqual([
      { name: 'Notes', rows: [] },
      { name: 'R&D <Ops> Été', rows: [['key'], ['a']] },
    ]);
  });

  it('refuses more than 100 sheets', async () => {
    const sheets = Array.from({ length: 101 }, (_, i) => ({ name: `S${i}`, xml: '' }));
    expect(await refusal(rawXlsx(sheets))).toMatch(/more than 100 sheets/);
  });

  it.each([['1e20'], ['3000000']])(
    'refuses a date-formatted cell holding %s with the cell named',
    async (value) => {
      const styles = strToU8(
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
      );
      const file = rawXlsx(
        [
          {
            name: 'T',
            xml: `<row r="1">${textCell('A1', 'key')}</row><row r="2"><c r="B2" s="1"><v>${value}</v></c></row>`,
          },
        ],
        { 'xl/styles.xml': styles },
      );
      expect(await refusal(file)).toBe(
        'has a date-formatted cell in row 2, column 2 that is not a valid date',
      );
    },
  );
});
