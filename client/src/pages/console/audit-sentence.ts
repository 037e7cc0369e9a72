import type { AuditEntry } from '../../../../shared/contract/members.ts';
import type { MessageKey } from '../../i18n/en.ts';

/** An entry of the audit log as the server sends it (GET /api/organizations/:orgId/audit). */
export type { AuditEntry };

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A team's name from its key, for a page that has the organization's teams. */
export type TeamName = (key: string) => string;

const keyOnly: TeamName = (key) => key;

/**
 * Names teams as the organization has them now. The log keeps keys, which outlive a renaming; a
 * key no current team has (the team was removed since) is shown as it is, the only name left.
 */
export function teamNamer(teams: readonly { key: string; name: string }[]): TeamName {
  const names = new Map(teams.map((team) => [team.key, team.name]));
  return (key) => names.get(key) ?? key;
}

/** Someone's access to an organization in words: "Consultant", "Leader limited to Operations". */
export function accessText(
  t: Translate,
  role: unknown,
  teamKey: unknown,
  teamName: TeamName = keyOnly,
): string {
  if (role === 'consultant') return t('role.consultant');
  return typeof teamKey === 'string' && teamKey !== ''
    ? t('access.leaderOf', { team: teamName(teamKey) })
    : t('access.leader');
}

/** Actions with a sentence of their own; any other is shown with its raw code. */
const SENTENCES = new Set([
  'auth.login',
  'auth.password-change',
  'member.accept',
  'member.add',
  'member.change',
  'member.remove',
  'organization.create',
  'teams.replace',
  'wave.create',
  'wave.open',
  'wave.close',
  'wave.schedule',
  'wave.recipients',
  'wave.remind',
  'wave.invitations',
  'report.export',
  'action.create',
  'action.update',
  'results.share',
  'results.revoke',
]);

/**
 * One entry as a sentence in the reader's language: "maria@example.org opened the wave Spring
 * pulse". What the clock did rather than a person (a scheduled opening, a deadline) says so. A team
 * is named by `teamName` where the page has the teams; the raw code and keys stay in the CSV export.
 */
export function auditSentence(entry: AuditEntry, t: Translate, teamName: TeamName = keyOnly): string {
  const detail = entry.detail;
  const text = (name: string) => {
    const value = detail[name];
    return typeof value === 'string' || typeof value === 'number' ? value : '';
  };
  const values: Record<string, string | number> = {
    actor: entry.actorEmail ?? t('audit.someone'),
    wave: entry.waveTitle ?? t('audit.aWave'),
    email: text('email'),
    name: text('name'),
    teams: text('teams'),
    team: typeof detail.teamKey === 'string' ? teamName(detail.teamKey) : text('teamKey'),
    recipients: text('recipients'),
    count: text('count'),
    role: detail.role === 'leader' || detail.role === 'consultant' ? t(`role.${detail.role}`) : text('role'),
    action: entry.action,
  };
  if (entry.action === 'member.change') {
    const before = (detail.before ?? {}) as { role?: unknown; teamKey?: unknown };
    values.before = accessText(t, before.role, before.teamKey, teamName);
    values.after = accessText(t, detail.role, detail.teamKey, teamName);
  }
  // An import that took teams from draft waves says what those drafts lost with them.
  if (entry.action === 'teams.replace' && Array.isArray(detail.draftWaves) && detail.draftWaves.length > 0) {
    const losses = detail.draftWaves as { teams?: unknown; recipients?: unknown; personalCodes?: unknown }[];
    const sum = (of: (loss: (typeof losses)[number]) => unknown) =>
      losses.reduce((total, loss) => total + (typeof of(loss) === 'number' ? (of(loss) as number) : 0), 0);
    return t('audit.teams.replace.drafts', {
      ...values,
      lost: sum((loss) => (Array.isArray(loss.teams) ? loss.teams.length : 0)),
      recipients: sum((loss) => loss.recipients),
      codes: sum((loss) => loss.personalCodes),
    });
  }
  const by = detail.by;
  if (entry.action === 'wave.personal-codes')
    return t(detail.personalCodes ? 'audit.wave.personal-codes.on' : 'audit.wave.personal-codes.off', values);
  if (by === 'schedule' && (entry.action === 'wave.open' || entry.action === 'wave.remind'))
    return t(`audit.${entry.action}.schedule`, values);
  if (by === 'deadline' && entry.action === 'wave.close') return t('audit.wave.close.deadline', values);
  // An action on the whole organization is on no team.
  if (entry.action === 'action.create' && detail.teamKey === null)
    return t('audit.action.create.organization', values);
  if (SENTENCES.has(entry.action)) return t(`audit.${entry.action}` as MessageKey, values);
  return t('audit.other', values);
}
