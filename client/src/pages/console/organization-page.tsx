import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { useAppState } from '../../state/app-state.ts';
import { AuditLog } from './audit-log.tsx';
import type { AuditEntry } from './audit-sentence.ts';
import { localInputToIso, parseReminderDays } from './schedule.ts';
import { ScheduleFields, useQuestionnaireLanguages } from './schedule-fields.tsx';
import { TeamImport } from './team-import.tsx';
import { WavePanel } from './wave-panel.tsx';
import type { Wave } from './wave-types.ts';

interface Organization {
  id: string;
  name: string;
  anonymityThreshold: number;
}
interface Team {
  key: string;
  name: string;
  parentKey: string | null;
  headcount: number | null;
  depth: number;
}
interface Member {
  /** The membership's id: the organization never sees account ids. */
  id: string;
  email: string;
  role: 'leader' | 'consultant';
  teamKey: string | null;
  status: string;
}
export function OrganizationPage({ orgId }: { orgId: string }) {
  const { state } = useAppState();
  const { t } = state;
  const org = useSignal<Organization | null>(null);
  const teams = useSignal<Team[]>([]);
  const waves = useSignal<Wave[]>([]);
  const members = useSignal<Member[]>([]);
  const auditLog = useSignal<AuditEntry[]>([]);
  const message = useSignal('');
  const problems = useSignal<string[]>([]);
  const waveTitle = useSignal('');
  const questionnaire = useSignal('trust-os-pulse@1.0.0');
  const closesAt = useSignal('');
  const opensAt = useSignal('');
  const reminderDays = useSignal('');
  const emailLocale = useSignal('');
  const inviteEmail = useSignal('');
  const inviteRole = useSignal<'leader' | 'consultant'>('leader');
  const inviteTeam = useSignal('');
  const inviteLink = useSignal('');

  const isManager = () => {
    const user = state.user.value;
    return Boolean(
      user?.isAdmin || user?.memberships.some((m) => m.organizationId === orgId && m.role === 'consultant'),
    );
  };

  async function load() {
    org.value = await api<Organization>(`/api/organizations/${orgId}`);
    teams.value = (await api<{ teams: Team[] }>(`/api/organizations/${orgId}/teams`)).teams;
    waves.value = await api<Wave[]>(`/api/organizations/${orgId}/waves`);
    if (isManager()) {
      members.value = await api<Member[]>(`/api/organizations/${orgId}/members`);
      auditLog.value = await api<AuditEntry[]>(`/api/organizations/${orgId}/audit`);
    }
  }
  useEffect(() => {
    if (state.user.value) void load();
  }, [orgId, state.user.value]);

  const report = (error: unknown) => {
    if (error instanceof ApiError)
      problems.value =
        error.fields.length > 0 ? error.fields.map((f) => `${f.field}: ${f.message}`) : [error.message];
    else problems.value = [t('common.error')];
  };

  const [questionnaireKey = '', questionnaireVersion = ''] = questionnaire.value.split('@');
  const languages = useQuestionnaireLanguages(questionnaireKey, questionnaireVersion);
  // The emails default to the questionnaire's own language until the consultant picks another.
  useEffect(() => {
    emailLocale.value = languages.value?.locale ?? '';
  }, [languages.value]);

  async function createWave(event: Event) {
    event.preventDefault();
    problems.value = [];
    const days = parseReminderDays(reminderDays.value);
    if (!days.ok) {
      problems.value = [t(days.problem.key, days.problem.values)];
      return;
    }
    const opens = localInputToIso(opensAt.value);
    const closes = localInputToIso(closesAt.value);
    try {
      await api(`/api/organizations/${orgId}/waves`, {
        method: 'POST',
        body: {
          title: waveTitle.value,
          questionnaire: { key: questionnaireKey, version: questionnaireVersion },
          ...(closes ? { closesAt: closes } : {}),
          ...(opens ? { opensAt: opens } : {}),
          ...(days.days.length > 0 ? { reminderDays: days.days } : {}),
          ...(emailLocale.value ? { locale: emailLocale.value } : {}),
        },
      });
      waveTitle.value = '';
      opensAt.value = '';
      reminderDays.value = '';
      await load();
    } catch (error) {
      report(error);
    }
  }

  // Ends this person's access here only (and kills an invitation not yet accepted); their other
  // organizations and their sessions stay.
  async function removeMember(member: Member) {
    if (!window.confirm(t('org.removeConfirm', { email: member.email }))) return;
    try {
      await api(`/api/organizations/${orgId}/members/${member.id}`, { method: 'DELETE' });
      members.value = members.value.filter((m) => m.id !== member.id);
    } catch (error) {
      report(error);
    }
  }

  async function invite(event: Event) {
    event.preventDefault();
    problems.value = [];
    try {
      const result = await api<{ inviteUrl: string | null }>(`/api/organizations/${orgId}/members`, {
        method: 'POST',
        body: {
          email: inviteEmail.value,
          role: inviteRole.value,
          ...(inviteTeam.value ? { teamKey: inviteTeam.value } : {}),
        },
      });
      inviteLink.value = result.inviteUrl ?? '';
      inviteEmail.value = '';
      await load();
    } catch (error) {
      report(error);
    }
  }

  return (
    <PageFrame title={org.value?.name ?? t('common.loading')}>
      {!org.value ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <h1>{org.value.name}</h1>
          <p class="muted">k = {org.value.anonymityThreshold}</p>
          <p>
            <a class="button" href={`/console/${orgId}/actions`}>
              {t('actions.page')}
            </a>
          </p>
          {problems.value.length > 0 && (
            <div class="notice" role="alert">
              <ul>
                {problems.value.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {message.value && (
            <p class="success" role="status">
              {message.value}
            </p>
          )}

          <section class="card">
            <h2>{t('org.waves')}</h2>
            {waves.value.map((wave) => (
              <WavePanel key={wave.id} wave={wave} manager={isManager()} onChange={load} onProblem={report} />
            ))}
            {isManager() && teams.value.length > 0 && (
              <form class="inline-form" onSubmit={createWave}>
                <h3>{t('org.newWave')}</h3>
                <label class="field">
                  <span>{t('org.waveTitle')}</span>
                  <input
                    required
                    maxLength={200}
                    value={waveTitle.value}
                    onInput={(e) => {
                      waveTitle.value = e.currentTarget.value;
                    }}
                  />
                </label>
                <label class="field">
                  <span>{t('org.questionnaire')}</span>
                  <select
                    value={questionnaire.value}
                    onChange={(e) => {
                      questionnaire.value = e.currentTarget.value;
                    }}
                  >
                    <option value="trust-os-pulse@1.0.0">Trust OS Pulse 1.0.0</option>
                    <option value="trust-os-diagnostic@1.0.0">Trust OS Diagnostic 1.0.0</option>
                  </select>
                </label>
                <label class="field">
                  <span>{t('org.closesAt')}</span>
                  <input
                    type="datetime-local"
                    value={closesAt.value}
                    onInput={(e) => {
                      closesAt.value = e.currentTarget.value;
                    }}
                  />
                </label>
                <ScheduleFields
                  idPrefix="new-wave"
                  opensAt={opensAt}
                  reminderDays={reminderDays}
                  locale={emailLocale}
                  locales={languages.value?.locales ?? []}
                />
                <button type="submit" class="primary">
                  {t('org.createWave')}
                </button>
              </form>
            )}
          </section>

          <section class="card">
            <h2>{t('org.teams')}</h2>
            <ul class="tree">
              {teams.value.map((team) => (
                <li key={team.key} class={`depth-${Math.min(team.depth, 4)}`}>
                  {team.name}{' '}
                  <span class="muted">
                    ({team.key}
                    {team.headcount !== null ? `, ${team.headcount}` : ''})
                  </span>
                </li>
              ))}
            </ul>
            {isManager() && (
              <TeamImport
                orgId={orgId}
                onSaved={async (count) => {
                  problems.value = [];
                  message.value = t('org.teamsSaved', { count });
                  await load();
                }}
              />
            )}
          </section>

          {isManager() && (
            <section class="card">
              <h2>{t('org.members')}</h2>
              <table class="data">
                <tbody>
                  {members.value.map((m) => (
                    <tr key={m.id}>
                      <td>{m.email}</td>
                      <td>{t(`role.${m.role}`)}</td>
                      <td>{m.teamKey ?? ''}</td>
                      <td>{t(m.status === 'active' ? 'org.status.active' : 'org.status.invited')}</td>
                      <td>
                        <button type="button" class="link" onClick={() => removeMember(m)}>
                          {t('org.remove')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <form class="inline-form" onSubmit={invite}>
                <label class="field">
                  <span>{t('org.inviteEmail')}</span>
                  <input
                    type="email"
                    required
                    value={inviteEmail.value}
                    onInput={(e) => {
                      inviteEmail.value = e.currentTarget.value;
                    }}
                  />
                </label>
                <label class="field">
                  <span>{t('org.inviteRole')}</span>
                  <select
                    value={inviteRole.value}
                    onChange={(e) => {
                      inviteRole.value = e.currentTarget.value as 'leader' | 'consultant';
                    }}
                  >
                    <option value="leader">{t('role.leader')}</option>
                    <option value="consultant">{t('role.consultant')}</option>
                  </select>
                </label>
                <label class="field">
                  <span>{t('org.inviteTeam')}</span>
                  <select
                    value={inviteTeam.value}
                    onChange={(e) => {
                      inviteTeam.value = e.currentTarget.value;
                    }}
                  >
                    <option value="">—</option>
                    {teams.value.map((team) => (
                      <option key={team.key} value={team.key}>
                        {team.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" class="primary">
                  {t('org.invite')}
                </button>
              </form>
              {inviteLink.value && (
                <p class="success">
                  {t('org.inviteLink')} <code>{inviteLink.value}</code>
                </p>
              )}
            </section>
          )}

          {isManager() && <AuditLog orgId={orgId} entries={auditLog.value} />}
        </>
      )}
    </PageFrame>
  );
}
