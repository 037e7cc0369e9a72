import { describe, expect, it } from 'vitest';
import type { TeamInput } from '../../../../server/domain/hierarchy/team-import.ts';
import { draftWaveLosses, scopeProblems } from '../../../../server/domain/hierarchy/team-import-plan.ts';

const teams = (...keys: string[]): TeamInput[] =>
  keys.map((key) => ({ key, name: key, parentKey: null, headcount: null }));

describe('what an import would take from draft waves', () => {
  it('sums, per draft, the teams it removes and the recipients and codes listed for them', () => {
    const inDraftWaves = [
      { waveId: 'w1', wave: 'Spring', key: 'ops', recipients: 3, personalCodes: 0 },
      { waveId: 'w1', wave: 'Spring', key: 'sales', recipients: 2, personalCodes: 5 },
      { waveId: 'w1', wave: 'Spring', key: 'eng', recipients: 1, personalCodes: 1 },
      { waveId: 'w2', wave: 'Autumn', key: 'ops', recipients: 4, personalCodes: 0 },
      { waveId: 'w3', wave: 'Winter', key: 'sales', recipients: 0, personalCodes: 0 },
    ];
    // Kept: ops. Spring loses sales and eng (2 + 1 recipients, 5 + 1 codes) and keeps ops; Autumn
    // loses nothing, so it is not named; Winter loses its only team.
    expect(draftWaveLosses(teams('ops', 'finance'), inDraftWaves)).toEqual([
      {
        waveId: 'w1',
        wave: 'Spring',
        teams: ['eng', 'sales'],
        recipients: 3,
        personalCodes: 6,
        teamsLeft: 1,
      },
      { waveId: 'w3', wave: 'Winter', teams: ['sales'], recipients: 0, personalCodes: 0, teamsLeft: 0 },
    ]);
  });
});

describe("the teams members' access is limited to", () => {
  it('names each removed one once, and none that stays', () => {
    const problems = scopeProblems(teams('ops'), ['ops', 'sales'], ['ops', 'sales', 'sales']);
    expect(problems).toEqual([
      expect.objectContaining({ row: null, code: 'scopesMember', values: { key: 'sales' } }),
    ]);
  });

  it('lets a limit whose team is already gone be, unless a team of its key comes back', () => {
    // "retired" was removed before imports checked limits: the organization's imports go on.
    expect(scopeProblems(teams('ops'), ['ops'], ['retired'])).toEqual([]);
    // A new team under that key would open its part to the member limited to it.
    expect(scopeProblems(teams('ops', 'retired'), ['ops'], ['retired'])).toEqual([
      expect.objectContaining({ code: 'scopesMemberGone', values: { key: 'retired' } }),
    ]);
  });
});
