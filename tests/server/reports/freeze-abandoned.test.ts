import { expect, it, vi } from 'vitest';
import {
  jobsAnsweredOnThreads,
  prepareFreeze,
  reportThreadsEnded,
} from '../../../server/reports/report-builder.ts';

// A file of its own: what it checks holds only while no report thread of the process has
// answered yet, as after a start whose first close failed.
it('keeps using threads when the first one, started for a close that failed, ended unused', async () => {
  const report = {
    organizationName: 'Org',
    teams: [{ key: 't1', name: 'Team 1', parentKey: null }],
    dimensions: [
      { id: 'a', name: 'A', outcome: false, recommendations: [] },
      { id: 'o', name: 'O', outcome: true, recommendations: [] },
    ],
    items: [
      { id: 'a1', dimension: 'a', reverse: false },
      { id: 'o1', dimension: 'o', reverse: false },
    ],
    k: 5,
    withItems: true,
    previous: null,
  };
  const empty = { sums: JSON.stringify({ teams: null, scores: null, pairs: null }), comments: '[]' };

  prepareFreeze().abandon();
  await vi.waitFor(() => expect(reportThreadsEnded()).toBe(1), { timeout: 10_000, interval: 20 });
  const frozen = JSON.parse((await prepareFreeze()({ sums: empty, report })).published);
  expect(frozen.groups).toHaveLength(1);
  // Done on a thread, not in place on the event loop.
  expect(jobsAnsweredOnThreads()).toBe(1);
});
