import { setImmediate as nextTurn } from 'node:timers';
import { type Options, parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvInTurns, SLICE_CHARACTERS } from '../../../server/spreadsheets/csv-in-turns.ts';

// Cells with what makes CSV hard at a slice's edge: quotes, separators and line breaks inside
// quotes, and characters of two halves (the emoji) or of several UTF-8 bytes.
const cell = fc
  .array(fc.constantFrom('a', 'é', '😀', ',', ';', '"', '\n', ' ', 'Z'), { maxLength: 6 })
  .map((chars) => chars.join(''));
const quotedCell = cell.map((value) => `"${value.replaceAll('"', '""')}"`);
const line = fc.array(
  fc.oneof(
    cell.filter((v) => !/[",;\n]/.test(v)),
    quotedCell,
  ),
  {
    minLength: 1,
    maxLength: 4,
  },
);
const csvText = (separator: string) =>
  fc
    .tuple(
      fc.boolean(),
      fc.array(fc.oneof(line, fc.constant([''])), { minLength: 1, maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
      // Sometimes a quote that never closes, which both must refuse alike.
      fc.constantFrom('', '', '', `${separator}"never closed`),
    )
    .map(
      ([bom, lines, end, broken]) =>
        `${bom ? '\uFEFF' : ''}${lines.map((cells) => cells.join(separator)).join(end)}${broken}`,
    );

/** What the sync parser makes of the text: an error's message, or the rows. */
function whole(text: string, options: Options): unknown {
  try {
    return { rows: parse(text, options) };
  } catch (error) {
    return { failure: (error as Error).message };
  }
}

async function sliced(text: string, options: Options, slice: number): Promise<unknown> {
  try {
    return { rows: await parseCsvInTurns(text, options, slice) };
  } catch (error) {
    return { failure: (error as Error).message };
  }
}

describe('parsing CSV in turns of the event loop', () => {
  const teamImport = (delimiter: string): Options => ({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  });
  const recipientList: Options = {
    columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    bom: true,
  };
  it.each([
    ['the team import, commas', ',', teamImport(',')],
    ['the team import, semicolons', ';', teamImport(';')],
    ['the team import, tabs', '\t', teamImport('\t')],
    ['the recipient list', ',', recipientList],
  ] as [string, string, Options][])(
    'reads what the parser reads in one piece, in slices of any size, with the options of %s',
    async (_, separator, options) => {
      await fc.assert(
        fc.asyncProperty(csvText(separator), fc.integer({ min: 1, max: 9 }), async (text, slice) => {
          expect(await sliced(text, options, slice)).toEqual(whole(text, options));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('lets the event loop turn between slices of a large file', async () => {
    const slices = 5;
    const rows = Math.ceil((slices * SLICE_CHARACTERS) / 'team-00000,A team name\n'.length);
    const text = Array.from(
      { length: rows },
      (_, i) => `team-${String(i).padStart(5, '0')},A team name`,
    ).join('\n');
    let turns = 0;
    let reading = true;
    const count = () => {
      if (!reading) return;
      turns += 1;
      nextTurn(count);
    };
    nextTurn(count);
    const read = await parseCsvInTurns<string[]>(text, {});
    reading = false;
    expect(read).toHaveLength(rows);
    // A slice per turn: the loop's other callbacks ran between them (none would in one piece).
    expect(turns).toBeGreaterThanOrEqual(slices - 1);
  });
});
