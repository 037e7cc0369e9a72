import readXlsxFile, { type CellValue } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { guardXlsx, UnsafeSpreadsheetError } from './xlsx-guard.ts';

export { XLSX_TYPE } from './media-types.ts';

/**
 * `.xlsx` in and out, through read-excel-file and write-excel-file: maintained, MIT, and together
 * four small dependencies (fflate, saxen, unzipper-esm, worker-f), where exceljs brings archiver,
 * jszip, unzipper, tmp and an old uuid, and the npm `xlsx` package's registry versions carry known
 * vulnerabilities. Both run on the server only; the console's bundle carries neither.
 */

/** A sheet as rows of cells, each cell text ('' when empty), the way a CSV reads. */
export interface SheetGrid {
  name: string;
  rows: string[][];
}

/** Why an upload is not a spreadsheet we can read, in words for the person who sent it. */
export class UnreadableSpreadsheetError extends Error {
  override name = 'UnreadableSpreadsheetError';
}

const cellText = (value: CellValue | null | undefined): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
};

export async function readXlsx(file: Buffer): Promise<SheetGrid[]> {
  if (file.length === 0) throw new UnreadableSpreadsheetError('is empty');
  try {
    guardXlsx(file);
  } catch (error) {
    if (error instanceof UnsafeSpreadsheetError) throw new UnreadableSpreadsheetError(error.message);
    throw error;
  }
  let sheets: { sheet: string; data: (CellValue | null)[][] }[];
  try {
    sheets = await readXlsxFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'XLS_FILE_NOT_SUPPORTED')
      throw new UnreadableSpreadsheetError('is an old .xls file; save it as .xlsx (Excel Workbook) or CSV');
    // Anything else the reader cannot make sense of is a file it cannot read, never a server fault.
    throw new UnreadableSpreadsheetError('is not a readable .xlsx file');
  }
  return sheets.map(({ sheet, data }) => ({ name: sheet, rows: data.map((row) => row.map(cellText)) }));
}

/** One sheet of text and whole numbers (null for an empty cell), as a file to download. */
export async function writeXlsx(sheetName: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const data = rows.map((row) =>
    row.map((value) =>
      value === null ? null : typeof value === 'number' ? { value, type: Number } : { value, type: String },
    ),
  );
  return writeExcelFile(data, { sheet: sheetName }).toBuffer();
}
