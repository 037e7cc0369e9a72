import { describe, expect, it } from 'vitest';
import {
  chooseMapping,
  columnNames,
  knownHeaders,
  normalizeHeader,
  recognizeColumns,
  TEAM_FIELDS,
  teamRowsOf,
} from '../../../../server/domain/hierarchy/team-columns.ts';
import { teamChanges } from '../../../../server/domain/hierarchy/team-import-plan.ts';

describe('team columns', () => {
  it('knows no header name under two fields, so a file is never read two ways', () => {
    const owner = new Map<string, string>();
    for (const field of TEAM_FIELDS)
      for (const header of knownHeaders(field)) {
        const name = normalizeHeader(header);
        expect(owner.get(name) ?? field, `${header} is known as ${owner.get(name)} and ${field}`).toBe(field);
        owner.set(name, field);
      }
  });

  it('recognises headers in the four languages whatever their case, accents or punctuation', () => {
    expect(recognizeColumns(['Clé', "Nom de l'équipe", 'Rattaché à', 'Effectif'])).toEqual({
      key: 'Clé',
      name: "Nom de l'équipe",
      parentKey: 'Rattaché à',
      headcount: 'Effectif',
    });
    expect(
      recognizeColumns(['SCHLÜSSEL', 'Name des Teams', 'Übergeordnetes Team', 'Anzahl Mitarbeiter']),
    ).toEqual({
      key: 'SCHLÜSSEL',
      name: 'Name des Teams',
      parentKey: 'Übergeordnetes Team',
      headcount: 'Anzahl Mitarbeiter',
    });
    expect(recognizeColumns(['Código', 'Equipo', 'Equipo padre', 'Plantilla']).parentKey).toBe(
      'Equipo padre',
    );
  });

  it('names blank and repeated headers so each column can be chosen', () => {
    expect(columnNames([' Name ', '', 'Name', 'x'])).toEqual(['Name', 'column 2', 'Name (2)', 'x']);
  });

  it('prefers the columns chosen, then the remembered ones while the file has them, then recognised ones', () => {
    const columns = ['key', 'name', 'parent_key', 'Unit'];
    const remembered = { key: 'Unit', name: 'name', parentKey: 'parent_key', headcount: null };
    // Choosing one column keeps the others as the preview showed them: remembered, not recognised.
    expect(chooseMapping(columns, { parentKey: null }, remembered)).toEqual({
      mapping: { key: 'Unit', name: 'name', parentKey: null, headcount: null },
      source: 'given',
    });
    expect(chooseMapping(['key', 'name', 'Up'], { parentKey: 'Up' }, remembered)).toEqual({
      mapping: { key: 'key', name: 'name', parentKey: 'Up', headcount: null },
      source: 'given',
    });
    expect(chooseMapping(columns, {}, remembered)).toEqual({ mapping: remembered, source: 'remembered' });
    expect(chooseMapping(['key', 'name', 'parent_key'], null, remembered).source).toBe('recognized');
  });

  it('reads rows under a mapping, skipping blank rows without renumbering the others', () => {
    const rows = teamRowsOf(
      [
        ['Name', 'Id', 'Up'],
        ['  Ops ', 'ops', ''],
        ['', '', ''],
        ["'=Sales", 'sales', 'ops'],
      ],
      { key: 'Id', name: 'Name', parentKey: 'Up', headcount: null },
      'csv',
    );
    expect(rows).toEqual([
      { row: 2, key: 'ops', name: 'Ops', parentKey: '', headcount: '' },
      { row: 4, key: 'sales', name: '=Sales', parentKey: 'ops', headcount: '' },
    ]);
  });

  it('counts what a save would change', () => {
    const team = (key: string, parentKey: string | null, name = key) => ({
      key,
      name,
      parentKey,
      headcount: null,
    });
    expect(
      teamChanges(
        [team('a', null), team('b', 'a'), team('c', 'a'), team('gone', null)],
        [team('a', null), team('b', null), team('c', 'a', 'C!'), team('new', 'a')],
      ),
    ).toEqual({ added: 1, removed: 1, moved: 1, renamed: 1, unchanged: 1 });
  });
});
