import { type ComponentChild, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../client/src/i18n/translate.ts';
import { DeliveryCounts, HeldUp, UploadedTeams } from '../../client/src/pages/console/delivery-section.tsx';
import { ProgressGrid } from '../../client/src/pages/console/progress-table.tsx';
import { TeamsTab } from '../../client/src/pages/console/teams-tab.tsx';
import { ParticipationTable } from '../../client/src/pages/console/wave-page.tsx';
import type { Delivery, WaveProgress } from '../../client/src/pages/console/wave-types.ts';
import { AppStateContext, createAppState } from '../../client/src/state/app-state.ts';

/** What a console part shows in `locale`, as text: tags dropped, each cell apart. */
function shown(locale: string, part: ComponentChild): string {
  const html = renderToString(h(AppStateContext.Provider, { value: createAppState(locale) }, part));
  return html.replace(/<[^>]+>/g, ' ').replace(/ +/g, ' ');
}

const mail = { recipients: 12_000, queued: 1_500, sent: 10_250, failed: 1_204 };
const delivery: Delivery = {
  emailConfigured: true,
  ...mail,
  failedAddresses: [],
  heldUp: { messages: 0, lastError: null },
  teams: [{ teamKey: 'ops', teamName: 'Operations', personalCodes: false, ...mail }],
};

const progress: WaveProgress = {
  total: { responses: 1_204, headcount: 2_000, rate: 0.602 },
  teams: [
    {
      teamKey: 'ops',
      teamName: 'Operations',
      parentKey: null,
      depth: 0,
      responses: 1_204,
      headcount: 2_000,
      rate: 0.602,
      full: false,
      subtree: { responses: 1_204, headcount: 2_000, rate: 0.602 },
      belowTarget: false,
      mail: { recipients: 2_000, queued: 0, sent: 1_999, failed: 1_001 },
    },
  ],
};

describe('counts in the console, written as the language writes numbers', () => {
  beforeAll(async () => {
    await Promise.all(['de', 'fr'].map(loadCatalog));
  });

  it('groups the mail figures of a wave and of each team', () => {
    const german = shown('de', h(DeliveryCounts, { data: delivery }));
    for (const figure of ['12.000', '1.500', '10.250', '1.204']) expect(german).toContain(` ${figure} `);
    expect(german).not.toMatch(/\b12000\b/);
  });

  it('shows messages held up by the mail server, with its last words, and nothing when none are', () => {
    const lastError =
      'Can’t send mail - all recipients were rejected: 554 5.7.1 <<address>>: Relay access denied';
    const french = shown('fr', h(HeldUp, { heldUp: { messages: 1_500, lastError } }));
    expect(french).toContain('1\u202f500 messages attendent une nouvelle tentative');
    expect(french).toContain('Relay access denied');
    expect(shown('en', h(HeldUp, { heldUp: { messages: 1, lastError: null } }))).toContain(
      '1 message is waiting to be tried again',
    );
    expect(shown('en', h(HeldUp, { heldUp: { messages: 0, lastError: null } })).trim()).toBe('');
  });

  it('says how many recipients each team got with the language’s own colon', () => {
    const part = h(UploadedTeams, {
      uploaded: { teams: [{ teamKey: 'ops', recipients: 1_204 }], invited: 0 },
      teamName: new Map([['ops', 'Opérations']]),
    });
    expect(shown('fr', part)).toContain('Opérations\u202f: 1\u202f204');
    expect(shown('en', part)).toContain('Opérations: 1,204');
  });

  it('groups the mail columns of the participation table', () => {
    const german = shown('de', h(ProgressGrid, { data: progress }));
    expect(german).toContain(' 1.999 ');
    expect(german).toContain(' 1.001 ');
    expect(german).not.toMatch(/\b1999\b/);
  });

  it('groups the published participation a leader reads', () => {
    const rows = [
      { teamKey: 'ops', teamName: 'Operations', responses: 1_204, headcount: 2_000, rate: 0.602 },
    ];
    const german = shown('de', h(ParticipationTable, { rows }));
    expect(german).toContain(' 1.204 ');
    expect(german).toContain(' 2.000 ');
  });

  it('groups a team’s headcount in the hierarchy', () => {
    const teams = [{ key: 'ops', name: 'Operations', parentKey: null, headcount: 12_000, depth: 0 }];
    const part = h(TeamsTab, { orgId: 'o', teams, manager: false, onSaved: async () => {} });
    expect(shown('de', part)).toContain('(ops, 12.000)');
  });
});
