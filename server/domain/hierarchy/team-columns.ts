import type { RawTeamRow } from './team-import.ts';

/** What an import needs from each row, and the column names of the import's own format. */
export const TEAM_FIELDS = ['key', 'name', 'parentKey', 'headcount'] as const;
export type TeamField = (typeof TEAM_FIELDS)[number];
export const TEAM_COLUMNS: Record<TeamField, string> = {
  key: 'key',
  name: 'name',
  parentKey: 'parent_key',
  headcount: 'headcount',
};
const REQUIRED: readonly TeamField[] = ['key', 'name', 'parentKey'];

/** Which of the file's columns holds each field (its header as shown); null when none does. */
export type ColumnMapping = Record<TeamField, string | null>;

/**
 * Header names HR files use, in the product's languages (English, Spanish, French, German),
 * compared after `normalizeHeader`. No name appears under two fields (tested), so a file is
 * never mapped two ways.
 */
const KNOWN_HEADERS: Record<TeamField, readonly string[]> = {
  key: [
    'key',
    'team key',
    'team id',
    'team code',
    'unit id',
    'unit code',
    'department id',
    'department code',
    'id',
    'code',
    'clave',
    'clave equipo',
    'clave del equipo',
    'codigo',
    'codigo equipo',
    'codigo del equipo',
    'id equipo',
    'identificador',
    'cle',
    'code equipe',
    'code de l equipe',
    'identifiant',
    'id equipe',
    'code service',
    'schlussel',
    'team schlussel',
    'kennung',
    'team kennung',
    'kurzel',
    'abteilungs id',
    'abteilungscode',
  ],
  name: [
    'name',
    'team',
    'team name',
    'department',
    'department name',
    'unit',
    'unit name',
    'nombre',
    'equipo',
    'nombre equipo',
    'nombre del equipo',
    'departamento',
    'area',
    'unidad',
    'nom',
    'equipe',
    'nom equipe',
    'nom de l equipe',
    'service',
    'departement',
    'unite',
    'teamname',
    'name des teams',
    'abteilung',
    'bezeichnung',
    'einheit',
  ],
  parentKey: [
    'parent key',
    'parent',
    'parent id',
    'parent code',
    'parent team',
    'parent team key',
    'reports to',
    'clave padre',
    'padre',
    'equipo padre',
    'codigo padre',
    'id padre',
    'depende de',
    'equipo superior',
    'cle parent',
    'parent equipe',
    'equipe parente',
    'code parent',
    'rattache a',
    'equipe superieure',
    'ubergeordnet',
    'ubergeordnetes team',
    'ubergeordnete id',
    'eltern',
    'elternteam',
    'eltern id',
  ],
  headcount: [
    'headcount',
    'head count',
    'people',
    'employees',
    'size',
    'team size',
    'number of people',
    'plantilla',
    'personas',
    'empleados',
    'numero de personas',
    'tamano',
    'effectif',
    'effectifs',
    'personnes',
    'employes',
    'nombre de personnes',
    'mitarbeiter',
    'anzahl',
    'mitarbeiterzahl',
    'kopfzahl',
    'anzahl mitarbeiter',
    'personen',
  ],
};

/** Case, accents, and anything between words stop mattering: `Nº de Personas` ~ `no de personas`. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const fieldOfHeader = new Map<string, TeamField>();
for (const field of TEAM_FIELDS)
  for (const header of KNOWN_HEADERS[field]) fieldOfHeader.set(normalizeHeader(header), field);

/** The known header names of each field, for the test that no name belongs to two fields. */
export const knownHeaders = (field: TeamField): readonly string[] => KNOWN_HEADERS[field];

/**
 * The header row as the columns a person can choose from: trimmed, a blank one named by its
 * position ("column 3") and a repeated one numbered ("Name (2)"), so every column has one name.
 */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, index) => {
    const name = cell.trim() === '' ? `column ${index + 1}` : cell.trim();
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    return times === 1 ? name : `${name} (${times})`;
  });
}

/** The columns whose headers are known names, each column used once, the first match winning. */
export function recognizeColumns(columns: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = { key: null, name: null, parentKey: null, headcount: null };
  for (const column of columns) {
    const field = fieldOfHeader.get(normalizeHeader(column));
    if (field && mapping[field] === null) mapping[field] = column;
  }
  return mapping;
}

export type MappingSource = 'given' | 'remembered' | 'recognized';

