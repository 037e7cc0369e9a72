import { describe, expect, it } from 'vitest';
import { previewTeams } from '../../client/src/pages/console/team-csv.ts';

describe('the team CSV preview', () => {
  it('reads quoted cells and flags each row problem before anything is sent', () => {
    const { rows, headerProblem } = previewTeams(
      [
        'key,name,parent_key,headcount',
        'ops,"Operations, North",,12',
        'ops,Again,,',
        'eng,,zz,x',
        'own,Own,own,',
      ].join('\n'),
    );
    expect(headerProblem).toBeNull();
    expect(rows[0]).toMatchObject({ line: 2, key: 'ops', name: 'Operations, North', problems: [] });
    expect(rows[1]!.problems).toEqual([{ key: 'csv.duplicateKey', values: { row: 2 } }]);
    expect(rows[2]!.problems.map((p) => p.key)).toEqual([
      'csv.emptyName',
      'csv.badHeadcount',
      'csv.unknownParent',
    ]);
    expect(rows[3]!.problems.map((p) => p.key)).toEqual(['csv.ownParent']);
  });

  it('names missing header columns', () => {
    expect(previewTeams('id,title\n1,x').headerProblem).toEqual({
      key: 'csv.header',
      values: { columns: 'key, name, parent_key' },
    });
  });
});
