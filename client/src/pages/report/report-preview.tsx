import type { AppState } from '../../state/app-state.ts';
import type { Report } from './report-types.ts';

/**
 * A consultant's look at a wave that is still open: who has answered where, and which groups will
 * be shown at close. The server sends no figures for an open wave (two looks a few minutes apart
 * would give away whoever answered in between), so this page says so instead of drawing an empty
 * heat map.
 */
export function ReportPreview({ report, t }: { report: Report; t: AppState['state']['t'] }) {
  const k = report.anonymityThreshold;
  const status = (group: Report['organization']) =>
    !group.suppressed
      ? t('preview.shown')
      : group.suppressionReason === 'complementary'
        ? t('report.protecting')
        : t('report.suppressed', { k });
  return (
    <div class="report">
      <header class="report-header">
        <div>
          <h1>{report.wave.title}</h1>
          <p class="muted">
            {report.organization.name} · {t('preview.badge')}
          </p>
        </div>
      </header>
      <p class="notice" role="status">
        {t('preview.explain')}
      </p>
      <section class="card">
        <h2>{t('preview.heading')}</h2>
        <div class="scroll-x">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('report.team')}</th>
                <th scope="col">{t('preview.answered')}</th>
                <th scope="col">{t('preview.atClose')}</th>
              </tr>
            </thead>
            <tbody>
              {[report.organization, ...report.groups].map((group) => (
                <tr key={group.teamKey ?? 'org'}>
                  <th scope="row" class={`depth-${Math.min(group.depth + (group.teamKey ? 1 : 0), 4)}`}>
                    {group.teamKey === null ? t('report.organization') : group.name}
                  </th>
                  <td>{group.n ?? t('preview.notShown')}</td>
                  <td>{status(group)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
