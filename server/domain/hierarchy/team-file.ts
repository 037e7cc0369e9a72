import type { FieldProblem } from '../field-problem.ts';
import {
  type ColumnMapping,
  chooseMapping,
  columnNames,
  type MappingProblem,
  type MappingSource,
  mappingProblems,
  type TeamField,
  teamRowsOf,
} from './team-columns.ts';
import type { RawTeamRow } from './team-import.ts';

/** A spreadsheet as it arrived: a CSV is one sheet without a name, an `.xlsx` has its own. */
export interface Spreadsheet {
  format: 'csv' | 'xlsx';
  sheets: { name: string; rows: string[][] }[];
}

export interface TeamFileOptions {
  /** The sheet to read, by name; the first when not given. */
  sheet?: string | undefined;
  /** Columns the consultant chose for this file (null: no column for that field). */
  given: Partial<ColumnMapping> | null;
  /** The mapping the organization last saved with. */
  remembered: ColumnMapping | null;
}

/** What a spreadsheet says about teams, before the hierarchy itself is checked. */
export type TeamFile =
  | {
      ok: true;
      sheets: string[];
      sheet: string;
      columns: string[];
      mapping: ColumnMapping;
      mappingSource: MappingSource;
      /** Empty when the columns cannot be read (see mappingProblems). */
      rows: RawTeamRow[];
      mappingProblems: MappingProblem[];
    }
  /** The request itself cannot be read: a 400 naming the field. */
  | { ok: false; problem: FieldProblem };

/** The query parameter that chooses a field's column. */
export const columnParameter = (field: TeamField) => `${field}Column` as const;

export function readTeamFile(file: Spreadsheet, options: TeamFileOptions): TeamFile {
  const names = file.sheets.map((sheet) => sheet.name);
  const chosen =
    options.sheet === undefined ? file.sheets[0] : file.sheets.find((s) => s.name === options.sheet);
  if (!chosen) {
    return {
      ok: false,
      problem:
        options.sheet === undefined
          ? { field: 'body', message: 'the workbook has no sheet' }
          : {
              field: 'sheet',
              message: `the workbook has no sheet "${options.sheet}"; its sheets are ${names.join(', ')}`,
            },
    };
  }
  const header = chosen.rows[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    return {
      ok: false,
      problem: {
        field: file.format === 'csv' ? 'body' : 'sheet',
        message: `${file.format === 'csv' ? 'the file' : `sheet "${chosen.name}"`} is empty; its first row must name the columns`,
      },
    };
  }
  const columns = columnNames(header);
  const { mapping, source } = chooseMapping(columns, options.given, options.remembered);
  const problems = mappingProblems(columns, mapping);
  return {
    ok: true,
    sheets: names,
    sheet: chosen.name,
    columns,
    mapping,
    mappingSource: source,
    rows: problems.length > 0 ? [] : teamRowsOf(chosen.rows, mapping, file.format),
    mappingProblems: problems,
  };
}
