import { parseCsvInTurns } from '../../spreadsheets/csv-in-turns.ts';
import type { FieldProblem } from '../field-problem.ts';

/** The separators spreadsheets write: a comma, a semicolon (Excel in most of Europe) or a tab. */
export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

export type DelimitedText =
  | { ok: true; separator: Separator; rows: string[][] }
  | { ok: false; problem: FieldProblem };

/**
 * The separator is the one the header line uses most, outside quotes. The header decides because
 * it is the line a person controls least: data may hold commas in names ("Sales, North") but
 * a header of column names rarely does. With none at all, the file has one column.
 */
export function detectSeparator(text: string): Separator {
  const counts = new Map<Separator, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Separator))
      counts.set(char as Separator, counts.get(char as Separator)! + 1);
  }
  let best: Separator = ',';
  for (const separator of SEPARATORS) if (counts.get(separator)! > counts.get(best)!) best = separator;
  return best;
}

/**
 * Reads CSV as spreadsheets write it: any of the separators above, a UTF-8 byte-order mark or none,
 * CRLF or LF line ends, quoted fields with doubled quotes and line breaks inside. Every line stays
 * a row, blank ones too, so row n of the result is record n of the file (the header is row 1).
 * The text is handed to the parser a slice at a time, each in a turn of the event loop of its own.
 */
export async function readDelimitedText(text: string): Promise<DelimitedText> {
  const body = text.replace(/^\uFEFF/, '');
  const separator = detectSeparator(body);
  try {
    const rows = await parseCsvInTurns<string[]>(body, {
      delimiter: separator,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    });
    return { ok: true, separator, rows };
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      ok: false,
      problem: {
        field: line ? `line ${line}` : 'body',
        message: `cannot be read as CSV: ${(error as Error).message}`,
      },
    };
  }
}
