import { describe, expect, it } from 'vitest';
import {
  depthFirst,
  MAX_DEPTH,
  type RawTeamRow,
  validateTeams,
} from '../../../../server/domain/hierarchy/team-import.ts';

const csvRow = (row: number) => `row ${row}`;
/** A chain of `levels` teams as CSV rows (line 1 is the header): l1 at the top, l2 under it, … */
const chain = (levels: number): RawTeamRow[] =>
  Array.from({ length: levels }, (_, i) => ({
    row: i + 2,
    key: `l${i + 1}`,
    name: `Level ${i + 1}`,
    parentKey: i === 0 ? '' : `l${i}`,
    headcount: '',
  }));

describe('the depth limit of an import', () => {
  it('is 32 levels, a top-level team being level 1', () => {
    expect(MAX_DEPTH).toBe(32);
    const result = validateTeams(chain(32), csvRow);
    expect(result.ok).toBe(true);
  });

  it('refuses a 33rd level, naming its row', () => {
    expect(validateTeams(chain(33), csvRow)).toMatchObject({
      ok: false,
      errors: [
        {
          field: 'row 34: parent_key',
          message: '"l33" is at level 33; a hierarchy has at most 32 levels (a top-level team is level 1)',
        },
      ],
    });
  });

  it('names the first too-deep row of the file, whatever order the rows come in', () => {
    // Deepest rows first: l40 (row 2) is too deep but the cut is at l33, the first level-33 row.
    const rows = chain(40)
      .reverse()
      .map((row, i) => ({ ...row, row: i + 2 }));
    const result = validateTeams(rows, csvRow);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'row 9: parent_key' }] });
    expect(rows.find((r) => r.row === 9)!.key).toBe('l33');
  });

  it('names JSON rows by index', () => {
    const rows = chain(33).map((row, i) => ({ ...row, row: i }));
    expect(validateTeams(rows, (row) => `teams[${row}]`)).toMatchObject({
      ok: false,
      errors: [{ field: 'teams[32]: parent_key' }],
    });
  });

  it('walks a 5,000-team chain without recursion', () => {
    const rows = chain(5_000);
    expect(validateTeams(rows, csvRow)).toMatchObject({
      ok: false,
      errors: [{ field: 'row 34: parent_key' }],
    });
    // The same chain closed into a loop: one cycle, reported once.
    rows[0]!.parentKey = 'l5000';
    const result = validateTeams(rows, csvRow);
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'row 2: parent_key' }] });
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/^cycle: l1 → l5000 → l4999 → .* → l1$/);
  });
});

describe('cycles in an import', () => {
  const rows = (pairs: [string, string][]): RawTeamRow[] =>
    pairs.map(([key, parentKey], i) => ({ row: i + 2, key, name: key, parentKey, headcount: '' }));

  it('reports a → b → a once, at the first row of the loop', () => {
    expect(
      validateTeams(
        rows([
          ['a', 'b'],
          ['b', 'a'],
        ]),
        csvRow,
      ),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'row 2: parent_key', message: 'cycle: a → b → a' }],
      // The console says it in the person's language from the code and values.
      problems: [{ row: 2, column: 'parent_key', code: 'cycle', values: { cycle: 'a → b → a' } }],
    });
  });

  it('reports a loop reached from outside it once, from its own first row, and each separate loop', () => {
    const result = validateTeams(
      rows([
        ['top', ''],
        ['tail', 'c'], // leads into the loop but is not on it
        ['d', 'c'],
        ['c', 'd'],
        ['x', 'y'],
        ['y', 'x'],
      ]),
      csvRow,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { field: 'row 4: parent_key', message: 'cycle: d → c → d' },
        { field: 'row 6: parent_key', message: 'cycle: x → y → x' },
      ],
    });
  });

  it('reports a team that is its own parent once, not also as a loop', () => {
    expect(validateTeams(rows([['a', 'a']]), csvRow)).toMatchObject({
      ok: false,
      errors: [{ field: 'row 2: parent_key', message: 'a team cannot be its own parent' }],
    });
  });
});

describe('depth-first order', () => {
  it('keeps siblings in the order given and counts depth from the top-level teams', () => {
    const teams = [
      { key: 'b', name: 'B', parentKey: null, headcount: null },
      { key: 'b2', name: 'B2', parentKey: 'b', headcount: 3 },
      { key: 'a', name: 'A', parentKey: null, headcount: null },
      { key: 'b1', name: 'B1', parentKey: 'b', headcount: null },
      { key: 'b2x', name: 'B2x', parentKey: 'b2', headcount: null },
    ];
    expect(depthFirst(teams).map((t) => [t.key, t.depth])).toEqual([
      ['b', 0],
      ['b2', 1],
      ['b2x', 2],
      ['b1', 1],
      ['a', 0],
    ]);
  });
});
