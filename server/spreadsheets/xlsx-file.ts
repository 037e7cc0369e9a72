import readXlsxFile, { type CellValue } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { type GuardedXlsx, guardXlsx, NotXlsxError, UnsafeSpreadsheetError } from './xlsx-guard.ts';

export { XLSX_TYPE } from './media-types.ts';

/**
 * `.xlsx` in and out, through read-excel-file and write-excel-file: maintained, MIT, and together
 * four small dependencies (fflate, saxen, unzipper-esm, worker-f), where exceljs brings archiver,
 * jszip, unzipper, tmp and an old uuid, and the npm `xlsx` package's registry versions carry known
 * vulnerabilities. Both run on the server only; the console's bundle carries neither.
 */

/**
 * A sheet as rows of cells, each cell text ('' when empty), the way a CSV reads. Only the chosen
 * sheet is read; the others are listed by name with no rows, so that a workbook of many sheets
 * costs no more than its one sheet of teams.
 */
export interface SheetGrid {
  name: string;
  rows: string[][];
}

/** Why an upload is not a spreadsheet we can read, in words for the person who sent it. */
export class UnreadableSpreadsheetError extends Error {
  override name = 'UnreadableSpreadsheetError';
}

const cellText = (value: CellValue | null | undefined, row: number, column: number): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // A date-styled cell may hold any number, 1e20 or more, which is no date at all.
    if (Number.isNaN(value.getTime()) || Math.abs(value.getUTCFullYear()) > 9999)
      throw new UnreadableSpreadsheetError(
        `has a date-formatted cell in row ${row}, column ${column} that is not a valid date`,
      );
    return value.toISOString().slice(0, 10);
  }
  return String(value);
};

/** Reads the sheet named `sheet` (the first when not given); the other sheets come back without rows. */
export async function readXlsx(file: Buffer, sheet?: string): Promise<SheetGrid[]> {
  if (file.length === 0) throw new UnreadableSpreadsheetError('is empty');
  let guarded: GuardedXlsx;
  try {
    guarded = guardXlsx(file);
  } catch (error) {
    if (error instanceof UnsafeSpreadsheetError) throw new UnreadableSpreadsheetError(error.message);
    if (error instanceof NotXlsxError) throw notReadable(error.legacyXls);
    throw error;
  }
  const chosen = sheet === undefined ? 0 : guarded.sheetNames.indexOf(sheet);
  const names = guarded.sheetNames.map((name) => ({ name, rows: [] as string[][] }));
  // No such sheet: the names alone let the import say which sheets there are.
  if (chosen < 0 || chosen >= names.length) return names;
  let sheets: { sheet: string; data: (CellValue | null)[][] }[];
  try {
    // `sheets` (1-based) is read-excel-file's option to parse only those sheets; its types omit it.
    const options = { sheets: [chosen + 1] } as Parameters<typeof readXlsxFile>[1];
    sheets = (await readXlsxFile(guarded.archive, options)) as typeof sheets;
  } catch {
    // Anything the reader cannot make sense of is a file it cannot read, never a server fault.
    throw notReadable(false);
  }
  const data = sheets[0]?.data ?? [];
  names[chosen] = {
    name: names[chosen]!.name,
    rows: data.map((row, r) => row.map((value, c) => cellText(value, r + 1, c + 1))),
  };
  return names;
}

const notReadable = (legacyXls: boolean) =>
  new UnreadableSpreadsheetError(
    legacyXls
      ? 'is an old .xls file; save it as .xlsx (Excel Workbook) or CSV'
      : 'is not a readable .xlsx file',
  );

/** One sheet of text and whole numbers (null for an empty cell), as a file to download. */
export async function writeXlsx(sheetName: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const data = rows.map((row) =>
    row.map((value) =>
      value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String },
    ),
  );
  return writeExcelFile(data, { sheet: sheetName }).toBuffer();
}
