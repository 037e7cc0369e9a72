import type { MessageKey } from '../../i18n/en.ts';

/** A problem in one row, as a message key and its values, so the page shows it in any language. */
export interface RowProblem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** A client-side reading of the team CSV, for the preview before anything is sent. */
export interface PreviewRow {
  line: number;
  key: string;
  name: string;
  parentKey: string;
  headcount: string;
  problems: RowProblem[];
}

function splitLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(current.trim());
      current = '';
    } else current += char;
  }
  cells.push(current.trim());
  return cells;
}

export function previewTeams(text: string): { rows: PreviewRow[]; headerProblem: RowProblem | null } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const missing = ['key', 'name', 'parent_key'].filter((column) => !header.includes(column));
  if (missing.length > 0)
    return { rows: [], headerProblem: { key: 'csv.header', values: { columns: missing.join(', ') } } };
  const at = (cells: string[], column: string) => cells[header.indexOf(column)] ?? '';
  const rows: PreviewRow[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = splitLine(line);
    rows.push({
      line: index + 2,
      key: at(cells, 'key'),
      name: at(cells, 'name'),
      parentKey: at(cells, 'parent_key'),
      headcount: header.includes('headcount') ? at(cells, 'headcount') : '',
      problems: [],
    });
  });
  const keys = new Map<string, number>();
  for (const row of rows) {
    if (!row.key) row.problems.push({ key: 'csv.emptyKey' });
    else if (keys.has(row.key))
      row.problems.push({ key: 'csv.duplicateKey', values: { row: keys.get(row.key)! } });
    else keys.set(row.key, row.line);
    if (!row.name) row.problems.push({ key: 'csv.emptyName' });
    if (row.headcount && !/^\d+$/.test(row.headcount)) row.problems.push({ key: 'csv.badHeadcount' });
  }
  for (const row of rows) {
    if (row.parentKey && !keys.has(row.parentKey))
      row.problems.push({ key: 'csv.unknownParent', values: { parent: row.parentKey } });
    if (row.parentKey && row.parentKey === row.key) row.problems.push({ key: 'csv.ownParent' });
  }
  return { rows, headerProblem: null };
}
