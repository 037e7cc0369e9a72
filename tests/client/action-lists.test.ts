import 'preact/debug';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessageKey } from '../../client/src/i18n/en.ts';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import { checkInText } from '../../client/src/pages/actions/check-in-text.ts';
import { SharedActionList } from '../../client/src/pages/results/results-page.tsx';
import { AppStateContext, createAppState } from '../../client/src/state/app-state.ts';
import type { SharedResults } from '../../shared/contract/shared-results.ts';

const said = (locale: string) => (key: MessageKey, values?: Record<string, string | number>) =>
  translate(locale, key, values);

describe('the lines of an action’s history and of shared actions', () => {
  beforeAll(async () => {
    await Promise.all(['fr', 'de'].map(loadCatalog));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sets a check-in’s note after the language’s own colon', () => {
    const checkIn = { at: '2026-03-02T10:00:00.000Z', author: 'Ana', status: 'done' as const, note: 'Fait' };
    const french = checkInText(checkIn, said('fr'), 'fr');
    expect(french).toMatch(/ · Ana · .+\u202f: Fait$/);
    expect(french).not.toMatch(/ : /);
    expect(checkInText(checkIn, said('de'), 'de')).toMatch(/ · Ana · .+: Fait$/);
    // Without a note, nothing trails the line.
    expect(checkInText({ ...checkIn, note: null }, said('fr'), 'fr')).toMatch(/ · Ana · [^:]+$/);
  });

  it('lists two shared actions with the same title and due date as two rows', () => {
    const action: SharedResults['actions'][number] = {
      title: 'Weekly decision log',
      teamKey: 'ops',
      dimension: 'ownership',
      dimensionName: 'Ownership',
      owner: 'Ana',
      dueDate: '2026-06-30',
      status: 'planned',
    };
    // Preact's debug mode reports children that share a key: an update would mix them up.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const html = renderToString(
      h(
        AppStateContext.Provider,
        { value: createAppState('en') },
        h(SharedActionList, { actions: [action, { ...action, owner: 'Bo' }], teamName: 'Operations' }),
      ),
    );
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(reported.mock.calls.filter(([message]) => /same key/.test(String(message)))).toEqual([]);
  });
});
