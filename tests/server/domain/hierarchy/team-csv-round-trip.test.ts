import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDelimitedText } from '../../../../server/domain/hierarchy/delimited-text.ts';
import { teamRowsOf, teamSheetRows } from '../../../../server/domain/hierarchy/team-columns.ts';
import { validateTeams } from '../../../../server/domain/hierarchy/team-import.ts';
import { csvField } from '../../../../server/reports/report-csv.ts';

const MAPPING = { key: 'key', name: 'name', parentKey: 'parent_key', headcount: 'headcount' };
const csvRow = (row: number) => `row ${row}`;

/** A name as teams.csv writes it and the CSV import reads it back. */
async function roundTrip(name: string): Promise<string> {
  const text = teamSheetRows([{ key: 'a', name, parentKey: null, headcount: null }])
    .map((row) => row.map(csvField).join(','))
    .join('\r\n');
  const read = await readDelimitedText(`\uFEFF${text}\r\n`);
  if (!read.ok) throw new Error(read.problem.message);
  return teamRowsOf(read.rows, MAPPING, 'csv')[0]!.name as string;
}

describe('a team name through teams.csv and back', () => {
  it.each([["'=x"], ["a,'-b"], ["''@x"], ['=1+2'], ["a;'+b"], ["it's"], ['-5'], ['a, b']])(
    'comes back exactly: %s',
    async (name) => {
      expect(await roundTrip(name)).toBe(name);
    },
  );

  it('comes back exactly for any name the import accepts', async () => {
    const letter = fc.constantFrom("'", '=', '+', '-', '@', ',', ';', '"', ' ', 'a', 'é');
    const name = fc
      .array(letter, { minLength: 1, maxLength: 12 })
      .map((letters) => letters.join('').trim())
      .filter((text) => text !== '');
    await fc.assert(
      fc.asyncProperty(name, async (text) => {
        expect(await roundTrip(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a leading apostrophe in an .xlsx, where no export added one', () => {
    const rows = [
      ['key', 'name'],
      ['a', "'=x"],
    ];
    expect(teamRowsOf(rows, { ...MAPPING, parentKey: null, headcount: null }, 'xlsx')[0]!.name).toBe("'=x");
  });

  it('refuses a name with a line break, tab or other control character, naming the field', () => {
    for (const name of ['Sales\n=HYPERLINK("x")', 'a\tb', 'a\u0007b', 'a\u2028b']) {
      expect(validateTeams([{ row: 2, key: 'a', name, parentKey: '', headcount: '' }], csvRow)).toMatchObject(
        {
          ok: false,
          errors: [
            {
              field: 'row 2: name',
              message: 'must not contain line breaks, tabs or other control characters',
            },
          ],
        },
      );
    }
  });

  it('starts no formula after a line break already stored, for readers that ignore quotes', () => {
    expect(csvField('Sales\n=1+1')).toBe(`"Sales\n'=1+1"`);
    expect(csvField('Sales\r\n@x')).toBe(`"Sales\r\n'@x"`);
  });
});
