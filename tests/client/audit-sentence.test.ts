import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageKey } from '../../client/src/i18n/en.ts';
import { loadCatalog, translate } from '../../client/src/i18n/translate.ts';
import {
  type AuditEntry,
  accessText,
  auditSentence,
  teamNamer,
} from '../../client/src/pages/console/audit-sentence.ts';

const entry = (
  action: string,
  detail: Record<string, unknown> = {},
  more: Partial<AuditEntry> = {},
): AuditEntry => ({
  id: '1',
  at: '2026-11-26T10:00:00Z',
  actorEmail: 'maria@example.org',
  action,
  detail,
  waveTitle: 'Spring pulse',
  ...more,
});
const t = (locale: string) => (key: MessageKey, values?: Record<string, string | number>) =>
  translate(locale, key, values);
const say = (locale: string, e: AuditEntry, teamName?: (key: string) => string) =>
  auditSentence(e, t(locale), teamName);

describe('the audit log in words', () => {
  // Languages other than English arrive on demand, as in the browser.
  beforeAll(() => loadCatalog('es'));

  it('says who did what to which wave, in the reader’s language', () => {
    expect(say('en', entry('wave.open', { waveId: 'w' }))).toBe(
      'maria@example.org opened the wave Spring pulse.',
    );
    expect(say('es', entry('wave.open', { waveId: 'w' }))).toBe(
      'maria@example.org abrió la oleada Spring pulse.',
    );
    expect(say('en', entry('member.add', { email: 'ana@example.org', role: 'leader' }))).toBe(
      'maria@example.org invited ana@example.org as Leader.',
    );
    expect(
      say(
        'en',
        entry('member.change', {
          email: 'ana@example.org',
          role: 'leader',
          teamKey: null,
          before: { role: 'leader', teamKey: 'sales' },
        }),
      ),
    ).toBe(
      'maria@example.org changed the access of ana@example.org from “Leader limited to sales” to “Leader of the whole organization”.',
    );
    expect(say('es', entry('teams.replace', { teams: 16, source: 'xlsx' }))).toBe(
      'maria@example.org importó la jerarquía de equipos (16 equipos).',
    );
    // An import that took teams from draft waves says what they lost with them.
    const draftWaves = [
      { waveId: 'a', wave: 'Spring pulse', teams: ['sales'], recipients: 2, personalCodes: 5, teamsLeft: 4 },
      {
        waveId: 'b',
        wave: 'Autumn pulse',
        teams: ['ops', 'eng'],
        recipients: 1,
        personalCodes: 0,
        teamsLeft: 0,
      },
    ];
    expect(say('en', entry('teams.replace', { teams: 3, source: 'csv', draftWaves }))).toBe(
      'maria@example.org imported the team hierarchy (3 teams); draft waves lost 3 teams, with 3 recipients and 5 personal codes.',
    );
    expect(say('en', entry('action.create', { teamKey: 'ops' }))).toBe(
      'maria@example.org committed to an action for the team ops after the wave Spring pulse.',
    );
    expect(say('en', entry('action.create', { teamKey: null }))).toBe(
      'maria@example.org committed to an action for the whole organization after the wave Spring pulse.',
    );
  });

  it('says when the clock acted rather than a person', () => {
    expect(say('en', entry('wave.close', { by: 'deadline' }, { actorEmail: null }))).toBe(
      'The wave Spring pulse closed at its deadline.',
    );
    expect(say('en', entry('wave.remind', { recipients: 40, by: 'schedule' }, { actorEmail: null }))).toBe(
      'The 40 recipients of the wave Spring pulse were reminded as scheduled.',
    );
    expect(say('en', entry('wave.personal-codes', { teamKey: 'ops', personalCodes: false }))).toBe(
      'maria@example.org turned off personal codes for the team ops in the wave Spring pulse.',
    );
  });

  it('has a sentence for every action the server records, and shows an unknown one by its code', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((f) =>
        f.isDirectory() ? files(`${dir}/${f.name}`) : f.name.endsWith('.ts') ? [`${dir}/${f.name}`] : [],
      );
    const actions = new Set(
      files('server').flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/action: '([a-z-]+\.[a-z-]+)'/g)].map((m) => m[1]!),
      ),
    );
    expect(actions.size).toBeGreaterThan(15);
    for (const action of actions) expect(say('en', entry(action)), action).not.toContain(action);
    expect(say('en', entry('future.thing', {}, { waveTitle: null }))).toBe('maria@example.org: future.thing');
  });

  it('names a team as the organization has it now, and by its key once it is gone', () => {
    // The log keeps keys; the page has today's teams. "apps" was removed since it was logged.
    const names = teamNamer([
      { key: 'eng-apps', name: 'Applications' },
      { key: 'ops', name: 'Operations' },
    ]);
    expect(say('en', entry('action.create', { teamKey: 'eng-apps' }), names)).toBe(
      'maria@example.org committed to an action for the team Applications after the wave Spring pulse.',
    );
    expect(say('en', entry('wave.invitations', { teamKey: 'ops', count: 1 }), names)).toBe(
      'maria@example.org generated 1 personal code for the team Operations in the wave Spring pulse.',
    );
    expect(say('es', entry('wave.personal-codes', { teamKey: 'ops', personalCodes: true }), names)).toBe(
      say('es', entry('wave.personal-codes', { teamKey: 'Operations', personalCodes: true })),
    );
    expect(say('en', entry('action.create', { teamKey: 'apps' }), names)).toBe(
      'maria@example.org committed to an action for the team apps after the wave Spring pulse.',
    );
    expect(
      say(
        'en',
        entry('member.change', {
          email: 'ana@example.org',
          role: 'leader',
          teamKey: 'eng-apps',
          before: { role: 'leader', teamKey: 'apps' },
        }),
        names,
      ),
    ).toBe(
      'maria@example.org changed the access of ana@example.org from “Leader limited to apps” to “Leader limited to Applications”.',
    );
    // The people tab words a change of access the same way before asking to confirm it.
    expect(accessText(t('en'), 'leader', 'ops', names)).toBe('Leader limited to Operations');
    expect(accessText(t('en'), 'consultant', 'ops', names)).toBe('Consultant');
  });
});