/**
 * The mapping an import uses: the columns the consultant chose for this file, over the mapping the
 * file would have without them: the one remembered for the organization, when this file has every
 * column it names, else the recognised one. So changing one column keeps the others as the preview
 * showed them.
 */
export function chooseMapping(
  columns: readonly string[],
  given: Partial<ColumnMapping> | null,
  remembered: ColumnMapping | null,
): { mapping: ColumnMapping; source: MappingSource } {
  const base =
    remembered && TEAM_FIELDS.every((f) => remembered[f] === null || columns.includes(remembered[f]))
      ? { mapping: remembered, source: 'remembered' as const }
      : { mapping: recognizeColumns(columns), source: 'recognized' as const };
  if (!given || TEAM_FIELDS.every((field) => given[field] === undefined)) return base;
  const mapping = { ...base.mapping };
  for (const field of TEAM_FIELDS) if (given[field] !== undefined) mapping[field] = given[field] ?? null;
  return { mapping, source: 'given' };
}

const FIELD_WORDS: Record<TeamField, string> = {
  key: 'the team key',
  name: 'the team name',
  parentKey: "the parent team's key",
  headcount: 'the headcount',
};

/** A reason a mapping cannot read a file, with a code and values the console translates. */
export interface MappingProblem {
  field: TeamField;
  code: 'missingColumn' | 'unknownColumn' | 'columnTwice';
  values: Record<string, string>;
  message: string;
}

/** Every reason this mapping cannot read this file, each naming the field to fix. */
export function mappingProblems(columns: readonly string[], mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const usedBy = new Map<string, TeamField>();
  for (const field of TEAM_FIELDS) {
    const column = mapping[field];
    if (column === null) {
      if (REQUIRED.includes(field))
        problems.push({
          field,
          code: 'missingColumn',
          values: { field },
          message: `choose the column that holds ${FIELD_WORDS[field]}; the file's columns are ${columns.join(', ')}`,
        });
    } else if (!columns.includes(column)) {
      problems.push({
        field,
        code: 'unknownColumn',
        values: { column },
        message: `the file has no column "${column}"`,
      });
    } else if (usedBy.has(column)) {
      problems.push({
        field,
        code: 'columnTwice',
        values: { column, other: usedBy.get(column)! },
        message: `column "${column}" already holds ${FIELD_WORDS[usedBy.get(column)!]}`,
      });
    } else usedBy.set(column, field);
  }
  return problems;
}

/**
 * A name exported as CSV got an apostrophe wherever it (or a part after a separator) began like a
 * formula, apostrophes before that included (see `csvField`): exactly those are taken off again,
 * so an exported file comes back as it went out, `'=x` and `a,'-b` too. Only CSV: nothing adds
 * them to an `.xlsx`, where a leading apostrophe is the name's own.
 */
const withoutFormulaGuard = (name: string) =>
  name.replace(/^'(?='*[=+\-@\t\r])/, '').replace(/([,;\r\n])'(?='*[=+\-@\t\r])/g, '$1');

/**
 * The rows of a sheet (header first) as raw teams under a valid mapping. Row numbers are the
 * sheet's own (the header is row 1); rows with every cell blank are left out, as a spreadsheet
 * shows them, without renumbering the others.
 */
export function teamRowsOf(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  format: 'csv' | 'xlsx',
): RawTeamRow[] {
  const columns = columnNames(rows[0] ?? []);
  const at = (cells: readonly string[], field: TeamField) => {
    const column = mapping[field];
    return column === null ? '' : (cells[columns.indexOf(column)] ?? '').trim();
  };
  const teams: RawTeamRow[] = [];
  for (let index = 1; index < rows.length; index++) {
    const cells = rows[index]!;
    if (cells.every((cell) => cell.trim() === '')) continue;
    teams.push({
      row: index + 1,
      key: at(cells, 'key'),
      name: format === 'csv' ? withoutFormulaGuard(at(cells, 'name')) : at(cells, 'name'),
      parentKey: at(cells, 'parentKey'),
      headcount: at(cells, 'headcount'),
    });
  }
  return teams;
}

/** A hierarchy in the import's own format, header first, in the order given: what export writes. */
export function teamSheetRows(
  teams: readonly { key: string; name: string; parentKey: string | null; headcount: number | null }[],
): (string | number | null)[][] {
  return [
    TEAM_FIELDS.map((field) => TEAM_COLUMNS[field]),
    ...teams.map((team) => [team.key, team.name, team.parentKey, team.headcount]),
  ];
}
