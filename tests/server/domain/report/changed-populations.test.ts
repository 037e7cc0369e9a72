import { describe, expect, it } from 'vitest';
import { changedPopulations } from '../../../../server/domain/report/changed-populations.ts';

const tree = (...teams: [string, string | null][]) => teams.map(([key, parentKey]) => ({ key, parentKey }));
const all = tree(['eng', null], ['eng-apps', 'eng'], ['eng-web', 'eng'], ['ops', null]);

describe('groups whose people differ between two waves', () => {
  it('finds none between alike trees, in any order', () => {
    const shuffled = tree(['ops', null], ['eng', null], ['eng-web', 'eng'], ['eng-apps', 'eng']);
    expect(changedPopulations({ teams: all, asked: null }, { teams: shuffled, asked: null })).toEqual(
      new Set(),
    );
  });

  it('names the organization and every group above a team one wave did not ask', () => {
    const fewer = tree(['eng', null], ['eng-apps', 'eng'], ['ops', null]);
    expect(changedPopulations({ teams: fewer, asked: null }, { teams: all, asked: null })).toEqual(
      new Set(['', 'eng']),
    );
  });

  it('names both groups a team moved between, and not the team', () => {
    const moved = tree(['eng', null], ['eng-apps', 'eng'], ['ops', null], ['eng-web', 'ops']);
    expect(changedPopulations({ teams: moved, asked: null }, { teams: all, asked: null })).toEqual(
      new Set(['eng', 'ops']),
    );
  });

  it('tells a department asked from one that only held its teams together, where both waves say', () => {
    const asked = new Set(['eng', 'eng-apps', 'eng-web', 'ops']);
    const held = new Set(['eng-apps', 'eng-web', 'ops']);
    expect(changedPopulations({ teams: all, asked: held }, { teams: all, asked })).toEqual(
      new Set(['', 'eng']),
    );
    // A wave that did not record what it asked is read by its tree alone.
    expect(changedPopulations({ teams: all, asked: held }, { teams: all, asked: null })).toEqual(new Set());
  });
});
