import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../client/src/pages/actions/action-types.ts';
import { ActionItem } from '../../client/src/pages/actions/actions-page.tsx';
import { AppStateContext, createAppState } from '../../client/src/state/app-state.ts';

const action: Action = {
  id: '00000000-0000-4000-8000-000000000001',
  organizationId: '00000000-0000-4000-8000-000000000002',
  waveId: '00000000-0000-4000-8000-000000000003',
  waveTitle: 'Autumn pulse',
  teamKey: 'eng-apps',
  teamName: 'Applications',
  dimension: 'ownership',
  title: 'Weekly demo',
  owner: 'Apps lead',
  steps: [],
  dueDate: '2026-06-30',
  status: 'planned',
  baseline: { score: 58.3, n: 3, ci95: [2, 4.7] },
  createdAt: '2026-03-02T10:00:00.000Z',
  createdBy: 'lead@example.org',
  revision: 0,
  checkIns: [],
  outcome: null,
};

/** One action as the actions page lists it, knowing no team of the organization by name. */
const listed = (shown: Action) =>
  renderToString(
    h(
      AppStateContext.Provider,
      { value: createAppState('en') },
      h(ActionItem, {
        action: shown,
        names: { dimensions: new Map([['ownership', 'Ownership']]) },
        notice: null,
        onSaving: () => {},
        onChange: () => {},
        onStale: () => {},
      }),
    ),
  );

describe('the team an action names on the actions page', () => {
  it("is the name its own wave gave the team, not its key, whatever today's teams say", () => {
    const html = listed(action);
    expect(html).toContain('Applications · Ownership');
    expect(html).not.toContain('eng-apps');
  });

  it('is the whole organization for an action on it', () => {
    expect(listed({ ...action, teamKey: null, teamName: null })).toContain('Whole organization · Ownership');
  });
});
