import { useAppState } from '../../state/app-state.ts';
import { type AuditEntry, auditSentence } from './audit-sentence.ts';

/** The latest entries of an organization's log in words; the whole log, with codes, as CSV. */
export function AuditLog({ orgId, entries }: { orgId: string; entries: AuditEntry[] }) {
  const { state } = useAppState();
  const { t } = state;
  return (
    <section class="card">
      <h2>{t('org.audit')}</h2>
      <p>
        <a href={`/api/organizations/${orgId}/audit.csv`} download>
          {t('org.auditCsv')}
        </a>
      </p>
      <table class="data">
        <tbody>
          {entries.slice(0, 50).map((entry) => (
            <tr key={entry.id}>
              <td>{new Date(entry.at).toLocaleString(state.locale.value)}</td>
              <td>{auditSentence(entry, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
