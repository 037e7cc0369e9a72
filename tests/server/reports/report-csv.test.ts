import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../server/domain/report/build-report.ts';
import { createAccumulator, type ScoredItem } from '../../../server/domain/scoring/aggregates.ts';
import { csvField, reportToCsv } from '../../../server/reports/report-csv.ts';

const hostileNames = [
  'Sales;=7+7',
  '=HYPERLINK("http://example.org","click")',
  '+1 Support',
  '-Ops',
  '@SUM(A1)',
  '\tTabbed',
  '\rReturned',
  'Quoted "team", with comma',
  'Line\nbreak',
];

const items: ScoredItem[] = [
  { id: 'a1', dimension: 'a', reverse: false },
  { id: 'a2', dimension: 'a', reverse: false },
];

function hostileReport() {
  const teams = hostileNames.map((name, i) => ({ key: `t${i}`, name, parentKey: null }));
  const accumulator = createAccumulator(items, [{ id: 'a', outcome: false }]);
  for (const team of teams)
    for (let i = 0; i < 6; i++)
      accumulator.add({ teamKey: team.key, answers: { a1: 1 + (i % 5), a2: 3 }, comment: null });
  return buildReport({
    organizationName: '=Org',
    teams,
    aggregates: accumulator.result(),
    dimensions: [{ id: 'a', name: 'A', outcome: false, recommendations: [] }],
    items,
    k: 3,
    withItems: false,
    previous: null,
  });
}

const formulaStart = /^[=+\-@\t\r]/;
const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));

describe('the report CSV against formula injection', () => {
  it.each([',', ';'])('starts no cell like a formula when a spreadsheet splits on "%s"', (delimiter) => {
    const csv = reportToCsv(hostileReport()).replace(/^\uFEFF/, '');
    const rows = parse(csv, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    expect(rows.length).toBeGreaterThan(hostileNames.length);
    for (const row of rows)
      for (const cell of row) if (formulaStart.test(cell)) expect(isNumber(cell), cell).toBe(true);
  });

  it('keeps every name readable: a comma-splitting parser reads back the name behind its apostrophes', () => {
    const csv = reportToCsv(hostileReport()).replace(/^\uFEFF/, '');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const names = new Set(rows.map((row) => row.team_name!.replace(/^'/, '').replace(/([,;])'/g, '$1')));
    for (const name of hostileNames) expect(names.has(name), name).toBe(true);
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvField(-3.2)).toBe('-3.2');
    expect(csvField('-3.2')).toBe("'-3.2");
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('Sales;=7+7')).toBe(`"Sales;'=7+7"`);
    expect(csvField(null)).toBe('');
  });
});

describe('the report CSV saying why a figure is missing', () => {
  it('says "cell" for one hidden cell of a shown group and "group" for a hidden group, never why (R1)', () => {
    const scored: ScoredItem[] = [
      { id: 'a1', dimension: 'a', reverse: false },
      { id: 'b1', dimension: 'b', reverse: false },
    ];
    const accumulator = createAccumulator(scored, [
      { id: 'a', outcome: false },
      { id: 'b', outcome: false },
    ]);
    // Six answer in "big", two of them the question of b; two answer in "small", below k = 3; five
    // in "other", which hides beside "small" so that it cannot be worked out from the organization.
    for (let i = 0; i < 5; i++)
      accumulator.add({ teamKey: 'other', answers: { a1: 2, b1: 2 }, comment: null });
    for (let i = 0; i < 6; i++)
      accumulator.add({ teamKey: 'big', answers: { a1: 1 + (i % 5), b1: i < 2 ? 4 : null }, comment: null });
    for (let i = 0; i < 2; i++)
      accumulator.add({ teamKey: 'small', answers: { a1: 3, b1: 3 }, comment: null });
    const report = buildReport({
      organizationName: 'Org',
      teams: [
        { key: 'big', name: 'Big', parentKey: null },
        { key: 'small', name: 'Small', parentKey: null },
        { key: 'other', name: 'Other', parentKey: null },
      ],
      aggregates: accumulator.result(),
      dimensions: [
        { id: 'a', name: 'A', outcome: false, recommendations: [] },
        { id: 'b', name: 'B', outcome: false, recommendations: [] },
      ],
      items: scored,
      k: 3,
      withItems: false,
      previous: null,
    });
    const big = report.groups.find((g) => g.teamKey === 'big')!;
    expect(big.suppressed).toBe(false);
    expect(big.dimensions.b).toBeNull();
    const rows = parse(reportToCsv(report).replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    const reason = (team: string, dimension: string) =>
      rows.find((r) => r.team_key === team && r.dimension === dimension)!.suppression_reason;
    expect(reason('big', 'a')).toBe('');
    expect(reason('big', 'b')).toBe('cell');
    // One below k, one hidden to protect it: the same word for both.
    expect(reason('small', 'a')).toBe('group');
    expect(reason('other', 'a')).toBe('group');
    // The group's n beside each dimension's, as the screen's table shows it; none for a hidden group.
    const row = (team: string, dimension: string) =>
      rows.find((r) => r.team_key === team && r.dimension === dimension)!;
    expect([row('big', 'a').n, row('big', 'a').group_n, row('big', 'b').group_n]).toEqual(['6', '6', '6']);
    expect([row('small', 'a').n, row('small', 'a').group_n]).toEqual(['', '']);
  });
});
