import { useSignal } from '@preact/signals';
import type { InvitedMember, Member, NewMember } from '../../../../shared/contract/members.ts';
import type { Team } from '../../../../shared/contract/teams.ts';
import { api } from '../../api.ts';
import { useConfirm } from '../../components/confirm-dialog.tsx';
import { changeAccess, removeMember } from '../../components/confirmations.ts';
import { PartState } from '../../components/load-state.tsx';
import { Problems } from '../../components/problems.tsx';
import { useResource } from '../../components/resource.ts';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { useAppState } from '../../state/app-state.ts';
import { accessText, teamNamer } from './audit-sentence.ts';

/**
 * Who has access to the organization, invitations, and taking access back. A change to one's own
 * access (a consultant who makes themselves a leader, or leaves) is told to the page, which then
 * offers only what they may still do.
 */
export function PeopleTab({
  orgId,
  teams,
  onOwnAccessChanged,
}: {
  orgId: string;
  teams: Team[];
  onOwnAccessChanged: () => Promise<void>;
}) {
  const { t, explainLines, user } = useAppState().state;
  const teamName = teamNamer(teams);
  const isMe = (email: string) => email.trim().toLowerCase() === user.value?.email.toLowerCase();
  const { resource, reload } = useResource(() => api<Member[]>(`/api/organizations/${orgId}/members`), orgId);
  const { ask, dialog } = useConfirm();
  const problems = useSignal<string[]>([]);
  const inviteEmail = useSignal('');
  const inviteRole = useSignal<'leader' | 'consultant'>('leader');
  const inviteTeam = useSignal('');
  // Named with the person it is for, and gone at the next step: a bare link left beside a later
  // failure, or after the invitation was withdrawn, gets sent to the wrong person, who then holds
  // another's account.
  const inviteLink = useSignal<{ email: string; url: string } | null>(null);

  // Ends this person's access here only (and kills an invitation not yet accepted); their other
  // organizations and their sessions stay.
  async function remove(member: Member) {
    if (!(await ask(removeMember(member)))) return;
    problems.value = [];
    inviteLink.value = null;
    try {
      await api(`/api/organizations/${orgId}/members/${member.id}`, { method: 'DELETE' });
      if (isMe(member.email)) await onOwnAccessChanged();
      await reload();
    } catch (error) {
      problems.value = explainLines(error);
    }
  }

  async function send(member: NewMember): Promise<boolean> {
    problems.value = [];
    inviteLink.value = null;
    try {
      const result = await api<InvitedMember>(`/api/organizations/${orgId}/members`, {
        method: 'POST',
        body: member,
      });
      inviteLink.value = result.inviteUrl ? { email: result.member.email, url: result.inviteUrl } : null;
      if (isMe(member.email)) await onOwnAccessChanged();
      await reload();
      return true;
    } catch (error) {
      problems.value = explainLines(error);
      return false;
    }
  }

  async function invite(event: Event) {
    event.preventDefault();
    const member: NewMember = {
      email: inviteEmail.value,
      role: inviteRole.value,
      ...(inviteRole.value === 'leader' && inviteTeam.value ? { teamKey: inviteTeam.value } : {}),
    };
    // Someone already here: inviting them again changes their access, which is said first.
    const known = current.status === 'ready' ? current.data : [];
    const existing = known.find((m) => m.email.toLowerCase() === member.email.trim().toLowerCase());
    if (
      existing &&
      (existing.role !== member.role || (existing.teamKey ?? null) !== (member.teamKey ?? null)) &&
      !(await ask(
        changeAccess(
          existing.email,
          accessText(t, existing.role, existing.teamKey, teamName),
          accessText(t, member.role, member.teamKey ?? null, teamName),
        ),
      ))
    )
      return;
    if (await send(member)) inviteEmail.value = '';
  }

  /** A new link for someone who has not accepted yet (the last one expired, say), access unchanged. */
  const newLink = (member: Member) =>
    send({
      email: member.email,
      role: member.role,
      ...(member.teamKey ? { teamKey: member.teamKey } : {}),
    });

  const current = resource.value;
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">{t('org.members')}</h2>
      <Problems problems={problems} />
      <PartState resource={current} onRetry={reload} />
      {current.status === 'ready' &&
        (current.data.length === 0 ? (
          <p class="empty-state">{t('org.empty.noPeople')}</p>
        ) : (
          <ScrollRegion label={t('org.membersTable')}>
            <table class="data people-table">
              <thead>
                <tr>
                  <th scope="col">{t('org.inviteEmail')}</th>
                  <th scope="col">{t('org.inviteRole')}</th>
                  <th scope="col">{t('report.team')}</th>
                  <th scope="col">{t('org.memberStatus')}</th>
                  <td />
                </tr>
              </thead>
              <tbody>
                {current.data.map((m) => (
                  <tr key={m.id}>
                    <td>{m.email}</td>
                    <td>{t(`role.${m.role}`)}</td>
                    <td>{m.teamKey === null ? '' : teamName(m.teamKey)}</td>
                    <td>{t(m.status === 'active' ? 'org.status.active' : 'org.status.invited')}</td>
                    <td>
                      {m.status === 'invited' && (
                        <button
                          type="button"
                          class="link"
                          // Named by what it shows, then whose it is (WCAG 2.5.3); the rest as a hint.
                          title={t('org.newLinkFor', { email: m.email })}
                          onClick={() => void newLink(m)}
                        >
                          {t('org.newLink')}
                          <span class="visually-hidden"> · {m.email}</span>
                        </button>
                      )}{' '}
                      <button
                        type="button"
                        class="link"
                        aria-label={t('org.removeWho', { email: m.email })}
                        onClick={() => remove(m)}
                      >
                        {t('org.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ))}
      <form class="inline-form" onSubmit={invite}>
        <h3>{t('org.inviteTitle')}</h3>
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
              // Only leaders are limited to a team (the server refuses a team for a consultant).
              if (inviteRole.value !== 'leader') inviteTeam.value = '';
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
            disabled={inviteRole.value !== 'leader'}
            onChange={(e) => {
              inviteTeam.value = e.currentTarget.value;
            }}
          >
            <option value="">—</option>
            {teams.map((team) => (
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
          {t('org.inviteLink', { email: inviteLink.value.email })} <code>{inviteLink.value.url}</code>
        </p>
      )}
      {dialog}
    </section>
  );
}
