import type { Team } from '../../../../shared/contract/teams.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { TeamImport } from './team-import.tsx';

/** The team hierarchy as it stands, and (for those who run the organization) its import. */
export function TeamsTab({
  orgId,
  teams,
  manager,
  onSaved,
}: {
  orgId: string;
  teams: Team[];
  manager: boolean;
  onSaved: (count: number) => Promise<void>;
}) {
  const { t, locale } = useAppState().state;
  return (
    <section aria-labelledby="teams-heading">
      <h2 class="visually-hidden" id="teams-heading">
        {t('org.teams')}
      </h2>
      {teams.length === 0 ? (
        <p class="empty-state">{t(manager ? 'org.empty.importTeams' : 'org.empty.noTeamsLeader')}</p>
      ) : (
        <ul class="tree">
          {teams.map((team) => (
            <li key={team.key} class={`depth-${Math.min(team.depth, 4)}`}>
              {team.name}{' '}
              <span class="muted">
                ({team.key}
                {team.headcount !== null ? `, ${formatNumber(locale.value, team.headcount)}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
      {manager && <TeamImport orgId={orgId} onSaved={onSaved} />}
    </section>
  );
}
