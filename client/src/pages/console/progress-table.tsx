import { api } from '../../api.ts';
import { PolledPart } from '../../components/load-state.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { answersOf, hasMail, indentOf, percent, TARGET_PERCENT } from './progress-figures.ts';
import { usePolling } from './use-polling.ts';
import type { Wave, WaveProgress } from './wave-types.ts';

/** Often enough to watch participation climb after a reminder, rarely enough to cost nothing. */
const REFRESH_MS = 30_000;

/**
 * Participation of a wave as a consultant steers it: each team and its sub-teams against their
 * headcount, the teams behind target, and the mail per team. Counts only, never an answer (R6:
 * leaders never see this; they get the closed report's published groups instead).
 */
export function ProgressTable({ wave }: { wave: Wave }) {
  const { state } = useAppState();
  const { t } = state;
  const { resource: progress, reload } = usePolling(
    async () => ({ data: await api<WaveProgress>(`/api/waves/${wave.id}/progress`), at: new Date() }),
    { everyMs: REFRESH_MS, live: wave.status === 'open', key: wave.id },
  );

  const current = progress.value;
  const headingId = `progress-${wave.id}`;
  if (current.status !== 'ready')
    return (
      <div class="progress-view">
        <PolledPart
          title={t('wave.participation')}
          headingId={headingId}
          resource={current}
          onRetry={reload}
        />
      </div>
    );
  const { data, at } = current.data;
  return (
    // Not a landmark of its own: the table inside is the named region, one per page.
    <div class="progress-view">
      <h2 id={headingId}>{t('wave.participation')}</h2>
      <p class="muted">{t('progress.help', { target: TARGET_PERCENT })}</p>
      <ProgressGrid data={data} />
      <p class="progress-foot">
        <a class="button" href={`/api/waves/${wave.id}/progress.csv`} download>
          {t('report.downloadCsv')}
        </a>{' '}
        <span class="muted">
          {t(wave.status === 'open' ? 'progress.updatedLive' : 'progress.updated', {
            time: formatDate(state.locale.value, at, 'time'),
          })}
        </span>
      </p>
    </div>
  );
}

/**
 * The participation table itself: the organization, then each team in the hierarchy's order, with
 * the mail columns once there is mail to count; every figure as the language writes it.
 */
export function ProgressGrid({ data }: { data: WaveProgress }) {
  const { t, locale } = useAppState().state;
  const count = (value: number) => formatNumber(locale.value, value);
  const mail = hasMail(data);
  return (
    <ScrollRegion label={t('wave.participation')}>
      <table class="data progress-table">
        <thead>
          <tr>
            <th scope="col">{t('report.team')}</th>
            <th scope="col">{t('progress.answers')}</th>
            <th scope="col">{t('wave.rate')}</th>
            <th scope="col">{t('progress.withSubteams')}</th>
            <th scope="col">{t('progress.subtreeRate')}</th>
            {mail && <th scope="col">{t('progress.mailSent')}</th>}
            {mail && <th scope="col">{t('progress.mailFailed')}</th>}
          </tr>
        </thead>
        <tbody>
          <tr class="progress-total">
            <th scope="row">{t('report.organization')}</th>
            <td />
            <td />
            <td>{answersOf(data.total, locale.value)}</td>
            <td>{percent(data.total.rate, locale.value)}</td>
            {mail && <td>{count(data.teams.reduce((sum, team) => sum + team.mail.sent, 0))}</td>}
            {mail && <td>{count(data.teams.reduce((sum, team) => sum + team.mail.failed, 0))}</td>}
          </tr>
          {data.teams.map((row) => (
            <tr key={row.teamKey} class={row.belowTarget ? 'below-target' : undefined}>
              {/* Indentation set through the CSSOM, which the content security policy allows. */}
              <th scope="row" class="progress-team" style={{ paddingLeft: indentOf(row.depth) }}>
                {row.depth > 0 && (
                  <span class="visually-hidden">{t('progress.level', { level: row.depth + 1 })} </span>
                )}
                {row.teamName}
                {row.belowTarget && (
                  <>
                    {' '}
                    <span class="badge badge-warn">{t('progress.belowTarget')}</span>
                  </>
                )}
                {row.full && (
                  <>
                    {' '}
                    <span class="badge badge-closed" title={t('wave.linkFullHelp')}>
                      {t('wave.linkFull')}
                    </span>
                  </>
                )}
              </th>
              <td>{answersOf(row, locale.value)}</td>
              <td>{percent(row.rate, locale.value)}</td>
              <td>{answersOf(row.subtree, locale.value)}</td>
              <td>{percent(row.subtree.rate, locale.value)}</td>
              {mail && <td>{count(row.mail.sent)}</td>}
              {mail && (
                <td class={row.mail.failed > 0 ? 'mail-failed' : undefined}>{count(row.mail.failed)}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
