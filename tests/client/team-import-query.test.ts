import { describe, expect, it } from 'vitest';
import { importQuery, previewedQuery } from '../../client/src/pages/console/team-import-query.ts';

describe('the query of a team import', () => {
  it('sends only the columns chosen while previewing', () => {
    expect(importQuery('', { name: 'Unit' })).toBe('?nameColumn=Unit');
    expect(importQuery('', {})).toBe('');
  });

  it('saves with the sheet and every column the preview showed, none left to the server', () => {
    const query = previewedQuery({
      sheet: 'Teams 2',
      mapping: { key: 'Id', name: 'Team name', parentKey: null, headcount: 'People' },
      hierarchyVersion: 'v/1+2',
    });
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
      sheet: 'Teams 2',
      keyColumn: 'Id',
      nameColumn: 'Team name',
      parentKeyColumn: '',
      headcountColumn: 'People',
      // And the hierarchy the preview was checked against.
      basedOn: 'v/1+2',
    });
    expect(previewedQuery({ sheet: null, mapping: null, hierarchyVersion: 'abc' })).toBe('?basedOn=abc');
    expect(previewedQuery({ sheet: null, mapping: null, hierarchyVersion: null })).toBe('');
  });
});
