import type { Team } from '../../../../shared/contract/teams.ts';
import { api } from '../../api.ts';
import { PartState } from '../../components/load-state.tsx';
import { useResource } from '../../components/resource.ts';
import { formatDate } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { type AuditEntry, auditSentence, teamNamer } from './audit-sentence.ts';

/** The latest entries of an organization's log in words; the whole log, with codes, as CSV. */
export function AuditTab({ orgId, teams }: { orgId: string; teams: Team[] }) {
  const { state } = useAppState();
  const { t } = state;
  const teamName = teamNamer(teams);
  const { resource, reload } = useResource(
    () => api<AuditEntry[]>(`/api/organizations/${orgId}/audit`),
    orgId,
  );
  const current = resource.value;
  return (
    <section aria-labelledby="audit-heading">
      <h2 class="visually-hidden" id="audit-heading">
        {t('org.audit')}
      </h2>
      <p>
        <a href={`/api/organizations/${orgId}/audit.csv`} download>
          {t('org.auditCsv')}
        </a>
      </p>
      <PartState resource={current} onRetry={reload} />
      {current.status === 'ready' &&
        (current.data.length === 0 ? (
          <p class="empty-state">{t('org.empty.noAudit')}</p>
        ) : (
          <div class="scroll-x">
            <table class="data">
              <tbody>
                {current.data.slice(0, 50).map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatDate(state.locale.value, entry.at, 'dateTime')}</td>
                    <td>{auditSentence(entry, t, teamName)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
